//! Customers' names for rows that only carry a tenant id (users, orders, invoices, tickets):
//! fetched once per customer and shared by every list.

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

    /// The name of tenant `id` (tracked); fetches it the first time it is asked for.
    pub fn get(self, id: i64) -> Option<String> {
        let known = self.names.with(|n| n.get(&id).cloned());
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
        if self.names.with_untracked(|n| n.get(&id) != Some(&name)) {
            self.names.try_update(|n| n.insert(id, name));
        }
    }
}

/// A link to a customer showing its name (`#id` while it loads or if it cannot be read).
#[component]
pub fn TenantLink(id: i64) -> impl IntoView {
    let names = TenantNames::use_context();
    view! {
        <a href=format!("/customers/{id}") class="tenant-link" data-testid="tenant-link" data-tenant-id=id>
            {move || names.get(id).unwrap_or_else(|| format!("#{id}"))}
        </a>
    }
}

/// "Customer: Acme ✕": a list's customer filter, removable.
#[component]
pub fn TenantChip(tenant: i64, spec: ListParams) -> impl IntoView {
    let (query, set_query) = use_list_query(spec);
    let names = TenantNames::use_context();
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
                {move || names.get(tenant).unwrap_or_else(|| format!("#{tenant}"))}
            </a>
            <button type="button" class="chip-remove" aria-label="Remove customer filter" data-testid="tenant-chip-remove" on:click=remove>
                "✕"
            </button>
        </span>
    }
}
