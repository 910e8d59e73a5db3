//! `/customers?q=&type=&status=&sort=&page=`: the customer list, with the detail panel or the
//! create dialog of the nested route beside it.

use crate::api::{self, ApiError, TenantFilter};
use crate::app::TenantsChanged;
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::customer_filters::CustomerFilters;
use crate::components::customer_table::CustomerTable;
use crate::components::download::save_file;
use crate::components::pagination::Pagination;
use crate::components::summary_cards::SummaryCards;
use crate::format;
use crate::loader::latest;
use crate::query::{CustomerQuery, Sort, use_customer_query};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};

pub const PER_PAGE: u32 = 25;

/// The API's filters for what the page shows.
fn filter_of(query: CustomerQuery) -> TenantFilter {
    TenantFilter {
        q: query.q,
        tenant_type: query.tenant_type,
        status: query.status,
        billing_state: query.billing_state,
        property: query.property,
        parent: None,
        include_self: false,
        sort: query.sort.map(Sort::to_param),
        page: query.page,
        per_page: PER_PAGE,
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let session = use_session();
    let changed = expect_context::<TenantsChanged>();
    let (query, set_query) = use_customer_query();
    let location = use_location();
    let navigate = use_navigate();

    let key = Memo::new(move |_| (query.get(), changed.0.get()));
    let list = latest(key, |(query, _): (CustomerQuery, u64), abort| async move {
        api::list_tenants(&filter_of(query), abort.as_ref()).await
    });

    let panel_open = move || {
        location
            .pathname
            .with(|p| p.starts_with("/customers/") && p != "/customers/new")
    };
    let total = move || {
        list.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|page| (page.total, page.total_exact))
        })
    };
    let new_customer = move |_| {
        navigate(
            &format!(
                "/customers/new{}",
                query.with_untracked(CustomerQuery::to_query_string)
            ),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };

    view! {
        <div class="customers-page" class:with-panel=panel_open>
            <section class="list-pane" aria-labelledby="customers-title">
                <header class="page-header">
                    <div>
                        <h1 id="customers-title">"Customers"</h1>
                        // Customers, as the Total customers card counts them: not the operator's own tenant.
                        <p class="page-subtitle" data-testid="customers-count" data-count=move || total().map(|(n, _)| n)>
                            {move || total().map(|(n, exact)| if exact { format::count(n, "customer", "customers") } else { format!("{}+ customers", format::number(n)) }).unwrap_or_default()}
                        </p>
                    </div>
                    <Show when=move || session.can_create_tenants()>
                        <button type="button" class="button button-primary" data-testid="new-customer" on:click=new_customer.clone()>
                            <span aria-hidden="true">"+ "</span>
                            "New customer"
                        </button>
                    </Show>
                </header>
                <SummaryCards />
                <div class="list-toolbar">
                    <CustomerFilters />
                    <ExportButton />
                </div>
                <CustomerTable list />
                {move || {
                    list.data
                        .with(|d| d.as_ref().and_then(|r| r.as_ref().ok()).map(|p| (p.page, p.per_page, p.total, p.total_exact)))
                        .filter(|(_, _, total, _)| *total > 0)
                        .map(|(page, per_page, total, total_exact)| {
                            let set_query = set_query.clone();
                            view! {
                                <Pagination
                                    page
                                    per_page
                                    total
                                    total_exact
                                    noun=("customer", "customers")
                                    testid="pagination"
                                    on_page=move |page| {
                                        let mut next = query.get_untracked();
                                        next.page = page;
                                        set_query(next, false);
                                    }
                                />
                            }
                        })
                }}
            </section>
            <Outlet />
        </div>
    }
}

/// Downloads the CSV of every customer the filters select, in the list's order.
#[component]
fn ExportButton() -> impl IntoView {
    let (query, _) = use_customer_query();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let export = move |_| {
        let filter = filter_of(query.get_untracked());
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = api::export_tenants(&filter).await;
            busy.set(false);
            match result {
                Ok(file) => {
                    let name = file.file_name.as_deref().unwrap_or("customers.csv");
                    if save_file(&file.bytes, name, "text/csv").is_err() {
                        failure.set(Some(ApiError::Decode(
                            "the browser refused to save the file".into(),
                        )));
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <div class="export">
            <button
                type="button"
                class="button button-secondary"
                data-testid="export-csv"
                title="Download the customers these filters select as CSV"
                disabled=move || busy.get()
                aria-busy=move || busy.get().to_string()
                on:click=export
            >
                <span class="icon-download" aria-hidden="true"></span>
                {move || if busy.get() { "Exporting…" } else { "Export" }}
            </button>
            {move || failure.get().map(|error| view! { <div class="export-error"><ErrorAlert error testid="export-error" /></div> })}
        </div>
    }
}
