//! The toolbar above the customer table: search, type, status, billing-state and custom
//! property filters. Every filter lives in the URL query.

use crate::api::{billing, custom_properties};
use crate::auth::use_session;
use crate::components::property_input::PropertyInput;
use crate::query::{CustomerQuery, use_customer_query};
use gloo_timers::future::TimeoutFuture;
use landlord_domain::custom_property::PropertyType;
use landlord_domain::{Permission, TenantStatus, TenantType};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How long typing must pause before the search runs.
const DEBOUNCE_MS: u32 = 200;

#[component]
pub fn CustomerFilters() -> impl IntoView {
    let session = use_session();
    view! {
        <div class="toolbar" role="search">
            <SearchField />
            <TypeFilter />
            <StatusFilter />
            <Show when=move || session.can(Permission::BillingRead)>
                <BillingStateFilter />
            </Show>
            <PropertyFilter />
        </div>
    }
}

/// Filters while typing: the URL (and so the list) follows the field once typing pauses.
#[component]
pub fn SearchField() -> impl IntoView {
    let (query, set_query) = use_customer_query();
    let text = RwSignal::new(query.with_untracked(|q| q.q.clone()));
    // Keystrokes counted, and the last one written to the URL.
    let typed = StoredValue::new(0_u64);
    let applied = StoredValue::new(0_u64);

    // Back/forward and links change the URL: show its search, unless the user is mid-typing.
    Effect::new(move |_| {
        let q = query.with(|q| q.q.clone());
        if typed.get_value() == applied.get_value() && text.get_untracked() != q {
            text.set(q);
        }
    });

    let search = move |value: String| {
        text.set(value.clone());
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        let set_query = set_query.clone();
        spawn_local(async move {
            TimeoutFuture::new(DEBOUNCE_MS).await;
            if typed.try_get_value() != Some(mine) {
                return; // another keystroke came in; it will search
            }
            applied.set_value(mine);
            let Some(mut next) = query.try_get_untracked() else {
                return;
            };
            if next.q != value {
                next.q = value;
                next.page = 1;
                set_query(next, true);
            }
        });
    };
    let clear = search.clone();

    view! {
        <div class="field field-inline search-field">
            <label for="customer-search" class="visually-hidden">
                "Search customers"
            </label>
            <span class="search-icon" aria-hidden="true"></span>
            <input
                id="customer-search"
                type="search"
                placeholder="Search name, domain or email"
                autocomplete="off"
                data-testid="search-input"
                prop:value=move || text.get()
                on:input=move |ev| search(event_target_value(&ev))
            />
            <Show when=move || !text.with(String::is_empty)>
                {
                    let clear = clear.clone();
                    view! {
                        <button
                            type="button"
                            class="icon-button search-clear"
                            aria-label="Clear search"
                            data-testid="search-clear"
                            on:click=move |_| clear(String::new())
                        >
                            "✕"
                        </button>
                    }
                }
            </Show>
        </div>
    }
}

#[component]
pub fn TypeFilter() -> impl IntoView {
    let (query, set_query) = use_customer_query();
    let on_change = move |ev| {
        let mut next = query.get_untracked();
        next.tenant_type = TenantType::parse(&event_target_value(&ev));
        next.page = 1;
        set_query(next, false);
    };
    view! {
        <div class="field field-inline">
            <label for="type-filter">"Type"</label>
            <select
                id="type-filter"
                data-testid="type-filter"
                prop:value=move || query.with(|q| q.tenant_type.map(TenantType::as_str).unwrap_or_default())
                on:change=on_change
            >
                <option value="">"All"</option>
                <option value="company">"Companies"</option>
                <option value="individual">"Individuals"</option>
            </select>
        </div>
    }
}

#[component]
pub fn StatusFilter() -> impl IntoView {
    let (query, set_query) = use_customer_query();
    let on_change = move |ev| {
        let mut next = query.get_untracked();
        next.status = TenantStatus::parse(&event_target_value(&ev));
        next.page = 1;
        set_query(next, false);
    };
    view! {
        <div class="field field-inline">
            <label for="status-filter">"Status"</label>
            <select
                id="status-filter"
                data-testid="status-filter"
                prop:value=move || query.with(|q| q.status.map(TenantStatus::as_str).unwrap_or_default())
                on:change=on_change
            >
                <option value="">"All"</option>
                <option value="active">"Active"</option>
                <option value="suspended">"Suspended"</option>
                <option value="inactive">"Inactive"</option>
                <option value="provisioning">"Provisioning"</option>
            </select>
        </div>
    }
}

