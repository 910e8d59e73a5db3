//! The plan form's "Features and quotas" section: a box per feature of the catalogue the plan
//! includes, and a limit per quota (blank takes the catalogue's default, -1 is unlimited).

use crate::api::capabilities;
use crate::components::alert::ErrorAlert;
use crate::components::fields::FormErrors;
use landlord_domain::wire::{FieldError, PlanView};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A plan's feature keys and its limit per quota key, as the API takes them.
pub type Included = (Vec<String>, BTreeMap<String, i64>);

/// What the section holds while the form is open.
#[derive(Clone, Copy)]
pub struct PlanCapabilities {
    pub features: RwSignal<BTreeSet<String>>,
    /// The limit typed per quota key, as text; blank means the catalogue's default.
    pub quotas: RwSignal<BTreeMap<String, String>>,
}

impl PlanCapabilities {
    pub fn of(plan: Option<&PlanView>) -> Self {
        let features = plan.map(|p| p.features.iter().cloned().collect());
        let quotas = plan.map(|p| {
            p.quotas
                .iter()
                .map(|(key, limit)| (key.clone(), limit.to_string()))
                .collect()
        });
        Self {
            features: RwSignal::new(features.unwrap_or_default()),
            quotas: RwSignal::new(quotas.unwrap_or_default()),
        }
    }

    /// The plan's features and limits, or the limits that are not whole numbers, each under
    /// `quotas.<key>` as the server names them.
    pub fn read(&self) -> Result<Included, Vec<FieldError>> {
        let features = self.features.get_untracked().into_iter().collect();
        let mut limits = BTreeMap::new();
        let mut errors = Vec::new();
        for (key, text) in self.quotas.get_untracked() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            match text.parse::<i64>() {
                Ok(limit) => {
                    limits.insert(key, limit);
                }
                Err(_) => errors.push(FieldError::new(
                    format!("quotas.{key}"),
                    "invalid_number",
                    "must be a whole number (-1 for unlimited)",
                )),
            }
        }
        if errors.is_empty() {
            Ok((features, limits))
        } else {
            Err(errors)
        }
    }
}

#[component]
pub fn PlanCapabilitiesFields(values: PlanCapabilities, errors: FormErrors) -> impl IntoView {
    let catalogue = LocalResource::new(|| async {
        Ok::<_, crate::api::ApiError>((
            capabilities::list_features().await?.items,
            capabilities::list_quota_definitions().await?.items,
        ))
    });
    view! {
        <fieldset class="form-section" data-testid="plan-capabilities">
            <legend>"Features and quotas"</legend>
            <p class="field-hint field-wide">
                "What a subscriber may use. A blank limit takes the catalogue's default; -1 is unlimited. A change applies to every subscriber at once."
            </p>
            {move || match catalogue.get() {
                None => view! { <p class="muted field-wide">"Loading the catalogue…"</p> }.into_any(),
                Some(Err(error)) => view! { <div class="field-wide"><ErrorAlert error testid="plan-capabilities-error" /></div> }.into_any(),
                Some(Ok((features, quotas))) => view! {
                    <div class="field field-wide plan-features">
                        <span class="field-label">"Features"</span>
                        {features.into_iter().map(|feature| {
                            let key = StoredValue::new(feature.key.clone());
                            let checked = move || values.features.with(|f| f.contains(&key.get_value()));
                            view! {
                                <label class="field-inline" data-testid="plan-feature" data-key=feature.key.clone()>
                                    <input type="checkbox" prop:checked=checked on:change=move |_| {
                                        values.features.update(|f| {
                                            let key = key.get_value();
                                            if !f.remove(&key) {
                                                f.insert(key);
                                            }
                                        });
                                    } />
                                    <span>{feature.name.clone()}</span>
                                </label>
                            }
                        }).collect::<Vec<_>>()}
                    </div>
                    {quotas.into_iter().map(|quota| {
                        let key = StoredValue::new(quota.key.clone());
                        let field = format!("quotas.{}", quota.key);
                        let error_field = field.clone();
                        let message = Signal::derive(move || errors.get(&error_field));
                        view! {
                            <div class="field">
                                <label for=format!("plan-quota-{}", quota.key)>{format!("{} ({})", quota.name, quota.unit)}</label>
                                <input
                                    id=format!("plan-quota-{}", quota.key)
                                    type="number" min="-1" step="1"
                                    data-testid="plan-quota" data-key=quota.key.clone()
                                    placeholder=format!("{} (default)", quota.default_limit)
                                    prop:value=move || values.quotas.with(|q| q.get(&key.get_value()).cloned().unwrap_or_default())
                                    on:input=move |ev| {
                                        let text = event_target_value(&ev);
                                        values.quotas.update(|q| {
                                            q.insert(key.get_value(), text);
                                        });
                                    }
                                />
                                {move || message.get().map(|m| view! { <p class="field-error" data-testid=format!("field-error-{field}")>{m}</p> })}
                            </div>
                        }
                    }).collect::<Vec<_>>()}
                }.into_any(),
            }}
        </fieldset>
    }
}
