//! `/customers/new`: the create dialog over the list. When the first administrator gets a
//! password-reset link, the link is shown once, to copy.

use crate::app::TenantsChanged;
use crate::components::copy_button::CopyButton;
use crate::components::create_tenant_form::CreateTenantForm;
use crate::components::dialog::Dialog;
use crate::query::{CustomerQuery, use_customer_query};
use landlord_domain::wire::CreatedTenant;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewCustomerDialog() -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let (query, _) = use_customer_query();
    let navigate = use_navigate();
    let created = RwSignal::new(None::<CreatedTenant>);

    let go = move |path: String| {
        let query = query.with_untracked(CustomerQuery::to_query_string);
        navigate(
            &format!("{path}{query}"),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    let close = {
        let go = go.clone();
        move || go("/customers".to_owned())
    };
    let open_created = {
        let go = go.clone();
        move |id: i64| go(format!("/customers/{id}"))
    };
    let on_created = {
        let open_created = open_created.clone();
        move |tenant: CreatedTenant| {
            changed.notify();
            if tenant.admin_password_reset_url.is_some() {
                created.set(Some(tenant));
            } else {
                open_created(tenant.tenant.id);
            }
        }
    };

    let title = Signal::derive(move || {
        if created.with(Option::is_some) {
            "Customer created"
        } else {
            "New customer"
        }
        .to_owned()
    });
    view! {
        <Dialog title testid="create-dialog" on_close=close.clone() wide=true>
            {move || match created.get() {
                None => view! { <CreateTenantForm on_cancel=close.clone() on_created=on_created.clone() /> }.into_any(),
                Some(tenant) => {
                    let url = tenant.admin_password_reset_url.clone().unwrap_or_default();
                    let id = tenant.tenant.id;
                    let open_created = open_created.clone();
                    view! {
                        <div class="created" data-testid="create-result">
                            <div class="alert alert-success" role="status">
                                <strong>{tenant.tenant.name.clone()}</strong>
                                " was created. Send this link to "
                                <strong>{tenant.tenant.admin_email.clone()}</strong>
                                " so the administrator can choose a password. It is shown only once."
                            </div>
                            <div class="field">
                                <label for="create-reset-url">"Password-reset link"</label>
                                <div class="input-with-button">
                                    <input
                                        id="create-reset-url"
                                        type="text"
                                        readonly
                                        data-testid="create-reset-url"
                                        prop:value=url.clone()
                                        on:focus=move |ev| {
                                            use wasm_bindgen::JsCast;
                                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                                input.select();
                                            }
                                        }
                                    />
                                    <CopyButton text=url testid="copy-reset-url" />
                                </div>
                            </div>
                            <div class="form-actions">
                                <button type="button" class="button button-primary" data-testid="create-done" on:click=move |_| open_created(id)>
                                    "Open customer"
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
            }}
        </Dialog>
    }
}
