//! Adding and editing a custom property of the library (key and type are fixed once
//! created; name, default and description change), and confirming a deletion, which takes
//! every customer's value of it along.

use crate::api::{ApiError, custom_properties};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use crate::components::property_input::{PropertyInput, input_text, type_label};
use landlord_domain::custom_property::PropertyType;
use landlord_domain::wire::{
    CreateCustomPropertyRequest, CustomPropertyView, FieldError, UpdateCustomPropertyRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the form sends.
enum Save {
    Create(CreateCustomPropertyRequest),
    Update(String, UpdateCustomPropertyRequest),
}

/// "New property", or "Edit property" when given one.
#[component]
pub fn PropertyFormDialog(
    property: Option<CustomPropertyView>,
    on_close: Callback<()>,
    on_saved: Callback<CustomPropertyView>,
) -> impl IntoView {
    let editing = property.as_ref().map(|p| p.key.clone());
    let key = RwSignal::new(property.as_ref().map(|p| p.key.clone()).unwrap_or_default());
    let name = RwSignal::new(
        property
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    );
    let property_type = RwSignal::new(
        property
            .as_ref()
            .map_or(PropertyType::Text, |p| p.property_type),
    );
    let default = RwSignal::new(input_text(
        property.as_ref().and_then(|p| p.default.as_ref()),
    ));
    let description = RwSignal::new(
        property
            .as_ref()
            .and_then(|p| p.description.clone())
            .unwrap_or_default(),
    );
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);
    let stored_key = StoredValue::new(editing.clone());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let kind = property_type.get_untracked();
        let default_value = match kind.parse_input(&default.get_untracked()) {
            Ok(value) => value,
            Err(error) => {
                errors.set(vec![FieldError::new("default", error.code(), error)]);
                focus_first_error("custom-property-form");
                return;
            }
        };
        let description_text = description.get_untracked().trim().to_owned();
        let description_value = (!description_text.is_empty()).then_some(description_text);
        let checked = match stored_key.get_value() {
            None => {
                let request = CreateCustomPropertyRequest {
                    key: key.get_untracked().trim().to_owned(),
                    name: name.get_untracked(),
                    property_type: kind,
                    default: default_value,
                    description: description_value,
                };
                request.parse().map(|_| Save::Create(request))
            }
            Some(key) => {
                let request = UpdateCustomPropertyRequest {
                    name: Some(name.get_untracked()),
                    default: Some(default_value),
                    description: Some(description_value),
                };
                request.parse(kind).map(|_| Save::Update(key, request))
            }
        };
        let save = match checked {
            Ok(save) => save,
            Err(invalid) => {
                errors.set(invalid.0);
                focus_first_error("custom-property-form");
                return;
            }
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = match &save {
                Save::Create(request) => custom_properties::create_property(request).await,
                Save::Update(key, request) => {
                    custom_properties::update_property(key, request).await
                }
            };
            saving.set(false);
            match result {
                Ok(saved) => on_saved.run(saved),
                Err(error) if !error.field_errors().is_empty() => {
                    errors.set(error.field_errors());
                    focus_first_error("custom-property-form");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let fixed = editing.is_some();
    let title = if fixed {
        "Edit property"
    } else {
        "New property"
    };
    view! {
        <Dialog title=title.to_owned() testid="custom-property-dialog" on_close=move || on_close.run(())>
            <form class="form form-grid" data-testid="custom-property-form" on:submit=submit novalidate>
                <TextField label="Name" field="name" value=name testid="custom-property-name" errors required=true autofocus=true />
                <TextField label="Key" field="key" value=key testid="custom-property-key" errors required=true readonly=fixed
                    hint="Lowercase letters, digits and _; fixed once created. The column custom.<key> of the usage statistics." />
                <div class="field">
                    <label for="custom-property-type">"Type"</label>
                    <select id="custom-property-type" data-testid="custom-property-type" disabled=fixed
                        prop:value=move || property_type.get().as_str()
                        on:change=move |ev| {
                            if let Some(kind) = PropertyType::parse(&event_target_value(&ev)) {
                                property_type.set(kind);
                                default.set(String::new());
                            }
                        }>
                        {PropertyType::ALL.into_iter().map(|kind| view! {
                            <option value=kind.as_str()>{type_label(kind)}</option>
                        }).collect::<Vec<_>>()}
                    </select>
                </div>
                <div class="field">
                    <label for="custom-property-default">"Default" <span class="optional">" (optional)"</span></label>
                    {move || view! {
                        <PropertyInput property_type=property_type.get() id="custom-property-default".to_owned()
                            value=default testid="custom-property-default".to_owned() />
                    }}
                    <p class="field-hint">"What customers created from now on start with."</p>
                    <FieldErrorText field="default" message=Signal::derive(move || errors.get("default")) />
                </div>
                <TextField label="Description" field="description" value=description testid="custom-property-description" errors wide=true />
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="custom-property-form-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="custom-property-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" data-testid="custom-property-submit" disabled=move || saving.get()>
                        {move || if saving.get() { "Saving…" } else if fixed { "Save changes" } else { "Create property" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Confirms deleting a property and every customer's value of it.
#[component]
pub fn DeletePropertyDialog(
    property: CustomPropertyView,
    on_close: Callback<()>,
    on_deleted: Callback<String>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let key = StoredValue::new(property.key.clone());
    let name = property.name.clone();
    let confirm = move |_| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = custom_properties::delete_property(&key.get_value()).await;
            busy.set(false);
            match result {
                Ok(()) => on_deleted.run(key.get_value()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let holders = match property.tenants_count {
        0 => "No customer has a value of it.".to_owned(),
        1 => "1 customer's value of it is deleted with it.".to_owned(),
        n => format!("{n} customers' values of it are deleted with it."),
    };
    view! {
        <Dialog title=format!("Delete {name}?") testid="custom-property-delete-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <p class="dialog-text">{holders}</p>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="custom-property-delete-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="custom-property-delete-cancel" autofocus on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="button" class="button button-danger" data-testid="custom-property-delete-confirm" disabled=move || busy.get() on:click=confirm>
                        {move || if busy.get() { "Deleting…" } else { "Delete property" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
