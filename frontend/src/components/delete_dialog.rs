//! Deleting a customer for good, confirmed by typing its domain.

use crate::api::{self, ApiError};
use crate::app::TenantsChanged;
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::query::{CustomerQuery, use_customer_query};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[component]
pub fn DeleteDialog(id: i64, domain: String, on_close: Callback<()>) -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let (query, _) = use_customer_query();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let expected = StoredValue::new(domain.clone());
    let matches = move || typed.with(|t| expected.with_value(|d| t.trim() == d));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !matches() {
            return;
        }
        failure.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        let list = format!(
            "/customers{}",
            query.with_untracked(CustomerQuery::to_query_string)
        );
        spawn_local(async move {
            let result = api::delete_tenant(id).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    changed.notify();
                    navigate(
                        &list,
                        NavigateOptions {
                            scroll: false,
                            ..Default::default()
                        },
                    );
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    view! {
        <Dialog title="Delete customer?".to_owned() testid="delete-dialog" on_close=move || on_close.run(())>
            <form class="form" on:submit=submit novalidate>
                <p class="dialog-text">
                    "This permanently deletes " <strong>{domain.clone()}</strong>
                    ", its users and its subtenants. It cannot be undone."
                </p>
                <div class="field">
                    <label for="delete-confirm-domain">"Type " <code>{domain.clone()}</code> " to confirm"</label>
                    <input
                        id="delete-confirm-domain"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        data-testid="delete-confirm-input"
                        autofocus
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="delete-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="delete-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-danger" data-testid="delete-confirm" disabled=move || !matches() || busy.get()>
                        {move || if busy.get() { "Deleting…" } else { "Delete customer" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
