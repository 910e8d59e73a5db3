//! The Contact and Billing sections the New customer and Edit customer forms share. Each
//! input's test id is the form's name and the field's (`create-contact-name`,
//! `edit-billing-address`).

use crate::components::fields::{FieldErrorText, FormErrors, TextField};
use landlord_domain::tenant::settings::{CompanySize, countries, parse_language, time_zones};
use leptos::prelude::*;

/// What the Contact section edits; empty by default.
#[derive(Clone, Copy, Default)]
pub struct Contact {
    pub name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub address: RwSignal<String>,
    pub country: RwSignal<String>,
}

/// What the Billing section edits; empty by default.
#[derive(Clone, Copy, Default)]
pub struct Billing {
    pub payment_method: RwSignal<String>,
    pub address: RwSignal<String>,
}

/// Contact name, email and phone, country and address.
#[component]
pub fn ContactFields(
    /// The form's name, the first part of each input's test id.
    form: &'static str,
    contact: Contact,
    errors: FormErrors,
    /// The address spans both columns of a two-column form.
    #[prop(optional)]
    wide: bool,
    /// The browser may suggest a country and street address (otherwise autocomplete is off,
    /// as for every field).
    #[prop(optional)]
    autofill: bool,
) -> impl IntoView {
    view! {
        <fieldset class="form-section">
            <legend>"Contact"</legend>
            <TextField
                label="Contact name"
                field="contact_name"
                value=contact.name
                testid=format!("{form}-contact-name")
                errors
            />
            <TextField
                label="Contact email"
                field="contact_email"
                value=contact.email
                testid=format!("{form}-contact-email")
                errors
                input_type="email"
            />
            <TextField
                label="Contact phone"
                field="contact_phone"
                value=contact.phone
                testid=format!("{form}-contact-phone")
                errors
                input_type="tel"
            />
            <SelectField
                label="Country"
                field="country"
                value=contact.country
                testid=format!("{form}-country")
                errors
                options=countries()
                    .into_iter()
                    .map(|(code, name)| (code, format!("{name} ({code})")))
                    .collect()
                autocomplete=if autofill { "country" } else { "off" }
            />
            <TextField
                label="Address"
                field="contact_address"
                value=contact.address
                testid=format!("{form}-contact-address")
                errors
                wide
                autocomplete=if autofill { "street-address" } else { "off" }
                placeholder="Street, postcode and city"
            />
        </fieldset>
    }
}

/// The payment method on file and the billing address.
#[component]
pub fn BillingFields(
    /// The form's name, the first part of each input's test id.
    form: &'static str,
    billing: Billing,
    errors: FormErrors,
    /// The address spans both columns of a two-column form.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    view! {
        <fieldset class="form-section">
            <legend>"Billing"</legend>
            <TextField
                label="Payment method on file"
                field="billing_payment_method"
                value=billing.payment_method
                testid=format!("{form}-billing-method")
                errors
                placeholder="Visa •••• 4242"
                hint="As it may be shown, never a full card number."
            />
            <TextField
                label="Billing address"
                field="billing_address"
                value=billing.address
                testid=format!("{form}-billing-address")
                errors
                wide
                placeholder="Street, postcode and city"
            />
        </fieldset>
    }
}

/// What the Settings section edits (seeds 000 and 002); empty by default.
#[derive(Clone, Copy, Default)]
pub struct Settings {
    pub web_address: RwSignal<String>,
    pub support_email: RwSignal<String>,
    pub billing_email: RwSignal<String>,
    /// A [`CompanySize`] name, or empty.
    pub company_size: RwSignal<String>,
    pub time_zone: RwSignal<String>,
    pub language: RwSignal<String>,
    pub admin_first_name: RwSignal<String>,
}

impl Settings {
    /// The settings a tenant has now.
    pub fn of(tenant: &landlord_domain::wire::TenantView) -> Self {
        let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
        Self {
            web_address: text(&tenant.web_address),
            support_email: text(&tenant.support_email),
            billing_email: text(&tenant.billing_email),
            company_size: RwSignal::new(
                tenant
                    .company_size
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
            ),
            time_zone: text(&tenant.time_zone),
            language: text(&tenant.language),
            admin_first_name: text(&tenant.admin_first_name),
        }
    }

    /// The chosen company size.
    pub fn size(&self) -> Option<CompanySize> {
        CompanySize::parse(&self.company_size.get_untracked())
    }
}

/// A choice from `options` (value, label), with an empty "not set" choice first.
#[component]
fn SelectField(
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
    #[prop(into)] testid: String,
    errors: FormErrors,
    options: Vec<(&'static str, String)>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = format!("input-{testid}");
    let message = Signal::derive(move || errors.get(field));
    view! {
        <div class="field" class:has-error=move || message.with(Option::is_some)>
            <label for=id.clone()>
                {label}
                <span class="optional">" (optional)"</span>
            </label>
            <select
                id=id
                data-testid=testid
                name=field
                autocomplete=autocomplete.unwrap_or("off")
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.clear_field(field);
                }
            >
                <option value="">"Not set"</option>
                {options
                    .into_iter()
                    .map(|(v, text)| view! { <option value=v>{text}</option> })
                    .collect_view()}
            </select>
            <FieldErrorText field message />
        </div>
    }
}

/// Web address, support and billing emails, company size, time zone, language and the
/// first administrator's first name.
#[component]
pub fn SettingsFields(
    /// The form's name, the first part of each input's test id.
    form: &'static str,
    settings: Settings,
    errors: FormErrors,
) -> impl IntoView {
    let sizes = CompanySize::ALL
        .map(|s| (s.as_str(), format!("{} people", s.as_str())))
        .to_vec();
    let zones = time_zones()
        .into_iter()
        .map(|z| (z, z.to_owned()))
        .collect();
    let language_live = Signal::derive(move || {
        settings.language.with(|l| {
            (!l.trim().is_empty())
                .then(|| parse_language(l).err().map(|e| e.to_string()))
                .flatten()
        })
    });
    view! {
        <fieldset class="form-section">
            <legend>"Settings"</legend>
            <TextField
                label="Web address"
                field="web_address"
                value=settings.web_address
                testid=format!("{form}-web-address")
                errors
                placeholder="acme.example"
            />
            <SelectField
                label="Company size"
                field="company_size"
                value=settings.company_size
                testid=format!("{form}-company-size")
                errors
                options=sizes
            />
            <TextField
                label="Support email"
                field="support_email"
                value=settings.support_email
                testid=format!("{form}-support-email")
                errors
                input_type="email"
            />
            <TextField
                label="Billing email"
                field="billing_email"
                value=settings.billing_email
                testid=format!("{form}-billing-email")
                errors
                input_type="email"
            />
            <SelectField
                label="Site time zone"
                field="time_zone"
                value=settings.time_zone
                testid=format!("{form}-time-zone")
                errors
                options=zones
            />
            <TextField
                label="System language"
                field="language"
                value=settings.language
                testid=format!("{form}-language")
                errors
                placeholder="en-GB"
                hint="A BCP 47 tag, e.g. de, en-GB, zh-Hant-TW."
                live_error=language_live
            />
            <TextField
                label="Administrator's first name"
                field="admin_first_name"
                value=settings.admin_first_name
                testid=format!("{form}-admin-first-name")
                errors
            />
        </fieldset>
    }
}
