//! The Contact and Billing sections the New customer and Edit customer forms share. Each
//! input's test id is the form's name and the field's (`create-contact-name`,
//! `edit-billing-address`).

use crate::components::fields::{FormErrors, TextField};
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
            <TextField
                label="Country"
                field="country"
                value=contact.country
                testid=format!("{form}-country")
                errors
                placeholder="DE"
                hint="Two-letter ISO code, e.g. DE, US, GB."
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
