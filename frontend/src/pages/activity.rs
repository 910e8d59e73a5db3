//! `/orders`, `/invoices` and `/support`: customers' orders, invoices and tickets. One page;
//! each kind of activity says what it lists and turns its items into rows of cells.

mod kinds;

pub use kinds::invoice_tone;

use crate::api::{ApiResult, ListFilter};
use crate::components::list::{
    BodyParts, Column, ListHead, ListPagination, StatusFilter, empty_state, page_info,
};
use crate::components::tenant_name::{TenantChip, TenantLink, TenantNames};
use crate::format;
use crate::loader::latest;
use crate::query::{KeySort, ListParams, ListQuery, use_list_query};
use chrono::{DateTime, Utc};
use kinds::{INVOICES, ORDERS, TICKETS};
use landlord_domain::wire::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::future::Future;
use std::pin::Pin;
use web_sys::AbortSignal;

const PER_PAGE: u32 = 25;

/// One cell of a row, whatever the kind of activity.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    /// A document number, in monospace.
    Number(String),
    /// A ticket's subject.
    Subject(String),
    /// A status or priority as a coloured pill: the value and its tone.
    Pill(&'static str, &'static str),
    Money(String),
    Date(DateTime<Utc>),
    /// An absent date.
    NoDate,
}

/// A row of an activity list: the first cell, then the customer, then the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    id: i64,
    tenant_id: i64,
    tenant_name: String,
    cells: Vec<Cell>,
}

type RowsFuture = Pin<Box<dyn Future<Output = ApiResult<Page<Row>>>>>;

/// A kind of customer activity with its own page: what it lists and how a row reads.
pub struct Activity {
    params: ListParams,
    /// Labels of `params.statuses`, in the same order.
    status_labels: &'static [&'static str],
    title: &'static str,
    subtitle: &'static str,
    /// "order", "orders".
    noun: (&'static str, &'static str),
    /// Prefix of the page's test ids: `<prefix>-table`, `-loading`, `-empty`, `-error`.
    testid: &'static str,
    row_testid: &'static str,
    /// The customer column is always the second.
    columns: &'static [Column],
    fetch: fn(ListFilter, Option<AbortSignal>) -> RowsFuture,
    /// What clicking a row opens (given the row's id, how to close it, and what to call after
    /// a change), if anything.
    detail: Option<DetailView>,
}

type DetailView = fn(i64, Callback<()>, Callback<()>) -> AnyView;

fn cell(cell: &Cell, class: &'static str) -> AnyView {
    match cell {
        Cell::Number(number) => view! {
            <td class=class>
                <span class="mono strong">{number.clone()}</span>
            </td>
        }
        .into_any(),
        Cell::Subject(subject) => view! {
            <td class=class>
                <span class="strong subject" title=subject.clone()>{subject.clone()}</span>
            </td>
        }
        .into_any(),
        Cell::Pill(value, tone) => view! {
            <td class=class>
                <span class=format!("badge badge-{tone}") data-status=*value>
                    <span class="badge-dot" aria-hidden="true"></span>
                    <span class="capitalize">{*value}</span>
                </span>
            </td>
        }
        .into_any(),
        Cell::Money(money) => view! { <td class=class>{money.clone()}</td> }.into_any(),
        Cell::Date(at) => view! {
            <td class=class>
                <time datetime=at.to_rfc3339()>{format::date(at)}</time>
            </td>
        }
        .into_any(),
        Cell::NoDate => view! { <td class=class><span class="muted">"—"</span></td> }.into_any(),
    }
}

/// A row: its first cell, the customer, then the rest, each with its column's class. A row
/// that opens a detail does so on a click anywhere but the customer link, or from its number.
fn row_view(kind: &'static Activity, row: &Row, open: Option<RwSignal<Option<i64>>>) -> AnyView {
    let (id, tenant) = (row.id, row.tenant_id);
    let name = row.tenant_name.clone();
    let cells = row
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // The customer column sits between the first cell and the rest.
            let column = if i == 0 { 0 } else { i + 1 };
            let class = kind.columns.get(column).map_or("", |c| c.class);
            match (i, c, open) {
                (0, Cell::Number(number), Some(open)) => view! {
                    <td class=class>
                        <button type="button" class="link-button mono strong" data-testid=format!("{}-open", kind.row_testid) on:click=move |_| open.set(Some(id))>
                            {number.clone()}
                        </button>
                    </td>
                    <td class="col-customer">
                        <TenantLink id=tenant name=name.clone() />
                    </td>
                }
                .into_any(),
                (0, _, _) => view! {
                    {cell(c, class)}
                    <td class="col-customer">
                        <TenantLink id=tenant name=name.clone() />
                    </td>
                }
                .into_any(),
                _ => cell(c, class),
            }
        })
        .collect::<Vec<_>>();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a, button").ok().flatten())
            .is_some();
        if let (Some(open), false) = (open, on_control) {
            open.set(Some(id));
        }
    };
    view! {
        <tr data-testid=kind.row_testid data-id=id data-tenant-id=tenant class:clickable=open.is_some() on:click=on_click>
            {cells}
        </tr>
    }
    .into_any()
}

