//! `/developers/webhooks/:id`: one endpoint's deliveries, newest first, each with its
//! attempts; resending one, sending a test event. While deliveries are pending the page
//! refreshes itself.

use crate::api::{ApiError, webhooks};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::pagination::Pagination;
use crate::format;
use crate::loader::latest;
use landlord_domain::Permission;
use landlord_domain::webhook::DeliveryStatus;
use landlord_domain::wire::{WebhookAttemptView, WebhookDeliveryView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

const PER_PAGE: u32 = 25;

/// How often a page with pending deliveries looks again.
const REFRESH: Duration = Duration::from_secs(2);

#[component]
pub fn WebhookDeliveriesPage() -> impl IntoView {
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get_str("id").and_then(|id| id.parse::<i64>().ok())));
    move || {
        match id.get() {
        Some(id) => view! { <Deliveries id /> }.into_any(),
        None => view! {
            <section class="page">
                <div class="alert alert-error" role="alert" data-testid="webhook-deliveries-error">"There is no such endpoint."</div>
            </section>
        }
        .into_any(),
    }
    }
}

#[component]
fn Deliveries(id: i64) -> impl IntoView {
    let session = use_session();
    let can_update = move || session.can(Permission::TenantsUpdate);
    let page = RwSignal::new(1_u32);
    let reload = RwSignal::new(0_u64);
    let endpoint = LocalResource::new(move || webhooks::get_endpoint(id));
    let key = Memo::new(move |_| (page.get(), reload.get()));
    let list = latest(key, move |(page, _), _| {
        webhooks::list_deliveries(id, page, PER_PAGE)
    });
    let notice = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let refresh = move || reload.update(|n| *n += 1);

    let pending = move || {
        list.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .is_some_and(|p| p.items.iter().any(|d| d.status == DeliveryStatus::Pending))
        })
    };
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if pending() && !list.loading.get_untracked() {
                refresh();
            }
        },
        REFRESH,
    ) {
        on_cleanup(move || handle.clear());
    }

    let send_test = move |_| {
        notice.set(None);
        failure.set(None);
        spawn_local(async move {
            match webhooks::send_test(id).await {
                Ok(_) => {
                    notice.set(Some("A test event is on its way.".to_owned()));
                    page.set(1);
                    refresh();
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let resend = Callback::new(move |delivery: i64| {
        notice.set(None);
        failure.set(None);
        spawn_local(async move {
            match webhooks::resend_delivery(delivery).await {
                Ok(_) => {
                    notice.set(Some("The delivery is queued again.".to_owned()));
                    refresh();
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    });
    let on_page = Callback::new(move |p| page.set(p));

    view! {
        <section class="page webhook-deliveries-page" aria-labelledby="deliveries-title">
            <header class="page-header">
                <div>
                    <p class="breadcrumb"><A href="/developers" attr:data-testid="back-to-developers">"← Developers"</A></p>
                    <h1 id="deliveries-title">"Deliveries"</h1>
                    <p class="page-subtitle mono" data-testid="webhook-deliveries-url">
                        {move || endpoint.get().and_then(|r| r.ok()).map(|e| e.url)}
                    </p>
                </div>
                <div class="row-actions">
                    <button type="button" class="button button-secondary" data-testid="webhook-deliveries-refresh" on:click=move |_| refresh()>
                        "Refresh"
                    </button>
                    <Show when=can_update>
                        <button type="button" class="button button-primary" data-testid="webhook-deliveries-send-test" on:click=send_test>
                            "Send test event"
                        </button>
                    </Show>
                </div>
            </header>
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success page-notice" role="status" data-testid="webhook-deliveries-notice">{message}</div>
            })}
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="webhook-deliveries-action-error" /> })}
            <div class="card table-card" class:is-loading=move || list.loading.get()>
                <table class="data-table" data-testid="webhook-deliveries-table">
                    <thead>
                        <tr>
                            <th scope="col">"Event"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Attempts"</th>
                            <th scope="col">"Next attempt"</th>
                            <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.data.with(|data| match data {
                            None => view! { <tr><td colspan="5" class="table-message muted">"Loading…"</td></tr> }.into_any(),
                            Some(Err(error)) => {
                                let error = error.clone();
                                view! { <tr><td colspan="5" class="table-message"><ErrorAlert error testid="webhook-deliveries-error" /></td></tr> }.into_any()
                            }
                            Some(Ok(page)) if page.items.is_empty() => view! {
                                <tr><td colspan="5" class="table-message">
                                    <div class="empty-state" data-testid="webhook-deliveries-empty">
                                        <p class="empty-title">"No deliveries yet"</p>
                                        <p class="muted">"Send a test event, or wait for the next change in your tenants."</p>
                                    </div>
                                </td></tr>
                            }.into_any(),
                            Some(Ok(page)) => page.items.iter().map(|delivery| {
                                view! { <DeliveryRow delivery=delivery.clone() can_resend=can_update() on_resend=resend /> }
                            }).collect::<Vec<_>>().into_any(),
                        })}
                    </tbody>
                </table>
            </div>
            {move || list.data.with(|d| d.as_ref().and_then(|r| r.as_ref().ok()).filter(|p| p.total > 0).map(|p| {
                view! { <Pagination page=p.page per_page=p.per_page total=p.total noun=("delivery", "deliveries") testid="webhook-deliveries-pagination" on_page /> }
            }))}
        </section>
    }
}

fn status_badge(status: DeliveryStatus) -> impl IntoView {
    let (class, text) = match status {
        DeliveryStatus::Pending => ("badge badge-provisioning", "Pending"),
        DeliveryStatus::Succeeded => ("badge badge-active", "Succeeded"),
        DeliveryStatus::Failed => ("badge badge-suspended", "Failed"),
    };
    view! {
        <span class=class data-testid="webhook-delivery-status" data-status=status.as_str()>
            <span class="badge-dot" aria-hidden="true"></span>
            {text}
        </span>
    }
}

#[component]
fn DeliveryRow(
    delivery: WebhookDeliveryView,
    can_resend: bool,
    on_resend: Callback<i64>,
) -> impl IntoView {
    let id = delivery.id;
    let count = delivery.attempts.len();
    let busy = delivery.status == DeliveryStatus::Pending && count == 0;
    view! {
        <tr data-testid="webhook-delivery-row" data-id=id data-status=delivery.status.as_str() data-event-type=delivery.event_type.clone()>
            <td>
                <span class="row-title"><code>{delivery.event_type.clone()}</code></span>
                <span class="row-sub mono" data-testid="webhook-delivery-event-id">{delivery.event_id.clone()}</span>
                <span class="row-sub">{format!("Queued {}", format::timestamp(&delivery.created_at))}</span>
            </td>
            <td>{status_badge(delivery.status)}</td>
            <td>
                <details class="attempts" data-testid="webhook-attempts">
                    <summary>{format::count(count as i64, "attempt", "attempts")}</summary>
                    <ol class="attempt-list">
                        {delivery.attempts.iter().map(attempt_item).collect::<Vec<_>>()}
                    </ol>
                </details>
            </td>
            <td>
                {delivery.next_attempt_at.map(|at| view! { <time datetime=at.to_rfc3339()>{format::timestamp(&at)}</time> })}
            </td>
            <td class="col-actions">
                {(can_resend && !busy).then(|| view! {
                    <button type="button" class="button button-secondary button-small" data-testid="webhook-resend" on:click=move |_| on_resend.run(id)>
                        "Resend"
                    </button>
                })}
            </td>
        </tr>
    }
}

fn attempt_item(attempt: &WebhookAttemptView) -> impl IntoView + use<> {
    let status = attempt
        .response_status
        .map_or_else(|| "no answer".to_owned(), |s| format!("HTTP {s}"));
    view! {
        <li
            class="attempt"
            data-testid="webhook-attempt"
            data-response-status=attempt.response_status.map(|s| s.to_string()).unwrap_or_default()
        >
            <span class="attempt-when">{format::timestamp(&attempt.at)}</span>
            " · " <span class="strong">{status}</span>
            " · " {format!("{} ms", attempt.latency_ms)}
            {attempt.error.clone().map(|e| view! { <p class="attempt-error">{e}</p> })}
            {attempt.response_body.clone().map(|b| view! { <pre class="attempt-body">{b}</pre> })}
        </li>
    }
}
