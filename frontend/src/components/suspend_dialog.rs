//! Suspending a customer, confirmed with the operator's own password.

use crate::api::{self, ApiError};
use crate::app::TenantsChanged;
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FormErrors, TextField};
use landlord_domain::wire::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SuspendDialog(id: i64, name: String, on_close: Callback<()>) -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let given = password.get_untracked();
        if given.is_empty() {
            errors.set(vec![FieldError::new(
                "password",
                "required",
                "Enter your password to confirm.",
            )]);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = api::suspend_tenant(id, &given).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    changed.notify();
                    on_close.run(());
                }
                Err(error) => {
                    let field_errors = error.field_errors();
                    if field_errors.iter().any(|e| e.field == "password") {
                        errors.set(field_errors);
                    } else {
                        failure.set(Some(error));
                    }
                }
            }
        });
    };

    view! {
        <Dialog title=format!("Suspend {name}?") testid="suspend-dialog" on_close=move || on_close.run(())>
            <form class="form" on:submit=submit novalidate>
                <p class="dialog-text">
                    "Its users, and the users of its subtenants, cannot sign in until it is activated again. Its data is kept."
                </p>
                <TextField
                    label="Your password"
                    field="password"
                    value=password
                    testid="suspend-password"
                    errors
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    autofocus=true
                />
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="suspend-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="suspend-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-danger" data-testid="suspend-confirm" disabled=move || busy.get()>
                        {move || if busy.get() { "Suspending…" } else { "Suspend customer" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
