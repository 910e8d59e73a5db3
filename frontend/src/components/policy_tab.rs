//! The Policy tab of a customer: the policy it was created with (copied or linked), where it
//! now differs from it (options and retention rules, each `same`, `changed`, `missing` or
//! `added`), "Re-apply policy", and the customer's options (a credential shows as
//! encrypted, a locked one with its lock).

use crate::api::{ApiError, policies};
use crate::components::alert::ErrorAlert;
use landlord_domain::policy::DriftStatus;
use landlord_domain::wire::{TenantOptionView, TenantPolicyState};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone)]
struct Loaded {
    state: TenantPolicyState,
    options: Vec<TenantOptionView>,
}

async fn load(tenant: i64) -> Result<Loaded, ApiError> {
    Ok(Loaded {
        state: policies::policy_state(tenant).await?,
        options: policies::list_options(tenant).await?,
    })
}

fn status_label(status: DriftStatus) -> &'static str {
    match status {
        DriftStatus::Same => "As the policy",
        DriftStatus::Changed => "Changed",
        DriftStatus::Missing => "Missing",
        DriftStatus::Added => "Added",
    }
}

fn shown(value: &Option<String>, encrypted: bool) -> String {
    match value {
        _ if encrypted => "•••• (encrypted)".to_owned(),
        Some(v) => v.clone(),
        None => "—".to_owned(),
    }
}

#[component]
pub fn PolicyTab(tenant: i64, own: bool) -> impl IntoView {
    let reload = RwSignal::new(0_u64);
    let data = LocalResource::new(move || {
        reload.get();
        load(tenant)
    });
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let reapply = move |_| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = policies::reapply_policy(tenant).await;
            busy.set(false);
            match result {
                Ok(_) => reload.update(|n| *n += 1),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <div class="policy-tab" data-testid="policy-tab">
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="policy-tab-error" /> })}
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || data.get().map(|result| match result {
                    Err(error) => view! { <ErrorAlert error testid="policy-tab-error" /> }.into_any(),
                    Ok(Loaded { state, options }) => view! {
                        <section class="card detail-section" data-testid="policy-state">
                            {match &state.policy {
                                None => view! { <p class="muted" data-testid="policy-none">"Created without a policy."</p> }.into_any(),
                                Some(policy) => view! {
                                    <div class="policy-summary">
                                        <h3 data-testid="policy-state-name">{policy.name.clone()}</h3>
                                        <p class="muted" data-testid="policy-state-mode">
                                            {if state.linked { "Linked: the policy's edits apply to this customer." } else { "Copied at creation: the policy's later edits do not apply." }}
                                        </p>
                                        <p data-testid="policy-in-sync" data-in-sync=state.in_sync.to_string()>
                                            {if state.in_sync { "In line with the policy." } else { "Differs from the policy." }}
                                        </p>
                                        {(!own).then(|| view! {
                                            <button type="button" class="button button-secondary" data-testid="policy-reapply" disabled=move || busy.get() on:click=reapply>
                                                {move || if busy.get() { "Re-applying…" } else { "Re-apply policy" }}
                                            </button>
                                        })}
                                    </div>
                                    <table class="data-table" data-testid="policy-drift">
                                        <thead><tr><th scope="col">"Option or rule"</th><th scope="col">"Policy"</th><th scope="col">"Customer"</th><th scope="col">"Status"</th></tr></thead>
                                        <tbody>
                                            {state.options.iter().map(|o| view! {
                                                <tr data-testid="drift-row" data-status=o.status.as_str()>
                                                    <td class="mono">{format!("{}/{}", o.category, o.key)}</td>
                                                    <td>{shown(&o.policy_value, o.encrypted)}</td>
                                                    <td>{shown(&o.tenant_value, o.encrypted)}</td>
                                                    <td>{status_label(o.status)}</td>
                                                </tr>
                                            }).collect::<Vec<_>>()}
                                            {state.retention_rules.iter().map(|r| view! {
                                                <tr data-testid="drift-row" data-status=r.status.as_str()>
                                                    <td class="mono">{format!("retention {}{}", r.data_type.as_str(), r.filter.as_ref().map(|f| format!(" ({f})")).unwrap_or_default())}</td>
                                                    <td>{r.policy_max_age_days.map_or("—".to_owned(), |d| format!("{d} days"))}</td>
                                                    <td>{r.tenant_max_age_days.map_or("—".to_owned(), |d| format!("{d} days"))}</td>
                                                    <td>{status_label(r.status)}</td>
                                                </tr>
                                            }).collect::<Vec<_>>()}
                                        </tbody>
                                    </table>
                                }.into_any(),
                            }}
                        </section>
                        <section class="card detail-section" data-testid="tenant-options">
                            <h3>"Options"</h3>
                            {if options.is_empty() {
                                view! { <p class="muted">"No options."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="data-table">
                                        <tbody>
                                            {options.iter().map(|o| view! {
                                                <tr data-testid="option-row" data-key=format!("{}/{}", o.category, o.key)>
                                                    <td class="mono">{format!("{}/{}", o.category, o.key)}</td>
                                                    <td>{shown(&o.value, o.encrypted)}</td>
                                                    <td>{o.locked.then_some("Locked")}</td>
                                                </tr>
                                            }).collect::<Vec<_>>()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                })}
            </Transition>
        </div>
    }
}
