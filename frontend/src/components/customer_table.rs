//! The customer list: sortable headers, one row per tenant, and the loading, empty and error
//! states.

use crate::api::ApiResult;
use crate::app::TenantsChanged;
use crate::components::alert::ErrorAlert;
use crate::components::status_badge::StatusBadge;
use crate::format;
use crate::loader::Latest;
use crate::query::{CustomerQuery, SortField, use_customer_query};
use landlord_domain::TenantType;
use landlord_domain::wire::{Page, TenantView};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

const COLUMNS: usize = 5;

pub fn type_label(tenant_type: TenantType) -> &'static str {
    match tenant_type {
        TenantType::Company => "Company",
        TenantType::Individual => "Individual",
    }
}

/// The id of the customer open in the detail panel, from the path `/customers/<id>`.
pub fn use_selected_customer() -> Memo<Option<i64>> {
    let location = use_location();
    Memo::new(move |_| {
        location.pathname.with(|p| {
            p.strip_prefix("/customers/")
                .and_then(|id| id.parse::<i64>().ok())
        })
    })
}

#[component]
pub fn CustomerTable(list: Latest<Page<TenantView>>) -> impl IntoView {
    view! {
        <div class="card table-card" class:is-loading=move || list.loading.get() aria-busy=move || list.loading.get().to_string()>
            <table class="data-table" data-testid="customer-table">
                <thead>
                    <tr>
                        <SortHeader label="Name" field=SortField::Name />
                        <SortHeader label="Domain" field=SortField::Domain />
                        <th scope="col" class="col-type">"Type"</th>
                        <SortHeader label="Status" field=SortField::Status />
                        <SortHeader label="Created" field=SortField::CreatedAt class="col-created" />
                    </tr>
                </thead>
                <tbody>{move || list.data.with(|data| body(data.as_ref()))}</tbody>
            </table>
        </div>
    }
}

fn body(data: Option<&ApiResult<Page<TenantView>>>) -> AnyView {
    match data {
        None => (0..6)
            .map(|_| {
                view! {
                    <tr class="skeleton-row" data-testid="customers-loading">
                        <td colspan=COLUMNS>
                            <span class="skeleton"></span>
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
            .into_any(),
        Some(Err(error)) => {
            let changed = expect_context::<TenantsChanged>();
            view! {
                <tr>
                    <td colspan=COLUMNS class="table-message">
                        <ErrorAlert error=error.clone() testid="customers-error" />
                        <button type="button" class="button button-secondary" data-testid="customers-retry" on:click=move |_| changed.notify()>
                            "Try again"
                        </button>
                    </td>
                </tr>
            }
            .into_any()
        }
        Some(Ok(page)) if page.items.is_empty() => view! { <EmptyRow /> }.into_any(),
        Some(Ok(page)) => page
            .items
            .iter()
            .cloned()
            .map(|tenant| view! { <CustomerRow tenant /> })
            .collect::<Vec<_>>()
            .into_any(),
    }
}

#[component]
fn EmptyRow() -> impl IntoView {
    let (query, set_query) = use_customer_query();
    let filtered = move || {
        query.with(|q| {
            *q != CustomerQuery {
                sort: q.sort,
                ..Default::default()
            }
        })
    };
    view! {
        <tr>
            <td colspan=COLUMNS class="table-message">
                <div class="empty-state" data-testid="customers-empty">
                    <p class="empty-title">{move || if filtered() { "No customers match" } else { "No customers yet" }}</p>
                    <Show
                        when=filtered
                        fallback=|| view! { <p class="muted">"Create your first customer with “New customer”."</p> }
                    >
                        <p class="muted">"Try another search or clear the filters."</p>
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="clear-filters"
                            on:click={
                                let set_query = set_query.clone();
                                move |_| set_query(CustomerQuery { sort: query.get_untracked().sort, ..Default::default() }, false)
                            }
                        >
                            "Clear filters"
                        </button>
                    </Show>
                </div>
            </td>
        </tr>
    }
}

#[component]
fn CustomerRow(tenant: TenantView) -> impl IntoView {
    let (query, _) = use_customer_query();
    let selected = use_selected_customer();
    let navigate = use_navigate();
    let id = tenant.id;
    let href = move || {
        format!(
            "/customers/{id}{}",
            query.with(CustomerQuery::to_query_string)
        )
    };
    let open = move |ev: leptos::ev::MouseEvent| {
        // Clicks on the name link are the router's; elsewhere on the row, open it here.
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a").ok().flatten())
            .is_some();
        if !on_link {
            navigate(
                &href(),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    view! {
        <tr
            class="clickable"
            class:selected=move || selected.get() == Some(id)
            aria-selected=move || (selected.get() == Some(id)).to_string()
            data-testid="customer-row"
            data-domain=tenant.domain.clone()
            data-id=id
            data-status=tenant.status.as_str()
            data-type=tenant.tenant_type.as_str()
            on:click=open
        >
            <td class="col-name">
                <a href=href class="row-link" data-testid="customer-link">
                    {tenant.name.clone()}
                </a>
            </td>
            <td class="col-domain">
                <code>{tenant.domain.clone()}</code>
            </td>
            <td class="col-type">{type_label(tenant.tenant_type)}</td>
            <td class="col-status">
                <StatusBadge status=tenant.status />
            </td>
            <td class="col-created">
                <time datetime=tenant.created_at.to_rfc3339()>{format::date(&tenant.created_at)}</time>
            </td>
        </tr>
    }
}

/// A column header that sorts by its column; clicking it again reverses the order.
#[component]
fn SortHeader(
    label: &'static str,
    field: SortField,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let (query, set_query) = use_customer_query();
    let sort = Memo::new(move |_| query.with(CustomerQuery::sort_or_default));
    let direction = move || {
        let sort = sort.get();
        if sort.field != field {
            "none"
        } else if sort.descending {
            "descending"
        } else {
            "ascending"
        }
    };
    let on_click = move |_| {
        let mut next = query.get_untracked();
        let toggled = next.sort_or_default().toggled(field);
        next.sort = Some(toggled).filter(|s| *s != crate::query::Sort::DEFAULT);
        next.page = 1;
        set_query(next, false);
    };
    view! {
        <th scope="col" class=class aria-sort=direction>
            <button type="button" class="sort-button" data-testid=format!("sort-{}", field.as_str()) data-direction=direction on:click=on_click>
                {label}
                <span class="sort-indicator" aria-hidden="true">
                    {move || match direction() {
                        "ascending" => "↑",
                        "descending" => "↓",
                        _ => "↕",
                    }}
                </span>
            </button>
        </th>
    }
}
