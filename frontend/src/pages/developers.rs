//! `/developers`: the webhook endpoints of the signed-in tenant. Adding one shows its secret
//! once; each can be tested, enabled or disabled, edited, given a new secret or deleted,
//! and opens its delivery log. The management tenant also manages its external
//! provisioning steps here.

use crate::api::{ApiError, webhooks};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::provisioning_steps::ProvisioningStepsSection;
use crate::components::webhook_dialogs::{DeleteEndpointDialog, RotateSecretDialog, SecretDialog};
use crate::components::webhook_form::{EndpointFormDialog, Saved};
use crate::loader::latest;
use landlord_domain::Permission;
use landlord_domain::wire::{UpdateWebhookEndpointRequest, WebhookEndpointView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[derive(Clone)]
enum Open {
    New,
    Edit(WebhookEndpointView),
    Rotate(WebhookEndpointView),
    Delete(WebhookEndpointView),
    /// A secret to show once: the dialog's title, note and the secret.
    Secret(&'static str, String, String),
}

#[component]
pub fn DevelopersPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0_u64);
    let key = Memo::new(move |_| reload.get());
    let list = latest(key, |_, _| webhooks::list_endpoints());
    let dialog = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let can_change = Signal::derive(move || session.can(Permission::TenantsChange));
    let can_update = Signal::derive(move || session.can(Permission::TenantsUpdate));

    let refresh = move || reload.update(|n| *n += 1);
    let close = Callback::new(move |()| dialog.set(None));
    let saved = Callback::new(move |saved: Saved| {
        refresh();
        match saved {
            Saved::Created(created) => dialog.set(Some(Open::Secret(
                "Endpoint added",
                format!(
                    "{} now receives your events. Copy its signing secret: it is shown only this once.",
                    created.endpoint.url
                ),
                created.secret,
            ))),
            Saved::Updated(endpoint) => {
                dialog.set(None);
                notice.set(Some(format!("{} was saved.", endpoint.url)));
            }
        }
    });
    let rotated = Callback::new(
        move |rotated: landlord_domain::wire::RotatedWebhookSecret| {
            refresh();
            dialog.set(Some(Open::Secret(
            "Secret rotated",
            "Copy the new signing secret: it is shown only this once. The old one keeps signing for 24 hours.".to_owned(),
            rotated.secret,
        )));
        },
    );
    let deleted = Callback::new(move |()| {
        dialog.set(None);
        notice.set(Some("The endpoint was deleted.".to_owned()));
        refresh();
    });
    let act = Callback::new(move |action: Action| {
        notice.set(None);
        failure.set(None);
        match action {
            Action::Open(open) => dialog.set(Some(open)),
            Action::Test(id) => spawn_local(async move {
                match webhooks::send_test(id).await {
                    Ok(_) => notice.set(Some("A test event is on its way; its delivery shows in the endpoint's deliveries.".to_owned())),
                    Err(error) => failure.set(Some(error)),
                }
            }),
            Action::SetEnabled(id, enabled) => spawn_local(async move {
                let request = UpdateWebhookEndpointRequest {
                    enabled: Some(enabled),
                    ..Default::default()
                };
                match webhooks::update_endpoint(id, &request).await {
                    Ok(endpoint) => {
                        let state = if endpoint.enabled {
                            "enabled"
                        } else {
                            "disabled"
                        };
                        notice.set(Some(format!("{} is {state}.", endpoint.url)));
                        refresh();
                    }
                    Err(error) => failure.set(Some(error)),
                }
            }),
        }
    });

    view! {
        <section class="page developers-page" aria-labelledby="developers-title">
            <header class="page-header">
                <div>
                    <h1 id="developers-title">"Developers"</h1>
                    <p class="page-subtitle">
                        "Webhooks tell your systems what happens in your tenant and your customers' tenants: each event is POSTed as JSON, signed, and retried until it is received."
                    </p>
                </div>
                <Show when=move || can_change.get()>
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="new-webhook-endpoint"
                        on:click=move |_| act.run(Action::Open(Open::New))
                    >
                        <span aria-hidden="true">"+ "</span>
                        "Add endpoint"
                    </button>
                </Show>
            </header>
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success page-notice" role="status" data-testid="developers-notice">{message}</div>
            })}
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="developers-error" /> })}
            <div class="card table-card" class:is-loading=move || list.loading.get()>
                <table class="data-table" data-testid="webhook-endpoints-table">
                    <thead>
                        <tr>
                            <th scope="col">"Endpoint"</th>
                            <th scope="col">"Events"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.data.with(|data| match data {
                            None => view! { <tr><td colspan="4" class="table-message muted">"Loading…"</td></tr> }.into_any(),
                            Some(Err(error)) => {
                                let error = error.clone();
                                view! { <tr><td colspan="4" class="table-message"><ErrorAlert error testid="webhook-endpoints-error" /></td></tr> }.into_any()
                            }
                            Some(Ok(page)) if page.items.is_empty() => view! {
                                <tr><td colspan="4" class="table-message">
                                    <div class="empty-state" data-testid="webhook-endpoints-empty">
                                        <p class="empty-title">"No webhook endpoints yet"</p>
                                        <p class="muted">"Add one to receive tenant and user events at your own URL."</p>
                                    </div>
                                </td></tr>
                            }.into_any(),
                            Some(Ok(page)) => page.items.iter().map(|endpoint| view! {
                                <EndpointRow endpoint=endpoint.clone() can_change can_update act />
                            }).collect::<Vec<_>>().into_any(),
                        })}
                    </tbody>
                </table>
            </div>
            {move || dialog.get().map(|open| match open {
                Open::New => view! { <EndpointFormDialog endpoint=None on_close=close on_saved=saved /> }.into_any(),
                Open::Edit(endpoint) => view! { <EndpointFormDialog endpoint=Some(endpoint) on_close=close on_saved=saved /> }.into_any(),
                Open::Rotate(endpoint) => view! { <RotateSecretDialog endpoint on_close=close on_rotated=rotated /> }.into_any(),
                Open::Delete(endpoint) => view! { <DeleteEndpointDialog endpoint on_close=close on_deleted=deleted /> }.into_any(),
                Open::Secret(title, note, secret) => view! { <SecretDialog title note secret on_close=close /> }.into_any(),
            })}
            // The external provisioning steps are the management tenant's alone.
            <Show when=move || session.is_management() && can_change.get()>
                <ProvisioningStepsSection />
            </Show>
        </section>
    }
}

