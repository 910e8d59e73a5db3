//! One custom property's input, by its type: text, a number, a date, or yes / no / not set.
//! The input holds text; [`PropertyType::parse_input`] turns it into the value sent, the
//! same check the server makes.

use landlord_domain::custom_property::{PropertyType, value_text};
use leptos::prelude::*;
use serde_json::Value;

/// What an input shows for a stored value (none: empty).
pub fn input_text(value: Option<&Value>) -> String {
    value.map(value_text).unwrap_or_default()
}

/// A value as a person reads it: booleans as Yes / No, nothing as an em dash.
pub fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::Bool(true)) => "Yes".to_owned(),
        Some(Value::Bool(false)) => "No".to_owned(),
        Some(v) => value_text(v),
    }
}

pub fn type_label(property_type: PropertyType) -> &'static str {
    match property_type {
        PropertyType::Text => "Text",
        PropertyType::Number => "Number",
        PropertyType::Boolean => "Yes / no",
        PropertyType::Date => "Date",
    }
}

#[component]
pub fn PropertyInput(
    property_type: PropertyType,
    id: String,
    value: RwSignal<String>,
    testid: String,
    #[prop(optional)] invalid: Option<Signal<bool>>,
) -> impl IntoView {
    let invalid = move || invalid.is_some_and(|i| i.get()).to_string();
    match property_type {
        PropertyType::Boolean => view! {
            <select id=id data-testid=testid aria-invalid=invalid
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"Not set"</option>
                <option value="true">"Yes"</option>
                <option value="false">"No"</option>
            </select>
        }
        .into_any(),
        other => {
            let kind = match other {
                PropertyType::Number => "number",
                PropertyType::Date => "date",
                _ => "text",
            };
            view! {
                <input type=kind id=id data-testid=testid aria-invalid=invalid step="any" maxlength="1000"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            }
            .into_any()
        }
    }
}
