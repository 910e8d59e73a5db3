//! Labelled form fields with their error messages.

use landlord_domain::wire::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The error messages of a form, by field name as the API names them.
#[derive(Clone, Copy)]
pub struct FormErrors(pub RwSignal<Vec<FieldError>>);

impl FormErrors {
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// The first message for `field` (tracked).
    pub fn get(&self, field: &str) -> Option<String> {
        self.0.with(|errors| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }

    pub fn set(&self, errors: Vec<FieldError>) {
        self.0.set(errors);
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }

    /// Forgets the messages for `field`, e.g. once the user edits it.
    pub fn clear_field(&self, field: &str) {
        if self
            .0
            .with_untracked(|errors| errors.iter().any(|e| e.field == field))
        {
            self.0.update(|errors| errors.retain(|e| e.field != field));
        }
    }

    /// Errors for fields the form does not show, so they are not lost.
    pub fn others(&self, shown: &[&str]) -> Vec<FieldError> {
        self.0.with(|errors| {
            errors
                .iter()
                .filter(|e| !shown.contains(&e.field.as_str()))
                .cloned()
                .collect()
        })
    }
}

/// A field's error message under its input: `data-testid="field-error-<field>"`.
#[component]
pub fn FieldErrorText(
    field: &'static str,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|message| {
            view! {
                <p class="field-error" id=format!("{field}-error") data-testid=format!("field-error-{field}") role="alert">
                    {message}
                </p>
            }
        })
    }
}

/// A labelled text input bound to `value`, with its error (from the form's errors, or from
/// `live_error` while typing) underneath.
#[component]
pub fn TextField(
    label: &'static str,
    /// The API's name for the field, used to match server errors.
    field: &'static str,
    value: RwSignal<String>,
    #[prop(into)] testid: String,
    errors: FormErrors,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] readonly: bool,
    #[prop(optional)] autofocus: bool,
    /// Spans both columns of a two-column form, for long values such as addresses.
    #[prop(optional)]
    wide: bool,
    #[prop(optional, into)] live_error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let id = format!("input-{testid}");
    let message = Signal::derive(move || {
        errors
            .get(field)
            .or_else(|| live_error.and_then(|e| e.get()))
    });
    let described_by = move || {
        message
            .with(Option::is_some)
            .then(|| format!("{field}-error"))
    };
    view! {
        <div class="field" class:field-wide=wide class:has-error=move || message.with(Option::is_some)>
            <label for=id.clone()>
                {label}
                {(!required && !readonly).then(|| view! { <span class="optional">" (optional)"</span> })}
            </label>
            <input
                id=id
                type=input_type.unwrap_or("text")
                data-testid=testid
                name=field
                placeholder=placeholder
                autocomplete=autocomplete.unwrap_or("off")
                required=required
                readonly=readonly
                autofocus=autofocus
                aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.clear_field(field);
                }
            />
            {hint.map(|hint| view! { <p class="field-hint">{hint}</p> })}
            <FieldErrorText field message />
        </div>
    }
}

/// Moves the focus to the first field marked invalid inside the element with `data-testid`
/// `form`, once the errors have rendered.
pub fn focus_first_error(form: &'static str) {
    request_animation_frame(move || {
        let field = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("[data-testid=\"{form}\"] [aria-invalid=\"true\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
}