/// What a row's buttons ask the page to do.
#[derive(Clone)]
enum Action {
    Open(Open),
    Test(i64),
    SetEnabled(i64, bool),
}

#[component]
fn EndpointRow(
    endpoint: WebhookEndpointView,
    can_change: Signal<bool>,
    can_update: Signal<bool>,
    act: Callback<Action>,
) -> impl IntoView {
    let stored = StoredValue::new(endpoint.clone());
    let open = move |make: fn(WebhookEndpointView) -> Open| {
        act.run(Action::Open(make(stored.get_value())))
    };
    let (id, enabled) = (endpoint.id, endpoint.enabled);
    let url = endpoint.url.clone();
    let events = endpoint.event_types.join(", ");
    let events = if events == "*" {
        "All events".to_owned()
    } else {
        events
    };
    view! {
        <tr data-testid="webhook-endpoint-row" data-id=id data-url=endpoint.url.clone()>
            <td>
                <span class="row-title">
                    <A href=format!("/developers/webhooks/{id}") attr:class="strong mono" attr:data-testid="webhook-deliveries-link">
                        {url}
                    </A>
                </span>
                {endpoint.description.clone().map(|d| view! { <span class="row-sub">{d}</span> })}
            </td>
            <td class="webhook-events">{events}</td>
            <td>
                {if enabled {
                    view! { <span class="badge badge-active" data-testid="webhook-status" data-status="enabled"><span class="badge-dot" aria-hidden="true"></span>"Enabled"</span> }.into_any()
                } else {
                    view! { <span class="badge badge-inactive" data-testid="webhook-status" data-status="disabled"><span class="badge-dot" aria-hidden="true"></span>"Disabled"</span> }.into_any()
                }}
                {endpoint.disabled_reason.clone().map(|r| view! { <span class="row-sub" data-testid="webhook-disabled-reason">{r}</span> })}
            </td>
            <td class="col-actions">
                <div class="row-actions">
                    <A href=format!("/developers/webhooks/{id}") attr:class="button button-secondary button-small">"Deliveries"</A>
                    <Show when=move || can_update.get() && enabled>
                        <button type="button" class="button button-secondary button-small" data-testid="webhook-send-test" on:click=move |_| act.run(Action::Test(id))>
                            "Send test"
                        </button>
                    </Show>
                    <Show when=move || can_change.get()>
                        <button type="button" class="button button-secondary button-small" data-testid="webhook-toggle" on:click=move |_| act.run(Action::SetEnabled(id, !enabled))>
                            {if enabled { "Disable" } else { "Enable" }}
                        </button>
                        <button type="button" class="button button-secondary button-small" data-testid="webhook-edit" on:click=move |_| open(Open::Edit)>
                            "Edit"
                        </button>
                        <button type="button" class="button button-secondary button-small" data-testid="webhook-rotate" on:click=move |_| open(Open::Rotate)>
                            "Rotate secret"
                        </button>
                        <button type="button" class="button button-danger-ghost button-small" data-testid="webhook-delete" on:click=move |_| open(Open::Delete)>
                            "Delete"
                        </button>
                    </Show>
                </div>
            </td>
        </tr>
    }
}
