//! A searchable customer field: typing searches the customers the operator may see
//! (`GET /tenants?q=`, debounced, a few at a time) and lists them by name and domain;
//! Up/Down choose, Enter or a click picks, Escape puts back the previous choice.

use crate::api::{self, TenantFilter};
use crate::components::fields::{FieldErrorText, FormErrors};
use crate::listbox::Highlight;
use crate::loader::latest;
use gloo_timers::future::TimeoutFuture;
use landlord_domain::wire::TenantView;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How long typing must pause before searching.
const DEBOUNCE_MS: u32 = 200;
/// Customers listed at once: enough to pick from, few enough to read at a glance.
const SHOWN: u32 = 6;

/// The customer a picker holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedCustomer {
    pub id: i64,
    pub name: String,
    /// Unknown when the customer was preselected by id alone.
    pub domain: Option<String>,
}

impl From<&TenantView> for PickedCustomer {
    fn from(tenant: &TenantView) -> Self {
        Self {
            id: tenant.id,
            name: tenant.name.clone(),
            domain: Some(tenant.domain.clone()),
        }
    }
}

#[component]
pub fn CustomerPicker(
    label: &'static str,
    /// The API's name for the field, used to match server errors.
    field: &'static str,
    /// The chosen customer; typing clears it until another one is picked, so a half-typed
    /// name is never taken for a choice.
    selected: RwSignal<Option<PickedCustomer>>,
    testid: &'static str,
    errors: FormErrors,
    /// The operator's own tenant, marked in the results.
    own: Option<i64>,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let input_id = format!("input-{testid}");
    let listbox_id = format!("{testid}-listbox");
    let text = RwSignal::new(
        selected.with_untracked(|s| s.as_ref().map(|c| c.name.clone()).unwrap_or_default()),
    );
    // The choice before typing started, for Escape to put back.
    let before = StoredValue::new(selected.get_untracked());
    let open = RwSignal::new(false);
    // `None` while closed: nothing is fetched until the operator searches.
    let searched = RwSignal::new(None::<String>);
    let typed = StoredValue::new(0_u64);

    // A choice made elsewhere (a name that arrived later) shows in the field.
    Effect::new(move |_| {
        if let Some(customer) = selected.get() {
            text.set(customer.name);
        }
    });

    let key = Memo::new(move |_| searched.get());
    let results = latest(key, |q: Option<String>, abort| async move {
        let Some(q) = q else {
            return Ok((None, Vec::new()));
        };
        let filter = TenantFilter {
            q: q.clone(),
            // Users are added to the operator's own tenant too.
            include_self: true,
            sort: Some("name".to_owned()),
            page: 1,
            per_page: SHOWN,
            ..Default::default()
        };
        let page = api::list_tenants(&filter, abort.as_ref()).await?;
        Ok((Some(q), page.items))
    });
    let options = Memo::new(move |_| {
        results
            .data
            .with(|d| {
                d.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|(_, items)| items.iter().map(PickedCustomer::from).collect())
            })
            .unwrap_or_else(Vec::<PickedCustomer>::new)
    });
    // The search the shown options answer.
    let answered = Memo::new(move |_| {
        results.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|(q, _)| q.clone())
        })
    });
    let highlight = Highlight::new(options, text, answered);

    let search_soon = move |value: String| {
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        spawn_local(async move {
            TimeoutFuture::new(DEBOUNCE_MS).await;
            if typed.try_get_value() == Some(mine) {
                searched.set(Some(value));
            }
        });
    };
    let show = move || {
        if !open.get_untracked() {
            before.set_value(selected.get_untracked());
            open.set(true);
        }
    };
    let close = move || {
        typed.update_value(|n| *n += 1);
        open.set(false);
        searched.set(None);
        highlight.forget_enter();
    };
    let pick = move |index: usize| {
        if let Some(customer) = options.with_untracked(|o| o.get(index).cloned()) {
            errors.clear_field(field);
            selected.set(Some(customer));
            close();
        }
    };

    // Enter before the debounced search ran: search now, pick the first match once it answers.
    highlight.choose_when_answered(pick);

    let on_input = move |ev| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        selected.set(None);
        errors.clear_field(field);
        show();
        search_soon(value);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let is_open = open.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if !is_open => {
                // Opening with the arrow keys lists customers without typing first.
                ev.prevent_default();
                show();
                searched.set(Some(text.get_untracked()));
            }
            "ArrowDown" => highlight.next(&ev),
            "ArrowUp" => highlight.previous(&ev),
            "Enter" if is_open => {
                // Enter picks; it never submits the form from here.
                ev.prevent_default();
                highlight.enter(pick, |current| {
                    typed.update_value(|n| *n += 1);
                    searched.set(Some(current));
                    true
                });
            }
            "Escape" if is_open => {
                // Closes the list, not the dialog around it.
                ev.prevent_default();
                ev.stop_propagation();
                if selected.with_untracked(Option::is_none) {
                    selected.set(before.get_value());
                }
                close();
            }
            "Tab" if is_open => close(),
            _ => {}
        }
    };

    let message = Signal::derive(move || errors.get(field));
    let status = move || {
        let q = text.get();
        if !results.loading.get()
            && let Some(Err(error)) = results.data.get()
        {
            return Some(error.message());
        }
        if answered.get().as_ref() != Some(&q) {
            return Some("Searching…".to_owned());
        }
        options
            .with(Vec::is_empty)
            .then(|| format!("No customers match “{}”.", q.trim()))
    };
    let expanded = move || (open.get() && !options.with(Vec::is_empty)).to_string();
    let active_id = {
        let listbox_id = listbox_id.clone();
        move || {
            (open.get() && !options.with(Vec::is_empty))
                .then(|| format!("{listbox_id}-{}", highlight.index()))
        }
    };
    let chosen = move || {
        selected
            .get()
            .filter(|c| c.domain.is_some() || Some(c.id) == own)
            .map(|c| {
                let own_tag =
                    (Some(c.id) == own).then(|| view! { <span class="tag">"Your tenant"</span> });
                view! {
                    <p class="field-hint picker-chosen" data-testid=format!("{testid}-chosen")>
                        {c.domain.map(|d| view! { <code>{d}</code> })}
                        {own_tag}
                    </p>
                }
            })
    };

    view! {
        <div class="field picker" class:has-error=move || message.with(Option::is_some)>
            <label for=input_id.clone()>{label}</label>
            <div class="picker-control">
            <input
                id=input_id
                type="text"
                role="combobox"
                aria-autocomplete="list"
                aria-expanded=expanded
                aria-controls=listbox_id.clone()
                aria-activedescendant=active_id
                aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || message.with(Option::is_some).then(|| format!("{field}-error"))
                autocomplete="off"
                spellcheck="false"
                placeholder="Search by name or domain"
                autofocus=autofocus
                data-testid=testid
                data-tenant-id=move || selected.with(|s| s.as_ref().map(|c| c.id.to_string()))
                prop:value=move || text.get()
                on:input=on_input
                on:keydown=on_keydown
                on:blur=move |_| close()
            />
            <Show when=move || open.get()>
                <div class="picker-popup">
                    <ul class="picker-options" id=listbox_id.clone() role="listbox" aria-label="Customers" data-testid=format!("{testid}-options")>
                        {move || {
                            options
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(index, customer)| {
                                    let own_tag = (Some(customer.id) == own)
                                        .then(|| view! { <span class="tag">"Your tenant"</span> });
                                    view! {
                                        <li
                                            class="picker-option"
                                            class:active=move || highlight.is(index)
                                            id=format!("{testid}-listbox-{index}")
                                            role="option"
                                            aria-selected=move || highlight.is(index).to_string()
                                            data-testid=format!("{testid}-option")
                                            data-tenant-id=customer.id
                                            // Keeps the focus in the field, so blur does not close first.
                                            on:mousedown=|ev| ev.prevent_default()
                                            on:mousemove=move |_| highlight.hover(index)
                                            on:click=move |_| pick(index)
                                        >
                                            <span class="picker-option-name">{customer.name.clone()} {own_tag}</span>
                                            <code class="picker-option-domain">{customer.domain.clone()}</code>
                                        </li>
                                    }
                                })
                                .collect::<Vec<_>>()
                        }}
                    </ul>
                    <p class="picker-status" role="status" aria-live="polite" data-testid=format!("{testid}-status")>
                        {status}
                    </p>
                </div>
            </Show>
            </div>
            {chosen}
            {hint.map(|hint| view! { <p class="field-hint">{hint}</p> })}
            <FieldErrorText field message />
        </div>
    }
}
