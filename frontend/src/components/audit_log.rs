//! A customer's audit log: newest first, filtered by date, downloadable as CSV.

use crate::api::{self, ApiError, AuditRange};
use crate::components::alert::{ErrorAlert, error_list};
use crate::components::download::save_file;
use crate::components::fields::FieldErrorText;
use crate::components::pagination::Pagination;
use crate::format;
use landlord_domain::wire::AuditEntryView;
use leptos::prelude::*;
use leptos::task::spawn_local;

const PER_PAGE: u32 = 20;

#[component]
pub fn AuditLog(id: i64, domain: String) -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let page = RwSignal::new(1_u32);
    let range = Memo::new(move |_| AuditRange {
        from: from.with(|f| format::day_start(f)),
        to: to.with(|t| format::day_end(t)),
    });
    // ISO dates compare correctly as text.
    let range_error = Signal::derive(move || {
        let (f, t) = (from.get(), to.get());
        (!f.is_empty() && !t.is_empty() && t < f)
            .then(|| "The end date must not be before the start date.".to_owned())
    });
    let entries = LocalResource::new(move || {
        let range = range.get();
        let page = page.get();
        let invalid = range_error.get().is_some();
        async move {
            if invalid {
                Ok(None)
            } else {
                api::audit_log(id, &range, page, PER_PAGE).await.map(Some)
            }
        }
    });

    let downloading = RwSignal::new(false);
    let download_error = RwSignal::new(None::<ApiError>);
    let file_name = format!("audit-log-{domain}.csv");
    let download = move |_| {
        let range = range.get_untracked();
        let file_name = file_name.clone();
        downloading.set(true);
        download_error.set(None);
        spawn_local(async move {
            let result = api::audit_log_csv(id, &range).await;
            downloading.set(false);
            match result {
                Ok(bytes) => {
                    if save_file(&bytes, &file_name, "text/csv").is_err() {
                        download_error.set(Some(ApiError::Decode(
                            "the browser refused to save the file".into(),
                        )));
                    }
                }
                Err(error) => download_error.set(Some(error)),
            }
        });
    };

    view! {
        <section class="audit-log" data-testid="audit-log" aria-label="Audit log">
            <div class="audit-toolbar">
                <div class="field field-compact">
                    <label for="audit-from">"From (UTC)"</label>
                    <input
                        id="audit-from"
                        type="date"
                        data-testid="audit-from"
                        prop:value=move || from.get()
                        on:input=move |ev| {
                            from.set(event_target_value(&ev));
                            page.set(1);
                        }
                    />
                </div>
                <div class="field field-compact">
                    <label for="audit-to">"To (UTC)"</label>
                    <input
                        id="audit-to"
                        type="date"
                        data-testid="audit-to"
                        prop:value=move || to.get()
                        on:input=move |ev| {
                            to.set(event_target_value(&ev));
                            page.set(1);
                        }
                    />
                </div>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="audit-download"
                    disabled=move || downloading.get() || range_error.with(Option::is_some)
                    on:click=download
                >
                    {move || if downloading.get() { "Preparing…" } else { "Download CSV" }}
                </button>
            </div>
            <FieldErrorText field="to" message=range_error />
            {move || download_error.get().map(|error| view! { <ErrorAlert error testid="audit-download-error" /> })}
            <Transition fallback=|| view! { <p class="muted" data-testid="audit-loading">"Loading events…"</p> }>
                <ErrorBoundary fallback=|errors| error_list(errors, "audit-error")>
                    {move || Suspend::new(async move {
                        entries
                            .await
                            .map(|answer| {
                                answer
                                    .map(|list| {
                                        let (current, total) = (list.page, list.total);
                                        let rows = if list.items.is_empty() {
                                            view! { <p class="empty-state muted" data-testid="audit-empty">"No events in this period."</p> }.into_any()
                                        } else {
                                            view! {
                                                <ol class="audit-list">
                                                    {list.items.into_iter().map(|entry| view! { <AuditEntry entry /> }).collect::<Vec<_>>()}
                                                </ol>
                                            }
                                                .into_any()
                                        };
                                        view! {
                                            {rows}
                                            <Pagination
                                                page=current
                                                per_page=PER_PAGE
                                                total
                                                noun=("event", "events")
                                                testid="audit-pagination"
                                                on_page=move |p| page.set(p)
                                            />
                                        }
                                    })
                            })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn AuditEntry(entry: AuditEntryView) -> impl IntoView {
    let failed = entry.outcome != "success";
    let actor = entry
        .actor_username
        .clone()
        .unwrap_or_else(|| "system".to_owned());
    let target = match &entry.target_id {
        Some(target) => format!("{} {target}", entry.target_type),
        None => entry.target_type.clone(),
    };
    let details = (!entry.details.is_null() && entry.details != serde_json::json!({}))
        .then(|| serde_json::to_string_pretty(&entry.details).unwrap_or_default());
    view! {
        <li class="audit-entry" data-testid="audit-entry" data-action=entry.action.clone() data-outcome=entry.outcome.clone()>
            <div class="audit-entry-main">
                <code class="audit-action">{entry.action.clone()}</code>
                <span class=if failed { "badge badge-suspended" } else { "badge badge-active" }>{entry.outcome.clone()}</span>
            </div>
            <div class="audit-entry-meta muted">
                <time datetime=entry.occurred_at.to_rfc3339()>{format::timestamp(&entry.occurred_at)}</time>
                " · " {actor} " · " {target}
            </div>
            {details
                .map(|details| {
                    view! {
                        <details class="audit-details">
                            <summary>"Details"</summary>
                            <pre>{details}</pre>
                        </details>
                    }
                })}
        </li>
    }
}
