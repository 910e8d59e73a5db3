//! The form creating a customer with its first administrator. Checks every field with the
//! same rules as the server (`CreateTenantRequest::parse`) before sending.

use crate::api::{self, ApiError};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::customer_fields::{
    Billing, BillingFields, Contact, ContactFields, Settings, SettingsFields,
};
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use crate::components::rate_limit_fields::{RateLimit, RateLimitFields};
use landlord_domain::TenantType;
use landlord_domain::mail::AdminNotification;
use landlord_domain::tenant::TenantDomain;
use landlord_domain::wire::{CreateTenantRequest, CreatedTenant, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: [&str; 26] = [
    "domain",
    "name",
    "type",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_address",
    "country",
    "billing_payment_method",
    "billing_address",
    "web_address",
    "support_email",
    "billing_email",
    "company_size",
    "time_zone",
    "language",
    "admin_first_name",
    "admin_username",
    "admin_email",
    "admin_password",
    "allow_subtenants",
    "policy",
    "link_policy",
    "admin_notification",
    "limit_http_requests",
    "limit_http_queue",
];

fn optional(value: String) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

#[component]
pub fn CreateTenantForm<C, D>(on_cancel: C, on_created: D) -> impl IntoView
where
    C: Fn() + Clone + 'static,
    D: Fn(CreatedTenant) + Clone + 'static,
{
    let session = use_session();
    let domain = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let tenant_type = RwSignal::new(TenantType::Company);
    let contact = Contact::default();
    let billing = Billing::default();
    let settings = Settings::default();
    let admin_username = RwSignal::new(String::new());
    let admin_email = RwSignal::new(String::new());
    let set_password = RwSignal::new(false);
    let admin_password = RwSignal::new(String::new());
    let allow_subtenants = RwSignal::new(false);
    let limit = RateLimit::of(None, None);
    // The tenant policy the customer starts with (its id as the select's value; "" none).
    let policy = RwSignal::new(String::new());
    let link_policy = RwSignal::new(false);
    let policy_choices = LocalResource::new(crate::api::policies::list_policies);
    // Seed 002: the administrator gets the activation link or the sign-in details by mail.
    let notification = RwSignal::new(AdminNotification::ActivationLink);

    // Server answers and the last submit's checks; cleared per field as it is edited.
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let domain_live = Signal::derive(move || {
        domain.with(|d| {
            (!d.is_empty())
                .then(|| TenantDomain::parse(d).err().map(|e| e.to_string()))
                .flatten()
        })
    });

    // Every field is named, no `..Default::default()`: a field the API gains does not compile
    // here until the form asks for it.
    let request = move || CreateTenantRequest {
        domain: domain.get_untracked().trim().to_owned(),
        name: name.get_untracked(),
        tenant_type: tenant_type.get_untracked(),
        contact_name: optional(contact.name.get_untracked()),
        contact_email: optional(contact.email.get_untracked()),
        contact_phone: optional(contact.phone.get_untracked()),
        contact_address: optional(contact.address.get_untracked()),
        country: optional(contact.country.get_untracked()),
        billing_payment_method: optional(billing.payment_method.get_untracked()),
        billing_address: optional(billing.address.get_untracked()),
        web_address: optional(settings.web_address.get_untracked()),
        support_email: optional(settings.support_email.get_untracked()),
        billing_email: optional(settings.billing_email.get_untracked()),
        company_size: settings.size(),
        time_zone: optional(settings.time_zone.get_untracked()),
        language: optional(settings.language.get_untracked()),
        admin_first_name: optional(settings.admin_first_name.get_untracked()),
        admin_username: admin_username.get_untracked().trim().to_owned(),
        admin_email: admin_email.get_untracked().trim().to_owned(),
        admin_password: set_password
            .get_untracked()
            .then(|| admin_password.get_untracked()),
        allow_subtenants: allow_subtenants.get_untracked() && session.is_management(),
        limit_http_requests: limit.requests().filter(|_| session.is_management()),
        limit_http_queue: limit.queue().filter(|_| session.is_management()),
        plan: None,
        cycle: None,
        payment_method: None,
        policy: policy.get_untracked().parse::<i64>().ok(),
        link_policy: link_policy.get_untracked() && !policy.get_untracked().is_empty(),
        admin_notification: Some(notification.get_untracked()),
        custom_properties: None,
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let request = request();
        if let Err(invalid) = request.parse() {
            errors.set(invalid.0);
            focus_first_error("create-form");
            return;
        }
        errors.clear();
        saving.set(true);
        let on_created = on_created.clone();
        spawn_local(async move {
            let result = api::create_tenant(&request).await;
            saving.set(false);
            match result {
                Ok(created) => on_created(created),
                Err(error) => {
                    let field_errors: Vec<FieldError> = error.field_errors();
                    if field_errors.is_empty() {
                        failure.set(Some(error));
                    } else {
                        errors.set(field_errors);
                        focus_first_error("create-form");
                    }
                }
            }
        });
    };

    view! {
        <form class="form form-grid" data-testid="create-form" on:submit=submit novalidate>
            <fieldset class="form-section">
                <legend>"Customer"</legend>
                <TextField label="Name" field="name" value=name testid="create-name" errors required=true autofocus=true />
                <TextField
                    label="Domain"
                    field="domain"
                    value=domain
                    testid="create-domain"
                    errors
                    required=true
                    live_error=domain_live
                    placeholder="acme"
                    hint="2–63 lowercase letters, digits and hyphens, starting with a letter."
                />
                <div class="field">
                    <label for="create-type">"Type"</label>
                    <select
                        id="create-type"
                        data-testid="create-type"
                        prop:value=move || tenant_type.get().as_str()
                        on:change=move |ev| tenant_type.set(TenantType::parse(&event_target_value(&ev)).unwrap_or_default())
                    >
                        <option value="company">"Company"</option>
                        <option value="individual">"Individual"</option>
                    </select>
                    <FieldErrorText field="type" message=Signal::derive(move || errors.get("type")) />
                </div>
            </fieldset>
            <ContactFields form="create" contact errors wide=true />
            <BillingFields form="create" billing errors wide=true />
            <SettingsFields form="create" settings errors />
            <Show when=move || session.is_management()>
                <RateLimitFields form="create" limit errors />
            </Show>
            <fieldset class="form-section">
                <legend>"First administrator"</legend>
                <TextField
                    label="Admin username"
                    field="admin_username"
                    value=admin_username
                    testid="create-admin-username"
                    errors
                    required=true
                    placeholder="admin"
                />
                <TextField
                    label="Admin email"
                    field="admin_email"
                    value=admin_email
                    testid="create-admin-email"
                    errors
                    required=true
                    input_type="email"
                />
                <div class="field" role="radiogroup" aria-labelledby="create-password-mode-label">
                    <span class="label" id="create-password-mode-label">"Password"</span>
                    <div class="radio">
                        <input
                            type="radio"
                            id="create-password-link"
                            name="password-mode"
                            data-testid="create-password-mode-link"
                            prop:checked=move || !set_password.get()
                            on:change=move |_| set_password.set(false)
                        />
                        <label for="create-password-link">"Send a password-reset link"</label>
                    </div>
                    <div class="radio">
                        <input
                            type="radio"
                            id="create-password-set"
                            name="password-mode"
                            data-testid="create-password-mode-set"
                            prop:checked=move || set_password.get()
                            on:change=move |_| {
                                set_password.set(true);
                                // The activation link is for choosing a password; there is one now.
                                if notification.get_untracked() == AdminNotification::ActivationLink {
                                    notification.set(AdminNotification::Credentials);
                                }
                            }
                        />
                        <label for="create-password-set">"Set a password now"</label>
                    </div>
                </div>
                <Show when=move || set_password.get()>
                    <TextField
                        label="Admin password"
                        field="admin_password"
                        value=admin_password
                        testid="create-admin-password"
                        errors
                        required=true
                        input_type="password"
                        autocomplete="new-password"
                        hint="At least 8 characters, with a letter and a digit or symbol."
                    />
                </Show>
                <div class="field">
                    <label for="create-admin-notification">"Notify the administrator"</label>
                    <select
                        id="create-admin-notification"
                        data-testid="create-admin-notification"
                        prop:value=move || notification.get().as_str()
                        on:change=move |ev| {
                            notification.set(AdminNotification::parse(&event_target_value(&ev)).unwrap_or_default())
                        }
                    >
                        <option value="activation_link" disabled=move || set_password.get()>"Mail the activation link"</option>
                        <option value="credentials">"Mail the sign-in details"</option>
                        <option value="none">"Send no mail"</option>
                    </select>
                    <p class="field-hint">
                        {move || match notification.get() {
                            AdminNotification::ActivationLink => "A one-time link to choose a password, valid for 7 days.",
                            AdminNotification::Credentials if set_password.get() => "Tenant, username and the password set here.",
                            AdminNotification::Credentials => "Tenant, username and a generated password.",
                            AdminNotification::None if set_password.get() => "No mail: pass the password on yourself.",
                            AdminNotification::None => "No mail: the one-time link is shown once after creating.",
                        }}
                    </p>
                    <FieldErrorText field="admin_notification" message=Signal::derive(move || errors.get("admin_notification")) />
                </div>
                <Show when=move || session.is_management()>
                    <div class="field field-checkbox">
                        <input
                            id="create-allow-subtenants"
                            type="checkbox"
                            data-testid="create-allow-subtenants"
                            prop:checked=move || allow_subtenants.get()
                            on:change=move |ev| allow_subtenants.set(event_target_checked(&ev))
                        />
                        <label for="create-allow-subtenants">"Allow subtenants"</label>
                        <p class="field-hint">"The customer may create and manage customers of its own."</p>
                        <FieldErrorText field="allow_subtenants" message=Signal::derive(move || errors.get("allow_subtenants")) />
                    </div>
                </Show>
            </fieldset>
            <fieldset class="form-section">
                <legend>"Tenant policy"</legend>
                <div class="field">
                    <label for="create-policy">"Policy"</label>
                    <select
                        id="create-policy"
                        data-testid="create-policy"
                        prop:value=move || policy.get()
                        on:change=move |ev| policy.set(event_target_value(&ev))
                    >
                        <option value="">"None"</option>
                        {move || policy_choices.get().and_then(Result::ok).map(|page| {
                            page.items.into_iter().map(|p| view! {
                                <option value=p.id.to_string()>{p.name}</option>
                            }).collect::<Vec<_>>()
                        })}
                    </select>
                    <p class="field-hint">"Its options and retention rules are copied into the customer."</p>
                    <FieldErrorText field="policy" message=Signal::derive(move || errors.get("policy")) />
                </div>
                <div class="field field-checkbox">
                    <input
                        id="create-link-policy"
                        type="checkbox"
                        data-testid="create-link-policy"
                        disabled=move || policy.with(String::is_empty)
                        prop:checked=move || link_policy.get()
                        on:change=move |ev| link_policy.set(event_target_checked(&ev))
                    />
                    <label for="create-link-policy">"Keep linked to the policy"</label>
                    <p class="field-hint">"The policy's later edits apply to this customer too."</p>
                </div>
            </fieldset>
            {move || {
                let others = errors.others(&SHOWN);
                (!others.is_empty())
                    .then(|| {
                        view! {
                            <div class="alert alert-error" role="alert" data-testid="form-error">
                                {others.into_iter().map(|e| view! { <p>{format!("{}: {}", e.field, e.message)}</p> }).collect::<Vec<_>>()}
                            </div>
                        }
                    })
            }}
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="form-error" /> })}
            <div class="form-actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="create-cancel"
                    on:click={
                        let on_cancel = on_cancel.clone();
                        move |_| on_cancel()
                    }
                >
                    "Cancel"
                </button>
                <button type="submit" class="button button-primary" data-testid="create-submit" disabled=move || saving.get()>
                    {move || if saving.get() { "Creating…" } else { "Create customer" }}
                </button>
            </div>
        </form>
    }
}
