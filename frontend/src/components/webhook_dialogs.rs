//! The Developers area's smaller dialogs: a secret shown once, rotating it, deleting an
//! endpoint.

use crate::api::{ApiError, webhooks};
use crate::components::alert::ErrorAlert;
use crate::components::copy_button::CopyButton;
use crate::components::dialog::Dialog;
use landlord_domain::wire::{RotatedWebhookSecret, WebhookEndpointView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A signing secret, shown once, with a copy button.
#[component]
pub fn SecretDialog(
    #[prop(into)] title: String,
    secret: String,
    /// A sentence above the secret: what it is for and that it is shown once.
    #[prop(into)]
    note: String,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Dialog title testid="webhook-secret-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <div class="alert alert-success" role="status">{note}</div>
                <div class="field">
                    <label for="webhook-secret">"Signing secret"</label>
                    <div class="input-with-button">
                        <input
                            id="webhook-secret"
                            type="text"
                            readonly
                            class="mono"
                            data-testid="webhook-secret"
                            prop:value=secret.clone()
                            on:focus=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            }
                        />
                        <CopyButton text=secret testid="copy-webhook-secret" label="Copy secret" />
                    </div>
                    <p class="field-hint">"Verify each delivery's webhook-signature header with it; see the README's Webhooks section."</p>
                </div>
                <div class="form-actions">
                    <button type="button" class="button button-primary" data-testid="webhook-secret-done" on:click=move |_| on_close.run(())>
                        "Done"
                    </button>
                </div>
            </div>
        </Dialog>
    }
}

/// Confirms rotating an endpoint's secret; the new secret then shows once.
#[component]
pub fn RotateSecretDialog(
    endpoint: WebhookEndpointView,
    on_close: Callback<()>,
    on_rotated: Callback<RotatedWebhookSecret>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let id = endpoint.id;
    let confirm = move |_| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = webhooks::rotate_secret(id).await;
            busy.set(false);
            match result {
                Ok(rotated) => on_rotated.run(rotated),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <Dialog title="Rotate the signing secret?".to_owned() testid="webhook-rotate-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <p class="dialog-text">
                    "Deliveries to " <strong class="mono">{endpoint.url.clone()}</strong>
                    " get a new secret. For 24 hours they are signed with both the old and the new one, so your receiver can switch without missing any."
                </p>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="webhook-rotate-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="webhook-rotate-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="button" class="button button-primary" data-testid="webhook-rotate-confirm" disabled=move || busy.get() on:click=confirm>
                        {move || if busy.get() { "Rotating…" } else { "Rotate secret" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}

/// Confirms deleting an endpoint with its delivery log.
#[component]
pub fn DeleteEndpointDialog(
    endpoint: WebhookEndpointView,
    on_close: Callback<()>,
    on_deleted: Callback<()>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let id = endpoint.id;
    let confirm = move |_| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = webhooks::delete_endpoint(id).await;
            busy.set(false);
            match result {
                Ok(()) => on_deleted.run(()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <Dialog title="Delete endpoint?".to_owned() testid="webhook-delete-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <p class="dialog-text">
                    "Nothing more is sent to " <strong class="mono">{endpoint.url.clone()}</strong>
                    ", pending deliveries included, and its delivery log goes with it. This cannot be undone."
                </p>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="webhook-delete-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="webhook-delete-cancel" autofocus on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="button" class="button button-danger" data-testid="webhook-delete-confirm" disabled=move || busy.get() on:click=confirm>
                        {move || if busy.get() { "Deleting…" } else { "Delete endpoint" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
