//! The Custom properties tab of a customer (seed 003): one typed input per property of the
//! library, saved together through the tenant's `custom_properties`. A customer's own users
//! read their values; its parent edits them.

use crate::api::{self, ApiError, custom_properties};
use crate::components::alert::ErrorAlert;
use crate::components::fields::FormErrors;
use crate::components::property_input::{PropertyInput, input_text, shown, type_label};
use landlord_domain::custom_property::Values;
use landlord_domain::wire::{CustomPropertyView, FieldError, UpdateTenantRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// One property's row: its definition and the text its input holds.
#[derive(Clone)]
struct Entry {
    property: CustomPropertyView,
    text: RwSignal<String>,
}

fn field(key: &str) -> String {
    format!("custom_properties.{key}")
}

/// The values to send: each entry whose parsed value differs from the stored one (`null`
/// to remove it); an entry that does not parse is an error under its field.
fn changes(entries: &[Entry], stored: &Values) -> Result<Values, Vec<FieldError>> {
    let mut changed = Values::new();
    let mut errors = Vec::new();
    for entry in entries {
        let key = &entry.property.key;
        match entry
            .property
            .property_type
            .parse_input(&entry.text.get_untracked())
        {
            Ok(value) if value.as_ref() == stored.get(key) => {}
            Ok(value) => {
                changed.insert(key.clone(), value.unwrap_or(Value::Null));
            }
            Err(error) => errors.push(FieldError::new(field(key), error.code(), error)),
        }
    }
    if errors.is_empty() {
        Ok(changed)
    } else {
        Err(errors)
    }
}

/// The library and the customer's values, read together when the tab opens.
async fn load(tenant: i64) -> Result<(Vec<CustomPropertyView>, Values), ApiError> {
    let library = custom_properties::list_properties().await?;
    let detail = api::get_tenant(tenant).await?;
    Ok((library, detail.tenant.custom_properties))
}

#[component]
pub fn CustomPropertiesTab(tenant: i64, own: bool) -> impl IntoView {
    let data = LocalResource::new(move || load(tenant));
    view! {
        <section class="card detail-section custom-properties-tab" data-testid="custom-properties-tab">
            <h3>"Custom properties"</h3>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || data.get().map(|result| match result {
                    Err(error) => view! { <ErrorAlert error testid="custom-properties-error" /> }.into_any(),
                    Ok((properties, _)) if properties.is_empty() => view! {
                        <p class="muted" data-testid="custom-properties-empty">"The library has no properties yet."</p>
                    }.into_any(),
                    Ok((properties, values)) if own => view! {
                        <dl class="detail-list" data-testid="custom-properties-values">
                            {properties.into_iter().map(|p| {
                                let value = shown(values.get(&p.key));
                                view! {
                                    <div data-testid="custom-property-value" data-key=p.key.clone()>
                                        <dt>{p.name.clone()}</dt>
                                        <dd>{value}</dd>
                                    </div>
                                }
                            }).collect::<Vec<_>>()}
                        </dl>
                    }.into_any(),
                    Ok((properties, values)) => {
                        let stored = StoredValue::new(values);
                        view! { <ValuesForm id=tenant properties stored /> }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ValuesForm(
    id: i64,
    properties: Vec<CustomPropertyView>,
    stored: StoredValue<Values>,
) -> impl IntoView {
    let entries: Vec<Entry> = properties
        .into_iter()
        .map(|property| Entry {
            text: RwSignal::new(stored.with_value(|s| input_text(s.get(&property.key)))),
            property,
        })
        .collect();
    let all = StoredValue::new(entries.clone());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<&'static str>);
    let saving = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        notice.set(None);
        let values = match all.with_value(|e| stored.with_value(|s| changes(e, s))) {
            Ok(values) => values,
            Err(invalid) => {
                errors.set(invalid);
                return;
            }
        };
        errors.clear();
        if values.is_empty() {
            notice.set(Some("Nothing changed."));
            return;
        }
        let request = UpdateTenantRequest {
            custom_properties: Some(values),
            ..Default::default()
        };
        saving.set(true);
        spawn_local(async move {
            let result = api::update_tenant(id, &request).await;
            saving.set(false);
            match result {
                Ok(tenant) => {
                    stored.set_value(tenant.custom_properties);
                    notice.set(Some("Saved."));
                }
                Err(error) if !error.field_errors().is_empty() => errors.set(error.field_errors()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let rows = entries
        .into_iter()
        .map(|Entry { property, text }| {
            let key = property.key.clone();
            let input_id = format!("custom-property-{key}");
            let error_field = field(&key);
            let error_for = error_field.clone();
            let invalid = Signal::derive(move || errors.get(&error_for).is_some());
            let error_testid = format!("field-error-custom-{key}");
            view! {
                <div class="field" data-testid="custom-property-field" data-key=key.clone()>
                    <label for=input_id.clone()>{property.name.clone()}</label>
                    <PropertyInput property_type=property.property_type id=input_id value=text
                        testid=format!("custom-property-input-{key}") invalid />
                    <p class="field-hint">
                        {format!("{} · {}", type_label(property.property_type), key)}
                        {property.description.clone().map(|d| format!(" · {d}"))}
                    </p>
                    {move || errors.get(&error_field).map(|message| view! {
                        <p class="field-error" role="alert" data-testid=error_testid.clone()>{message}</p>
                    })}
                </div>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <form class="form form-grid" data-testid="custom-properties-form" on:submit=submit novalidate>
            {rows}
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="custom-properties-save-error" /> })}
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success" role="status" data-testid="custom-properties-notice">{message}</div>
            })}
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="custom-properties-save" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Save properties" }}
                </button>
            </div>
        </form>
    }
}
