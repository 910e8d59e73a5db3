//! The customer list: sortable headers, one row per tenant, and the loading, empty and error
//! states.

use crate::app::TenantsChanged;
use crate::components::customer_row_menu::{CustomerRowMenu, PanelRequest};
use crate::components::list::BodyParts;
use crate::components::sort_header::SortHeader;
use crate::components::status_badge::{BillingStateBadge, StatusBadge};
use crate::format;
use crate::loader::Latest;
use crate::query::{CustomerQuery, Sort, SortField, use_customer_query};
use landlord_domain::TenantType;
use landlord_domain::wire::{Page, TenantView};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

const COLUMNS: usize = 6;

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
    let changed = expect_context::<TenantsChanged>();
    let on_retry = Callback::new(move |()| changed.notify());
    view! {
        <div class="card table-card" class:is-loading=move || list.loading.get() aria-busy=move || list.loading.get().to_string()>
            <table class="data-table customer-table" data-testid="customer-table">
                <thead>
                    <tr>
                        <CustomerSortHeader label="Name" field=SortField::Name class="col-name" />
                        <th scope="col" class="col-type">"Type"</th>
                        <CustomerSortHeader label="Status" field=SortField::Status class="col-status" />
                        <CustomerSortHeader label="Users" field=SortField::UsersCount class="col-count" />
                        <CustomerSortHeader label="Created" field=SortField::CreatedAt class="col-created" />
                        <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        list.data
                            .with(|data| {
                                BodyParts {
                                    data: data.as_ref(),
                                    columns: COLUMNS,
                                    testid: "customers",
                                    on_retry,
                                }
                                    .render(
                                        || view! { <EmptyState /> }.into_any(),
                                        |tenant| view! { <CustomerRow tenant=tenant.clone() /> }.into_any(),
                                    )
                            })
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
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
    let request = PanelRequest::use_context();
    let open_on = Callback::new({
        let navigate = navigate.clone();
        move |tab: &'static str| {
            if let Some(request) = request {
                request.0.set(Some((id, tab)));
            }
            navigate(
                &href(),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    });
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
            data-billing-state=tenant.billing_state.clone()
            data-type=tenant.tenant_type.as_str()
            data-users=tenant.users_count
            on:click=open
        >
            <td class="col-name">
                <a href=href class="row-link" data-testid="customer-link" title=tenant.name.clone()>
                    {tenant.name.clone()}
                </a>
                <span class="row-sub" data-testid="customer-domain" title=tenant.domain.clone()>
                    {tenant.domain.clone()}
                </span>
            </td>
            <td class="col-type">{type_label(tenant.tenant_type)}</td>
            <td class="col-status">
                <span class="badges">
                    <StatusBadge status=tenant.status reason=tenant.status_reason />
                    <BillingStateBadge state=tenant.billing_state.clone() testid="customer-billing-state" />
                </span>
            </td>
            <td class="col-count" data-testid="customer-users">
                {tenant.users_count}
            </td>
            <td class="col-created">
                <time datetime=tenant.created_at.to_rfc3339()>{format::date(&tenant.created_at)}</time>
            </td>
            <td class="col-actions">
                <CustomerRowMenu tenant=tenant.clone() open_on />
            </td>
        </tr>
    }
}

/// A customer-list header sorting by `field` through the URL.
#[component]
fn CustomerSortHeader(
    label: &'static str,
    field: SortField,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let (query, set_query) = use_customer_query();
    let sort = Memo::new(move |_| query.with(CustomerQuery::sort_or_default));
    let active = Signal::derive(move || {
        let sort = sort.get();
        (sort.field == field).then_some(sort.descending)
    });
    let on_sort = Callback::new(move |()| {
        let mut next = query.get_untracked();
        let toggled = next.sort_or_default().toggled(field);
        next.sort = Some(toggled).filter(|s| *s != Sort::DEFAULT);
        next.page = 1;
        set_query(next, false);
    });
    view! { <SortHeader label key=field.as_str() active on_sort class /> }
}
