//! `/forgot-password`: ask for a password-reset link by mail. The answer is the same whether
//! or not the account exists (the server says nothing about who has one), so the page says
//! "if", and offers the way back to signing in.

use crate::api::{self, ApiError};
use crate::auth;
use crate::components::alert::ErrorAlert;
use crate::components::auth_card::AuthCard;
use crate::components::fields::{FormErrors, TextField};
use landlord_domain::wire::{FieldError, PasswordResetLinkRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let tenant = RwSignal::new(auth::last_tenant().unwrap_or_default());
    let username = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(false);
    // On `<domain>.<base domain>` the host names the tenant, as on the sign-in page.
    let host_tenant = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(named) = api::support::host_tenant().await {
            host_tenant.set(named.tenant);
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let request = PasswordResetLinkRequest {
            tenant: host_tenant
                .get_untracked()
                .unwrap_or_else(|| tenant.get_untracked().trim().to_owned()),
            username: username.get_untracked().trim().to_owned(),
        };
        let mut missing = Vec::new();
        for (field, value, message) in [
            ("tenant", &request.tenant, "Enter your tenant."),
            ("username", &request.username, "Enter your username."),
        ] {
            if value.is_empty() {
                missing.push(FieldError::new(field, "required", message));
            }
        }
        if !missing.is_empty() {
            errors.set(missing);
            return;
        }
        errors.clear();
        busy.set(true);
        spawn_local(async move {
            let result = api::request_reset_link(&request).await;
            busy.set(false);
            match result {
                Ok(()) => sent.set(true),
                Err(error) if !error.field_errors().is_empty() => errors.set(error.field_errors()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    view! {
        <AuthCard title="Forgot your password?">
            {move || {
                if sent.get() {
                    view! {
                        <div class="alert alert-success" role="status" data-testid="forgot-sent">
                            "If that account exists, a link to choose a new password is on its way to its email address. It works once, for 24 hours."
                        </div>
                        <a class="button button-primary button-block" href="/login" data-testid="forgot-signin">
                            "Back to sign in"
                        </a>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="muted">"We will mail you a link to choose a new one."</p>
                        <form class="form" data-testid="forgot-form" on:submit=submit novalidate>
                            <div hidden=move || host_tenant.with(Option::is_some)>
                                <TextField
                                    label="Tenant"
                                    field="tenant"
                                    value=tenant
                                    testid="forgot-tenant"
                                    errors
                                    autocomplete="organization"
                                    required=true
                                />
                            </div>
                            <TextField
                                label="Username"
                                field="username"
                                value=username
                                testid="forgot-username"
                                errors
                                autocomplete="username"
                                required=true
                                autofocus=true
                            />
                            {move || failure.get().map(|error| view! { <ErrorAlert error testid="forgot-error" /> })}
                            <button type="submit" class="button button-primary button-block" data-testid="forgot-submit" disabled=move || busy.get()>
                                {move || if busy.get() { "Sending…" } else { "Send the link" }}
                            </button>
                            <a class="auth-link" href="/login" data-testid="forgot-back">"Back to sign in"</a>
                        </form>
                    }
                        .into_any()
                }
            }}
        </AuthCard>
    }
}
