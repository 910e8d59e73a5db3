//! Support-user access in the customer panel (seed 003): the management operator sees a
//! subtenant's status and opens it as support; a tenant's own administrator grants and
//! revokes access on "Your organisation".

use crate::api::{self, ApiError};
use crate::auth::{self, use_session};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FormErrors, TextField};
use crate::format;
use landlord_domain::support_access::SupportAccessStatus;
use landlord_domain::wire::{FieldError, SupportAccessView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Status, active requests and expiry, as seed 003 shows them.
#[component]
fn SupportAccessFacts(access: SupportAccessView) -> impl IntoView {
    let enabled = access.status == SupportAccessStatus::Enabled;
    let expiry = match (&access.expires_at, enabled) {
        (Some(at), _) => format::date_time(at),
        (None, true) => "No limit".to_owned(),
        (None, false) => "—".to_owned(),
    };
    view! {
        <dl class="properties" data-testid="support-access" data-status=access.status.as_str()>
            <div>
                <dt>"Status"</dt>
                <dd data-testid="support-access-status">{if enabled { "Enabled" } else { "Disabled" }}</dd>
            </div>
            <div>
                <dt>"Active requests"</dt>
                <dd data-testid="support-access-requests">{access.active_requests}</dd>
            </div>
            <div>
                <dt>"Expiry date"</dt>
                <dd data-testid="support-access-expiry">{expiry}</dd>
            </div>
        </dl>
    }
}

/// What the management operator sees of a subtenant, with "Open as support".
#[component]
pub fn SupportAccessSection(domain: String, access: SupportAccessView) -> impl IntoView {
    let open = RwSignal::new(false);
    let enabled = access.status == SupportAccessStatus::Enabled;
    let stored = StoredValue::new(domain);
    view! {
        <section class="panel-section" aria-labelledby="section-support">
            <h3 id="section-support">"Support user access"</h3>
            <SupportAccessFacts access />
            {enabled
                .then(|| {
                    view! {
                        <button type="button" class="button button-secondary" data-testid="action-open-as-support" on:click=move |_| open.set(true)>
                            "Open as support"
                        </button>
                    }
                })}
            {move || {
                open.get()
                    .then(|| {
                        view! { <OpenAsSupportDialog domain=stored.get_value() on_close=Callback::new(move |()| open.set(false)) /> }
                    })
            }}
        </section>
    }
}

/// Signs in to `domain` as support with the operator's own password; the app then shows
/// that tenant (signing out returns to the sign-in page).
#[component]
fn OpenAsSupportDialog(domain: String, on_close: Callback<()>) -> impl IntoView {
    let session = use_session();
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let target = StoredValue::new(domain.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let given = password.get_untracked();
        if given.is_empty() {
            errors.set(vec![FieldError::new(
                "password",
                "required",
                "Enter your password.",
            )]);
            return;
        }
        let username = session
            .me
            .with_untracked(|me| me.as_ref().map(|me| me.user.username.clone()))
            .unwrap_or_default();
        let domain = target.get_value();
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let token = api::support::support_login(&domain, &username, &given).await?;
                auth::store_token(&token.access_token, &domain);
                let me = api::me().await?;
                Ok::<_, ApiError>((token, me))
            }
            .await;
            busy.set(false);
            match result {
                Ok((token, me)) => {
                    auth::begin_session(session, token.access_token, me);
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().set_href("/");
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <Dialog title=format!("Open {domain} as support") testid="support-dialog" on_close=move || on_close.run(())>
            <form class="form" on:submit=submit novalidate>
                <p class="dialog-text">
                    "You act in this tenant as a support user; everything you do is recorded in its audit log under your name."
                </p>
                <TextField
                    label="Your password"
                    field="password"
                    value=password
                    testid="support-password"
                    errors
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    autofocus=true
                />
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="support-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="support-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" data-testid="support-confirm" disabled=move || busy.get()>
                        {move || if busy.get() { "Signing in…" } else { "Open as support" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// The tenant's own administrator grants (24 hours or without limit) and revokes support
/// access.
#[component]
pub fn OwnSupportAccess(id: i64) -> impl IntoView {
    let version = RwSignal::new(0u32);
    let access = LocalResource::new(move || {
        version.track();
        api::support::get_support_access(id)
    });
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let act = move |grant: Option<bool>| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = match grant {
                Some(no_limit) => api::support::grant_support_access(id, no_limit).await,
                None => api::support::revoke_support_access(id).await,
            };
            busy.set(false);
            match result {
                Ok(_) => version.update(|v| *v += 1),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <section class="panel-section" aria-labelledby="section-own-support">
            <h3 id="section-own-support">"Support user access"</h3>
            <p class="muted">"Let the service provider's support users sign in to your organisation to help you."</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    access.await.ok().map(|access| view! { <SupportAccessFacts access /> })
                })}
            </Transition>
            <div class="panel-actions">
                <button type="button" class="button button-secondary" data-testid="support-grant" disabled=move || busy.get() on:click=move |_| act(Some(false))>
                    "Allow for 24 hours"
                </button>
                <button type="button" class="button button-secondary" data-testid="support-grant-unlimited" disabled=move || busy.get() on:click=move |_| act(Some(true))>
                    "Allow without limit"
                </button>
                <button type="button" class="button button-danger-ghost" data-testid="support-revoke" disabled=move || busy.get() on:click=move |_| act(None)>
                    "Revoke"
                </button>
            </div>
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="support-access-error" /> })}
        </section>
    }
}

/// The management tenant's platform-level switch: off, no support user signs in anywhere.
#[component]
pub fn PlatformSupportSwitch() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let settings = LocalResource::new(move || {
        version.track();
        api::support::get_support_settings()
    });
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let set = move |enabled: bool| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api::support::set_support_settings(enabled).await;
            busy.set(false);
            match result {
                Ok(_) => version.update(|v| *v += 1),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <section class="panel-section" aria-labelledby="section-platform-support">
            <h3 id="section-platform-support">"Support user access"</h3>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    settings.await.ok().map(|settings| {
                        let enabled = settings.enabled;
                        view! {
                            <p class="muted" data-testid="platform-support" data-enabled=enabled.to_string()>
                                {if enabled {
                                    "On at platform level: support users may sign in to customers that allow it."
                                } else {
                                    "Off at platform level: no support user signs in to any customer."
                                }}
                            </p>
                            <button
                                type="button"
                                class="button button-secondary"
                                data-testid="platform-support-toggle"
                                disabled=move || busy.get()
                                on:click=move |_| set(!enabled)
                            >
                                {if enabled { "Switch off" } else { "Switch on" }}
                            </button>
                        }
                    })
                })}
            </Transition>
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="platform-support-error" /> })}
        </section>
    }
}