/// The page of one kind of activity: filters, table and pagination, all in the URL.
pub fn activity_page(kind: &'static Activity) -> impl IntoView {
    let spec = kind.params;
    let (query, set_query) = use_list_query(spec);
    let reload = RwSignal::new(0_u64);
    let key = Memo::new(move |_| (query.get(), reload.get()));
    let names = TenantNames::use_context();
    // The row whose detail is open, for kinds that have one.
    let open = kind.detail.map(|_| RwSignal::new(None::<i64>));
    let list = latest(key, move |(query, _): (ListQuery, u64), abort| {
        let page = (kind.fetch)(
            ListFilter {
                tenant: query.tenant,
                status: query.status.map(str::to_owned),
                sort: query.sort.map(KeySort::to_param),
                page: query.page,
                per_page: PER_PAGE,
            },
            abort,
        );
        async move {
            let page = page.await;
            if let Ok(page) = &page {
                names.remember_all(
                    page.items
                        .iter()
                        .map(|row| (row.tenant_id, row.tenant_name.clone())),
                );
            }
            page
        }
    });
    let settled = Signal::derive(move || !list.loading.get());
    let total = move || {
        list.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|p| format::count(p.total, kind.noun.0, kind.noun.1))
        })
    };
    let on_retry = Callback::new(move |()| reload.update(|n| *n += 1));
    let on_clear = Callback::new(move |()| {
        set_query(ListQuery {
            sort: query.get_untracked().sort,
            ..Default::default()
        })
    });
    let title_id = format!("{}-title", kind.testid);
    let labelled_by = title_id.clone();

    view! {
        <section class="page list-page" aria-labelledby=labelled_by data-testid=format!("{}-page", kind.testid)>
            <header class="page-header">
                <div>
                    <h1 id=title_id>{kind.title}</h1>
                    <p class="page-subtitle" data-testid=format!("{}-count", kind.testid)>
                        {move || total().unwrap_or_else(|| kind.subtitle.to_owned())}
                    </p>
                </div>
            </header>
            <div class="toolbar">
                {move || query.with(|q| q.tenant).map(|tenant| view! { <TenantChip tenant spec settled /> })}
                <StatusFilter spec labels=kind.status_labels testid=format!("{}-status-filter", kind.testid) />
            </div>
            <div class="card table-card" class:is-loading=move || list.loading.get() aria-busy=move || list.loading.get().to_string()>
                <table class="data-table" data-testid=format!("{}-table", kind.testid)>
                    <thead>
                        <tr>
                            <ListHead columns=kind.columns spec />
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let filtered = query.with(|q| q.tenant.is_some() || q.status.is_some());
                            list.data
                                .with(|data| {
                                    BodyParts {
                                        data: data.as_ref(),
                                        columns: kind.columns.len(),
                                        testid: kind.testid,
                                        on_retry,
                                    }
                                        .render(
                                            || empty_state(kind.testid, kind.noun.1, filtered, on_clear),
                                            |row| row_view(kind, row, open),
                                        )
                                })
                        }}
                    </tbody>
                </table>
            </div>
            <ListPagination info=page_info(list) spec noun=kind.noun testid="pagination" />
            {move || {
                let (detail, open) = (kind.detail?, open?);
                let id = open.get()?;
                let on_close = Callback::new(move |()| open.set(None));
                Some(detail(id, on_close, on_retry))
            }}
        </section>
    }
}

/// `/orders`, `/invoices` and `/support` share this view (one route handler keeps the app
/// smaller); the path says which kind of activity to list.
pub fn activity_route() -> impl IntoView {
    let kind = use_location()
        .pathname
        .with_untracked(|path| match path.as_str() {
            "/invoices" => &INVOICES,
            "/support" => &TICKETS,
            _ => &ORDERS,
        });
    activity_page(kind)
}
