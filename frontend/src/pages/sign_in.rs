//! `/login?next=`: sign in with tenant domain, username and password.

use crate::api::{self, ApiError};
use crate::auth::{self, use_session};
use crate::components::auth_card::AuthCard;
use landlord_domain::wire::LoginRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Where to go after signing in: `next` if it is a path of this app.
fn destination(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/login"))
        .unwrap_or_else(|| "/customers".to_owned())
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let tenant = RwSignal::new(auth::last_tenant().unwrap_or_default());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Tenant domain login (seed 002): on `<domain>.<base domain>` the host names the tenant.
    let host_tenant = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(named) = api::support::host_tenant().await {
            host_tenant.set(named.tenant);
        }
    });

    // Already signed in: nothing to do here.
    let go = navigate.clone();
    Effect::new(move |_| {
        if session.token.with(Option::is_some) && session.me.with(Option::is_some) {
            go(
                &destination(query.with_untracked(|q| q.get("next"))),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let hosted = host_tenant.get_untracked();
        let tenant_domain = hosted
            .clone()
            .unwrap_or_else(|| tenant.get_untracked().trim().to_owned());
        let request = LoginRequest {
            // The host names the tenant: the server takes it from there.
            tenant: if hosted.is_some() {
                None
            } else {
                Some(tenant_domain.clone())
            },
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            support: false,
        };
        if tenant_domain.is_empty() || request.username.is_empty() || request.password.is_empty() {
            error.set(Some("Enter your tenant, username and password.".to_owned()));
            return;
        }
        error.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        let next = destination(query.with_untracked(|q| q.get("next")));
        spawn_local(async move {
            let signed_in = async {
                let token = api::login(&request).await?;
                auth::store_token(&token.access_token, &tenant_domain);
                let me = api::me().await?;
                Ok::<_, ApiError>((token, me))
            }
            .await;
            busy.set(false);
            match signed_in {
                Ok((token, me)) => {
                    auth::begin_session(session, token.access_token, me);
                    navigate(
                        &next,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(e) => {
                    auth::end_session(None);
                    password.set(String::new());
                    error.set(Some(e.message()));
                }
            }
        });
    };

    view! {
        <AuthCard title="Sign in">
            <p class="muted">"Manage your customers and their users."</p>
            {move || session.notice.get().map(|notice| view! { <div class="alert alert-info" role="status" data-testid="signin-notice">{notice}</div> })}
            <form class="form" data-testid="signin-form" on:submit=submit novalidate>
                {move || host_tenant.get().map(|named| view! {
                    <p class="muted" data-testid="signin-host-tenant">"Signing in to " <code>{named}</code></p>
                })}
                <div class="field" hidden=move || host_tenant.with(Option::is_some)>
                    <label for="signin-tenant">"Tenant"</label>
                    <input
                        id="signin-tenant"
                        type="text"
                        name="tenant"
                        data-testid="signin-tenant"
                        placeholder="management"
                        autocomplete="organization"
                        autocapitalize="none"
                        spellcheck="false"
                        required=move || host_tenant.with(Option::is_none)
                        prop:value=move || tenant.get()
                        on:input=move |ev| tenant.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="signin-username">"Username"</label>
                    <input
                        id="signin-username"
                        type="text"
                        name="username"
                        data-testid="signin-username"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        prop:value=move || username.get()
                        on:input=move |ev| username.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="signin-password">"Password"</label>
                    <input
                        id="signin-password"
                        type="password"
                        name="password"
                        data-testid="signin-password"
                        autocomplete="current-password"
                        required
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </div>
                {move || error.get().map(|message| view! { <div class="alert alert-error" role="alert" data-testid="signin-error">{message}</div> })}
                <button type="submit" class="button button-primary button-block" data-testid="signin-submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
                <a class="auth-link" href="/forgot-password" data-testid="signin-forgot">"Forgot your password?"</a>
            </form>
        </AuthCard>
    }
}
