//! `/reset-password?token=`: choose a password with the token from a password-reset link.

use crate::api::{self, ApiError};
use crate::components::alert::ErrorAlert;
use crate::components::auth_card::AuthCard;
use crate::components::fields::{FormErrors, TextField};
use landlord_domain::password::NewPassword;
use landlord_domain::wire::{FieldError, PasswordResetRequest, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = Memo::new(move |_| query.with(|q| q.get("token")).filter(|t| !t.is_empty()));
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);

    let password_live = Signal::derive(move || {
        password.with(|p| {
            (!p.is_empty())
                .then(|| NewPassword::parse(p).err().map(|e| e.to_string()))
                .flatten()
        })
    });
    let confirm_live = Signal::derive(move || {
        let (p, c) = (password.get(), confirm.get());
        (!c.is_empty() && p != c).then(|| "The passwords do not match.".to_owned())
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let Some(token) = token.get_untracked() else {
            return;
        };
        let new_password = password.get_untracked();
        let mut invalid = Vec::new();
        if let Err(e) = NewPassword::parse(&new_password) {
            invalid.push(FieldError::new("password", "weak_password", e));
        }
        if confirm.get_untracked() != new_password {
            invalid.push(FieldError::new(
                "confirm",
                "mismatch",
                "The passwords do not match.",
            ));
        }
        if !invalid.is_empty() {
            errors.set(invalid);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = api::reset_password(&PasswordResetRequest {
                token,
                password: new_password,
            })
            .await;
            busy.set(false);
            match result {
                Ok(()) => done.set(true),
                Err(error) if error.field_errors().iter().any(|e| e.field == "password") => {
                    errors.set(error.field_errors())
                }
                Err(ApiError::Problem(problem)) if problem.errors.iter().any(|e| e.field == "token") => {
                    failure.set(Some(ApiError::Problem(Problem {
                        detail: "This link is invalid, has expired or was already used. Ask for a new one.".into(),
                        ..problem
                    })))
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    view! {
        <AuthCard title="Choose a password">
            {move || {
                if done.get() {
                    view! {
                        <div class="alert alert-success" role="status" data-testid="reset-success">
                            "Your password is set. You can sign in now."
                        </div>
                        <a class="button button-primary button-block" href="/login" data-testid="reset-signin">
                            "Sign in"
                        </a>
                    }
                        .into_any()
                } else if token.with(Option::is_none) {
                    view! {
                        <div class="alert alert-error" role="alert" data-testid="reset-error">
                            "This link is incomplete. Open the link from your message again, or ask for a new one."
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <form class="form" data-testid="reset-form" on:submit=submit novalidate>
                            <TextField
                                label="New password"
                                field="password"
                                value=password
                                testid="reset-password"
                                errors
                                input_type="password"
                                autocomplete="new-password"
                                required=true
                                autofocus=true
                                live_error=password_live
                                hint="At least 8 characters, with a letter and a digit or symbol."
                            />
                            <TextField
                                label="Repeat the password"
                                field="confirm"
                                value=confirm
                                testid="reset-password-confirm"
                                errors
                                input_type="password"
                                autocomplete="new-password"
                                required=true
                                live_error=confirm_live
                            />
                            {move || failure.get().map(|error| view! { <ErrorAlert error testid="reset-error" /> })}
                            <button type="submit" class="button button-primary button-block" data-testid="reset-submit" disabled=move || busy.get()>
                                {move || if busy.get() { "Saving…" } else { "Set password" }}
                            </button>
                        </form>
                    }
                        .into_any()
                }
            }}
        </AuthCard>
    }
}
