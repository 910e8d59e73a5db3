//! Customers' names for the lists of users, orders, invoices and tickets. Rows carry their
//! customer's name (`tenant_name`); each page's names are remembered here so the customer
//! filter's chip shows one too. Only a name no row has brought (a filter matching no rows)
//! is fetched, once per customer.

use crate::api;
use crate::query::{ListParams, ListQuery, use_list_query};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{HashMap, HashSet};

/// The names known so far, by tenant id.
#[derive(Clone, Copy)]
pub struct TenantNames {
    names: RwSignal<HashMap<i64, String>>,
    requested: StoredValue<HashSet<i64>>,
}

impl TenantNames {
    pub fn provide() {
        provide_context(Self {
            names: RwSignal::new(HashMap::new()),
            requested: StoredValue::new(HashSet::new()),
        });
    }

    pub fn use_context() -> Self {
        expect_context::<Self>()
    }

    /// The name of tenant `id` if it is known (tracked); never fetches.
    pub fn known(self, id: i64) -> Option<String> {
        self.names.with(|n| n.get(&id).cloned())
    }

    /// The name of tenant `id` (tracked); fetches it the first time it is asked for.
    pub fn get(self, id: i64) -> Option<String> {
        let known = self.known(id);
        if known.is_none() && self.requested.try_update_value(|r| r.insert(id)) == Some(true) {
            spawn_local(async move {
                match api::get_tenant(id).await {
                    Ok(detail) => self.remember(id, detail.tenant.name),
                    // Asking again later may work; the id is shown meanwhile.
                    Err(_) => {
                        self.requested.try_update_value(|r| r.remove(&id));
                    }
                }
            });
        }
        known
    }

    /// Records a name learnt elsewhere, e.g. from the detail panel.
    pub fn remember(self, id: i64, name: String) {
        self.remember_all([(id, name)]);
    }

    /// Records the names a page of rows brought, in one update: whatever shows names
    /// re-renders once per page, not once per row.
    pub fn remember_all(self, named: impl IntoIterator<Item = (i64, String)>) {
        let new: Vec<(i64, String)> = self.names.with_untracked(|n| {
            named
                .into_iter()
                .filter(|(id, name)| n.get(id) != Some(name))
                .collect()
        });
        if !new.is_empty() {
            self.names.try_update(|n| n.extend(new));
        }
    }
}

/// A link to a customer showing its name, as the row carries it.
#[component]
pub fn TenantLink(id: i64, name: String) -> impl IntoView {
    view! {
        <a href=format!("/customers/{id}") class="tenant-link" data-testid="tenant-link" data-tenant-id=id>
            {name}
        </a>
    }
}

/// "Customer: Acme ✕": a list's customer filter, removable. Until the list has answered
/// (`settled`), the chip waits for its rows to bring the name rather than asking for it; it
/// asks only when they did not (no rows, or the list failed). `#id` shows meanwhile.
#[component]
pub fn TenantChip(
    tenant: i64,
    spec: ListParams,
    #[prop(into)] settled: Signal<bool>,
) -> impl IntoView {
    let (query, set_query) = use_list_query(spec);
    let names = TenantNames::use_context();
    let name = move || {
        if settled.get() {
            names.get(tenant)
        } else {
            names.known(tenant)
        }
    };
    let remove = move |_| {
        set_query(ListQuery {
            tenant: None,
            page: 1,
            ..query.get_untracked()
        })
    };
    view! {
        <span class="chip" data-testid="tenant-chip" data-tenant-id=tenant>
            <span class="chip-label">"Customer: "</span>
            <a href=format!("/customers/{tenant}") class="chip-value" data-testid="tenant-chip-name">
                {move || name().unwrap_or_else(|| format!("#{tenant}"))}
            </a>
            <button type="button" class="chip-remove" aria-label="Remove customer filter" data-testid="tenant-chip-remove" on:click=remove>
                "✕"
            </button>
        </span>
    }
}
