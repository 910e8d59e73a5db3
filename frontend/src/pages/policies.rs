//! `/policies`: the tenant policies new customers can be created with (seed 003): name,
//! description, how many options and retention rules; added, edited, duplicated and
//! deleted here.

use crate::api::{ApiError, policies};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::policy_form::{DeletePolicyDialog, PolicyFormDialog};
use crate::format;
use crate::loader::latest;
use landlord_domain::Permission;
use landlord_domain::wire::{TenantPolicySummary, TenantPolicyView};
use leptos::prelude::*;
use leptos::task::spawn_local;

const COLUMNS: usize = 5;

#[derive(Clone)]
enum Open {
    New,
    Edit(TenantPolicyView),
    Delete(TenantPolicySummary),
}

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0_u64);
    let key = Memo::new(move |_| reload.get());
    let list = latest(key, |_, _| policies::list_policies());
    let dialog = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let can_manage = Signal::derive(move || session.can(Permission::TenantsUpdate));

    let close = Callback::new(move |()| dialog.set(None));
    let done = move |message: String| {
        dialog.set(None);
        notice.set(Some(message));
        reload.update(|n| *n += 1);
    };
    let saved =
        Callback::new(move |p: TenantPolicyView| done(format!("{} was saved.", p.summary.name)));
    let deleted =
        Callback::new(move |p: TenantPolicyView| done(format!("{} was deleted.", p.summary.name)));
    let act = Callback::new(
        move |(action, policy): (&'static str, TenantPolicySummary)| {
            notice.set(None);
            failure.set(None);
            match action {
                "delete" => dialog.set(Some(Open::Delete(policy))),
                "edit" => spawn_local(async move {
                    match policies::get_policy(policy.id).await {
                        Ok(full) => dialog.set(Some(Open::Edit(full))),
                        Err(error) => failure.set(Some(error)),
                    }
                }),
                _ => spawn_local(async move {
                    match policies::duplicate_policy(policy.id).await {
                        Ok(copy) => done(format!("{} was created.", copy.summary.name)),
                        Err(error) => failure.set(Some(error)),
                    }
                }),
            }
        },
    );

    view! {
        <section class="page policies-page" aria-labelledby="policies-title" data-testid="policies-page">
            <header class="page-header">
                <div>
                    <h1 id="policies-title">"Tenant policies"</h1>
                    <p class="page-subtitle">
                        "Options and retention rules a new customer starts with. A policy is copied into the customer at creation, or kept linked so its later edits apply too."
                    </p>
                </div>
                <Show when=move || can_manage.get()>
                    <button type="button" class="button button-primary" data-testid="new-policy" on:click=move |_| { notice.set(None); dialog.set(Some(Open::New)) }>
                        <span aria-hidden="true">"+ "</span>
                        "New policy"
                    </button>
                </Show>
            </header>
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success page-notice" role="status" data-testid="policies-notice">{message}</div>
            })}
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="policies-action-error" /> })}
            <div class="card table-card" class:is-loading=move || list.loading.get()>
                <table class="data-table" data-testid="policies-table">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Description"</th>
                            <th scope="col" class="col-count">"Options"</th>
                            <th scope="col" class="col-count">"Retention rules"</th>
                            <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.data.with(|data| match data {
                            None => view! { <tr><td colspan=COLUMNS class="table-message muted">"Loading…"</td></tr> }.into_any(),
                            Some(Err(error)) => {
                                let error: ApiError = error.clone();
                                view! { <tr><td colspan=COLUMNS class="table-message"><ErrorAlert error testid="policies-error" /></td></tr> }.into_any()
                            }
                            Some(Ok(page)) if page.items.is_empty() => view! {
                                <tr><td colspan=COLUMNS class="table-message">
                                    <div class="empty-state" data-testid="policies-empty">
                                        <p class="empty-title">"No policies yet"</p>
                                        <p class="muted">"Add one to give new customers their options and retention rules."</p>
                                    </div>
                                </td></tr>
                            }.into_any(),
                            Some(Ok(page)) => page.items.iter().map(|policy| view! {
                                <PolicyRow policy=policy.clone() can_manage act />
                            }).collect::<Vec<_>>().into_any(),
                        })}
                    </tbody>
                </table>
            </div>
            {move || dialog.get().map(|open| match open {
                Open::New => view! { <PolicyFormDialog policy=None on_close=close on_saved=saved /> }.into_any(),
                Open::Edit(policy) => view! { <PolicyFormDialog policy=Some(policy) on_close=close on_saved=saved /> }.into_any(),
                Open::Delete(policy) => view! { <DeletePolicyDialog id=policy.id name=policy.name.clone() on_close=close on_deleted=deleted /> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn PolicyRow(
    policy: TenantPolicySummary,
    can_manage: Signal<bool>,
    act: Callback<(&'static str, TenantPolicySummary)>,
) -> impl IntoView {
    let stored = StoredValue::new(policy.clone());
    let run = move |action: &'static str| act.run((action, stored.get_value()));
    view! {
        <tr data-testid="policy-row" data-name=policy.name.clone()>
            <td><span class="row-title">{policy.name.clone()}</span></td>
            <td class="col-name" title=policy.description.clone()>{policy.description.clone()}</td>
            <td class="col-count" data-testid="policy-options-count">{format::number(policy.options_count)}</td>
            <td class="col-count" data-testid="policy-rules-count">{format::number(policy.retention_rules_count)}</td>
            <td class="col-actions">
                <Show when=move || can_manage.get()>
                    <div class="row-actions">
                        <button type="button" class="button button-secondary button-small" data-testid="policy-edit" on:click=move |_| run("edit")>"Edit"</button>
                        <button type="button" class="button button-secondary button-small" data-testid="policy-duplicate" on:click=move |_| run("duplicate")>"Duplicate"</button>
                        <button type="button" class="button button-danger-ghost button-small" data-testid="policy-delete" on:click=move |_| run("delete")>"Delete"</button>
                    </div>
                </Show>
            </td>
        </tr>
    }
}
