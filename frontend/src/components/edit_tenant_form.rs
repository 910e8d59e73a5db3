//! Editing a customer's properties. The id and first administrator are fixed at creation.

use crate::api::{self, ApiError};
use crate::app::TenantsChanged;
use crate::components::alert::ErrorAlert;
use crate::components::customer_fields::{
    Billing, BillingFields, Contact, ContactFields, Settings, SettingsFields,
};
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use crate::components::rate_limit_fields::{RateLimit, RateLimitFields};
use landlord_domain::TenantType;
use landlord_domain::tenant::{TenantAction, TenantDomain};
use landlord_domain::wire::{FieldError, TenantDetail, UpdateTenantRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: [&str; 20] = [
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
    "allow_subtenants",
    "limit_http_requests",
    "limit_http_queue",
];

fn optional(value: &str) -> Option<String> {
    Some(value.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

#[component]
pub fn EditTenantForm(tenant: TenantDetail, on_done: Callback<()>) -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let session = crate::auth::use_session();
    let saved_billing = tenant.billing;
    let tenant = tenant.tenant;
    let original = StoredValue::new((tenant.clone(), saved_billing.clone()));
    let id = tenant.id;
    let domain = RwSignal::new(tenant.domain.clone());
    let name = RwSignal::new(tenant.name.clone());
    let tenant_type = RwSignal::new(tenant.tenant_type);
    let text = |value: &Option<String>| RwSignal::new(value.clone().unwrap_or_default());
    let contact = Contact {
        name: text(&tenant.contact_name),
        email: text(&tenant.contact_email),
        phone: text(&tenant.contact_phone),
        address: text(&tenant.contact_address),
        country: text(&tenant.country),
    };
    let billing = Billing {
        payment_method: text(&saved_billing.payment_method),
        address: text(&saved_billing.address),
    };
    let settings = Settings::of(&tenant);
    let allow_subtenants = RwSignal::new(tenant.allow_subtenants);
    let limit = RateLimit::of(tenant.limit_http_requests, tenant.limit_http_queue);
    // Only the parent changes the domain and type; its own administrator edits the profile.
    let parent_edit = tenant.allowed_actions.contains(&TenantAction::Update);
    let may_grant = tenant
        .allowed_actions
        .contains(&TenantAction::GrantSubtenants);
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let domain_live = Signal::derive(move || {
        domain.with(|d| TenantDomain::parse(d).err().map(|e| e.to_string()))
    });

    // Only what changed is sent, so the audit log records exactly the edit.
    let request = move || {
        let (before, billing_before) = original.get_value();
        let changed_opt = |now: String, was: &Option<String>| {
            let now = optional(&now);
            (now != *was).then_some(now)
        };
        UpdateTenantRequest {
            domain: Some(domain.get_untracked()).filter(|d| *d != before.domain),
            name: Some(name.get_untracked()).filter(|n| n.trim() != before.name),
            tenant_type: Some(tenant_type.get_untracked()).filter(|t| *t != before.tenant_type),
            contact_name: changed_opt(contact.name.get_untracked(), &before.contact_name),
            contact_email: changed_opt(contact.email.get_untracked(), &before.contact_email),
            contact_phone: changed_opt(contact.phone.get_untracked(), &before.contact_phone),
            contact_address: changed_opt(contact.address.get_untracked(), &before.contact_address),
            country: changed_opt(
                contact.country.get_untracked().trim().to_ascii_uppercase(),
                &before.country,
            ),
            billing_payment_method: changed_opt(
                billing.payment_method.get_untracked(),
                &billing_before.payment_method,
            ),
            billing_address: changed_opt(billing.address.get_untracked(), &billing_before.address),
            web_address: changed_opt(settings.web_address.get_untracked(), &before.web_address),
            support_email: changed_opt(
                settings.support_email.get_untracked(),
                &before.support_email,
            ),
            billing_email: changed_opt(
                settings.billing_email.get_untracked(),
                &before.billing_email,
            ),
            company_size: Some(settings.size()).filter(|s| *s != before.company_size),
            time_zone: changed_opt(settings.time_zone.get_untracked(), &before.time_zone),
            language: changed_opt(settings.language.get_untracked(), &before.language),
            admin_first_name: changed_opt(
                settings.admin_first_name.get_untracked(),
                &before.admin_first_name,
            ),
            allow_subtenants: Some(allow_subtenants.get_untracked())
                .filter(|a| *a != before.allow_subtenants),
            limit_http_requests: Some(limit.requests())
                .filter(|l| *l != before.limit_http_requests),
            limit_http_queue: Some(limit.queue()).filter(|l| *l != before.limit_http_queue),
            ..Default::default()
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let request = request();
        if let Err(invalid) = request.parse() {
            errors.set(invalid.0);
            focus_first_error("edit-form");
            return;
        }
        errors.clear();
        let unchanged = serde_json::to_value(&request)
            .is_ok_and(|v| v.as_object().is_some_and(serde_json::Map::is_empty));
        if unchanged {
            on_done.run(());
            return;
        }
        saving.set(true);
        spawn_local(async move {
            let result = api::update_tenant(id, &request).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    changed.notify();
                    on_done.run(());
                }
                Err(error) => {
                    let field_errors: Vec<FieldError> = error.field_errors();
                    if field_errors.is_empty() {
                        failure.set(Some(error));
                    } else {
                        errors.set(field_errors);
                        focus_first_error("edit-form");
                    }
                }
            }
        });
    };

    view! {
        <form class="form" data-testid="edit-form" on:submit=submit novalidate>
            <fieldset class="form-section">
                <legend>"Customer"</legend>
                <div class="field">
                    <label for="edit-id">"Customer id"</label>
                    <input id="edit-id" type="text" data-testid="edit-id" readonly prop:value=id.to_string() />
                </div>
                <TextField label="Name" field="name" value=name testid="edit-name" errors required=true autofocus=true />
                <TextField
                    label="Domain"
                    field="domain"
                    value=domain
                    testid="edit-domain"
                    errors
                    required=true
                    readonly=!parent_edit
                    live_error=domain_live
                    hint="Lowercase letters, digits and hyphens; the first part of the customer's address."
                />
                <div class="field">
                    <label for="edit-type">"Type"</label>
                    <select
                        id="edit-type"
                        data-testid="edit-type"
                        disabled=!parent_edit
                        prop:value=move || tenant_type.get().as_str()
                        on:change=move |ev| tenant_type.set(TenantType::parse(&event_target_value(&ev)).unwrap_or_default())
                    >
                        <option value="company">"Company"</option>
                        <option value="individual">"Individual"</option>
                    </select>
                    <FieldErrorText field="type" message=Signal::derive(move || errors.get("type")) />
                </div>
            </fieldset>
            <ContactFields form="edit" contact errors autofill=true />
            <BillingFields form="edit" billing errors />
            <SettingsFields form="edit" settings errors />
            // The operator's to set (a reseller could otherwise lift its own limit).
            <Show when=move || parent_edit && session.is_management()>
                <RateLimitFields form="edit" limit errors />
            </Show>
            <fieldset class="form-section">
                <legend>"First administrator"</legend>
                <div class="field">
                    <label for="edit-admin-username">"Admin username"</label>
                    <input
                        id="edit-admin-username"
                        type="text"
                        data-testid="edit-admin-username"
                        readonly
                        prop:value=tenant.admin_username.clone()
                    />
                    <p class="field-hint">"Fixed when the customer was created."</p>
                </div>
                <div class="field">
                    <label for="edit-admin-email">"Admin email"</label>
                    <input id="edit-admin-email" type="text" data-testid="edit-admin-email" readonly prop:value=tenant.admin_email.clone() />
                </div>
                <Show when=move || may_grant>
                    <div class="field field-checkbox">
                        <input
                            id="edit-allow-subtenants"
                            type="checkbox"
                            data-testid="edit-allow-subtenants"
                            prop:checked=move || allow_subtenants.get()
                            on:change=move |ev| allow_subtenants.set(event_target_checked(&ev))
                        />
                        <label for="edit-allow-subtenants">"Allow subtenants"</label>
                        <FieldErrorText field="allow_subtenants" message=Signal::derive(move || errors.get("allow_subtenants")) />
                    </div>
                </Show>
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
                <button type="button" class="button button-secondary" data-testid="edit-cancel" on:click=move |_| on_done.run(())>
                    "Cancel"
                </button>
                <button type="submit" class="button button-primary" data-testid="edit-save" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Save changes" }}
                </button>
            </div>
        </form>
    }
}