/// Customers by billing state: in good standing (`ok`), overdue in any state, or in one state
/// of the operator's dunning policy.
#[component]
pub fn BillingStateFilter() -> impl IntoView {
    let (query, set_query) = use_customer_query();
    // The states are the policy's; its default stands in until (or unless) it loads.
    let policy = LocalResource::new(billing::dunning_policy);
    let states = move || {
        policy
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .steps
            .into_iter()
            .map(|step| step.name)
            .collect::<Vec<_>>()
    };
    let on_change = move |ev| {
        let mut next = query.get_untracked();
        next.billing_state = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
        next.page = 1;
        set_query(next, false);
    };
    view! {
        <div class="field field-inline">
            <label for="billing-state-filter">"Billing"</label>
            <select
                id="billing-state-filter"
                data-testid="billing-state-filter"
                prop:value=move || query.with(|q| q.billing_state.clone().unwrap_or_default())
                on:change=on_change
            >
                <option value="">"All"</option>
                <option value="ok">"In good standing"</option>
                <option value="overdue">"Overdue (any state)"</option>
                {move || {
                    let mut names = states();
                    // A state named in the URL stays choosable even if the policy dropped it.
                    if let Some(current) = query.with(|q| q.billing_state.clone())
                        && current != "overdue"
                        && current != "ok"
                        && !names.contains(&current)
                    {
                        names.push(current);
                    }
                    names
                        .into_iter()
                        .map(|name| {
                            let label = name.replace('_', " ");
                            view! { <option value=name>{label}</option> }
                        })
                        .collect::<Vec<_>>()
                }}
            </select>
        </div>
    }
}

/// The property and value of `property=key:value` in the URL (empty when absent).
fn property_of(query: &CustomerQuery) -> (String, String) {
    query
        .property
        .as_deref()
        .and_then(|p| p.split_once(':'))
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .unwrap_or_default()
}

/// Customers by a custom property's value: choose the property, then type its value in
/// the input of its type. Like the search, the URL follows once typing pauses; the server
/// compares case-insensitively and reads the value as the property's type.
#[component]
pub fn PropertyFilter() -> impl IntoView {
    let (query, set_query) = use_customer_query();
    let library = LocalResource::new(custom_properties::list_properties);
    let properties = move || library.get().and_then(Result::ok).unwrap_or_default();
    let key = RwSignal::new(query.with_untracked(|q| property_of(q).0));
    let value = RwSignal::new(query.with_untracked(|q| property_of(q).1));
    let edits = StoredValue::new(0_u64);

    // Back/forward and "Clear filters" change the URL: the fields follow it.
    Effect::new(move |_| {
        let (k, v) = query.with(property_of);
        if key.get_untracked() != k {
            key.set(k);
        }
        if value.get_untracked().trim() != v {
            value.set(v);
        }
    });

    // The URL follows the fields once they rest; unchanged, nothing is written.
    Effect::new(move |_| {
        key.track();
        value.track();
        edits.update_value(|n| *n += 1);
        let mine = edits.get_value();
        let set_query = set_query.clone();
        spawn_local(async move {
            TimeoutFuture::new(DEBOUNCE_MS).await;
            if edits.try_get_value() != Some(mine) {
                return; // a later edit applies instead
            }
            let (Some(k), Some(v), Some(mut next)) = (
                key.try_get_untracked(),
                value.try_get_untracked(),
                query.try_get_untracked(),
            ) else {
                return;
            };
            let wanted =
                (!k.is_empty() && !v.trim().is_empty()).then(|| format!("{k}:{}", v.trim()));
            if next.property != wanted {
                next.property = wanted;
                next.page = 1;
                set_query(next, true);
            }
        });
    });

    let property_type = move || {
        let k = key.get();
        properties()
            .into_iter()
            .find(|p| p.key == k)
            .map_or(PropertyType::Text, |p| p.property_type)
    };
    view! {
        <div class="field field-inline">
            <label for="property-filter">"Property"</label>
            <select
                id="property-filter"
                data-testid="property-filter"
                prop:value=move || key.get()
                on:change=move |ev| {
                    value.set(String::new());
                    key.set(event_target_value(&ev));
                }
            >
                <option value="">"Any"</option>
                {move || {
                    let mut options: Vec<(String, String)> =
                        properties().into_iter().map(|p| (p.key, p.name)).collect();
                    // A key named in the URL stays shown until the library says otherwise.
                    let current = key.get();
                    if !current.is_empty() && !options.iter().any(|(k, _)| *k == current) {
                        options.push((current.clone(), current));
                    }
                    options
                        .into_iter()
                        .map(|(k, name)| view! { <option value=k>{name}</option> })
                        .collect::<Vec<_>>()
                }}
            </select>
            <Show when=move || !key.with(String::is_empty)>
                <label for="property-filter-value" class="visually-hidden">"Property value"</label>
                {move || view! {
                    <PropertyInput
                        property_type=property_type()
                        id="property-filter-value".to_owned()
                        value=value
                        testid="property-filter-value".to_owned()
                    />
                }}
            </Show>
        </div>
    }
}
