//! Creating a user in a customer's tenant, and deleting one.

use crate::api::{self, ApiError};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::customer_picker::{CustomerPicker, PickedCustomer};
use crate::components::dialog::Dialog;
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use crate::components::tenant_name::TenantNames;
use landlord_domain::wire::{CreateUserRequest, FieldError, UserView};
use landlord_domain::{ErrorCode, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: [&str; 6] = [
    "tenant_id",
    "username",
    "email",
    "display_name",
    "role",
    "password",
];

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admin: everything, including deleting customers",
        Role::Manager => "Manager: runs customers day to day",
        Role::Viewer => "Viewer: read-only",
        Role::Member => "Member: signs in, manages nothing",
    }
}

/// "New user", in a customer picked by searching; the list's customer filter (`tenant`) is
/// preselected. Without one nothing is: a user lands in the operator's own tenant only when
/// they pick it.
#[component]
pub fn NewUserDialog(
    tenant: Option<i64>,
    on_close: Callback<()>,
    on_done: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let names = TenantNames::use_context();
    let own = session
        .me
        .with_untracked(|me| me.as_ref().map(|me| me.tenant.id));
    let customer = RwSignal::new(tenant.map(|id| PickedCustomer {
        id,
        name: names.known(id).unwrap_or_else(|| format!("#{id}")),
        domain: None,
    }));
    // A preselected customer whose name the list has not brought is looked up once.
    if let Some(id) = tenant {
        Effect::new(move |_| {
            if let Some(name) = names.get(id) {
                customer.update(|c| {
                    if let Some(c) = c.as_mut().filter(|c| c.id == id && c.name != name) {
                        c.name = name;
                    }
                });
            }
        });
    }

    let username = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Member);
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let password = password.get_untracked();
        let Some(target) = customer.get_untracked() else {
            errors.set(vec![FieldError::new(
                "tenant_id",
                "required",
                "choose the customer the user belongs to",
            )]);
            focus_first_error("user-form");
            return;
        };
        let request = CreateUserRequest {
            tenant_id: Some(target.id),
            username: username.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            display_name: Some(display_name.get_untracked().trim().to_owned())
                .filter(|d| !d.is_empty()),
            role: role.get_untracked(),
            password: (!password.is_empty()).then_some(password),
            ..Default::default()
        };
        if let Err(invalid) = request.parse() {
            errors.set(invalid.0);
            focus_first_error("user-form");
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = api::create_user(&request).await;
            saving.set(false);
            match result {
                Ok(user) => on_done.run(format!("{} was created.", user.username)),
                Err(error) => {
                    let field_errors = error.field_errors();
                    if field_errors.is_empty() {
                        failure.set(Some(error));
                    } else {
                        errors.set(field_errors);
                        focus_first_error("user-form");
                    }
                }
            }
        });
    };

    view! {
        <Dialog title="New user".to_owned() testid="user-dialog" on_close=move || on_close.run(())>
            <form class="form" data-testid="user-form" on:submit=submit novalidate>
                <CustomerPicker
                    label="Customer"
                    field="tenant_id"
                    selected=customer
                    testid="user-form-tenant"
                    errors
                    own
                    autofocus=tenant.is_none()
                />
                <TextField label="Username" field="username" value=username testid="user-username" errors required=true autofocus=tenant.is_some() />
                <TextField label="Email" field="email" value=email testid="user-email" errors required=true input_type="email" />
                <TextField label="Display name" field="display_name" value=display_name testid="user-display-name" errors />
                <div class="field">
                    <label for="user-role">"Role"</label>
                    <select
                        id="user-role"
                        data-testid="user-role"
                        prop:value=move || role.get().as_str()
                        on:change=move |ev| role.set(Role::parse(&event_target_value(&ev)).unwrap_or_default())
                    >
                        {Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{role_label(r)}</option> })
                            .collect::<Vec<_>>()}
                    </select>
                    <FieldErrorText field="role" message=Signal::derive(move || errors.get("role")) />
                </div>
                <TextField
                    label="Password"
                    field="password"
                    value=password
                    testid="user-password"
                    errors
                    input_type="password"
                    autocomplete="new-password"
                    hint="Leave empty and the user cannot sign in until a password is set."
                />
                {move || {
                    let others = errors.others(&SHOWN);
                    (!others.is_empty())
                        .then(|| {
                            view! {
                                <div class="alert alert-error" role="alert" data-testid="user-form-error">
                                    {others.into_iter().map(|e| view! { <p>{format!("{}: {}", e.field, e.message)}</p> }).collect::<Vec<_>>()}
                                </div>
                            }
                        })
                }}
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="user-form-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="user-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" data-testid="user-submit" disabled=move || saving.get()>
                        {move || if saving.get() { "Creating…" } else { "Create user" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Deleting a user, confirmed. The server refuses a tenant's first administrator (409
/// `first_admin`); the dialog then says so.
#[component]
pub fn DeleteUserDialog(
    user: UserView,
    on_close: Callback<()>,
    on_done: Callback<String>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let id = user.id;
    let username = user.username.clone();
    let confirm = move |_| {
        failure.set(None);
        busy.set(true);
        let username = username.clone();
        spawn_local(async move {
            let result = api::delete_user(id).await;
            busy.set(false);
            match result {
                Ok(()) => on_done.run(format!("{username} was deleted.")),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let refused = move || {
        failure.with(|f| match f {
            Some(ApiError::Problem(p)) if p.status == 409 => Some(match p.error_code() {
                Some(ErrorCode::FirstAdmin) => "This is the customer's first administrator",
                Some(ErrorCode::SelfDelete) => "You cannot delete yourself",
                _ => "The user cannot be deleted",
            }),
            _ => None,
        })
    };

    view! {
        <Dialog title=format!("Delete {}?", user.username) testid="user-delete-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <p class="dialog-text">
                    <strong>{user.username.clone()}</strong>
                    " (" {user.email.clone()} ") can no longer sign in. This cannot be undone."
                </p>
                {move || {
                    failure
                        .get()
                        .map(|error| match refused() {
                            Some(headline) => {
                                view! {
                                    <div class="alert alert-error" role="alert" data-testid="user-delete-error">
                                        <p class="strong">{headline}</p>
                                        <p>{error.message()}</p>
                                    </div>
                                }
                                    .into_any()
                            }
                            None => view! { <ErrorAlert error testid="user-delete-error" /> }.into_any(),
                        })
                }}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="user-delete-cancel" autofocus on:click=move |_| on_close.run(())>
                        {move || if refused().is_some() { "Close" } else { "Cancel" }}
                    </button>
                    <button
                        type="button"
                        class="button button-danger"
                        data-testid="user-delete-confirm"
                        disabled=move || busy.get() || refused().is_some()
                        on:click=confirm
                    >
                        {move || if busy.get() { "Deleting…" } else { "Delete user" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
