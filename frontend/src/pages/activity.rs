//! `/orders`, `/invoices` and `/support`: customers' orders, invoices and tickets. One page;
//! each kind of activity says what it lists and turns its items into rows of cells.

use crate::api::{self, ApiResult, ListFilter};
use crate::components::list::{
    BodyParts, Column, ListHead, ListPagination, StatusFilter, empty_state, page_info,
};
use crate::components::tenant_name::{TenantChip, TenantLink, TenantNames};
use crate::format;
use crate::loader::latest;
use crate::query::{KeySort, ListParams, ListQuery, use_list_query};
use chrono::{DateTime, Utc};
use landlord_domain::wire::{InvoiceView, OrderView, Page, TicketView};
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
}

const fn newest_first(key: &'static str) -> Option<KeySort> {
    Some(KeySort {
        key,
        descending: true,
    })
}

/// The API's page with each item turned into a row.
fn rows<T>(page: Page<T>, row: fn(T) -> Row) -> Page<Row> {
    Page {
        items: page.items.into_iter().map(row).collect(),
        total: page.total,
        total_exact: page.total_exact,
        page: page.page,
        per_page: page.per_page,
    }
}

fn order_row(order: OrderView) -> Row {
    use landlord_domain::order::OrderStatus as S;
    let tone = match order.status {
        S::Paid | S::Fulfilled => "active",
        S::Pending => "provisioning",
        S::Cancelled => "inactive",
        S::Refunded => "info",
    };
    Row {
        id: order.id,
        tenant_id: order.tenant_id,
        tenant_name: order.tenant_name,
        cells: vec![
            Cell::Number(order.number),
            Cell::Pill(order.status.as_str(), tone),
            Cell::Money(format::money(&order.total, order.currency)),
            Cell::Date(order.placed_at),
        ],
    }
}

fn invoice_row(invoice: InvoiceView) -> Row {
    use landlord_domain::billing::InvoiceStatus as S;
    let tone = match invoice.status {
        S::Paid => "active",
        S::Open => "provisioning",
        S::Draft | S::Void => "inactive",
        S::Uncollectible => "suspended",
    };
    Row {
        id: invoice.id,
        tenant_id: invoice.tenant_id,
        tenant_name: invoice.tenant_name,
        cells: vec![
            Cell::Number(invoice.number.unwrap_or_else(|| "Draft".into())),
            Cell::Pill(invoice.status.as_str(), tone),
            Cell::Money(format::money(&invoice.amount, invoice.currency)),
            Cell::Date(invoice.issued_at),
            invoice.due_at.map_or(Cell::NoDate, Cell::Date),
        ],
    }
}

fn ticket_row(ticket: TicketView) -> Row {
    use landlord_domain::support::{TicketPriority as P, TicketStatus as S};
    let tone = match ticket.status {
        S::Open => "provisioning",
        S::Pending => "info",
        S::Closed => "inactive",
    };
    let priority = match ticket.priority {
        P::Low => "inactive",
        P::Normal => "neutral",
        P::High => "provisioning",
        P::Urgent => "suspended",
    };
    Row {
        id: ticket.id,
        tenant_id: ticket.tenant_id,
        tenant_name: ticket.tenant_name,
        cells: vec![
            Cell::Subject(ticket.subject),
            Cell::Pill(ticket.status.as_str(), tone),
            Cell::Pill(ticket.priority.as_str(), priority),
            Cell::Date(ticket.created_at),
        ],
    }
}

pub const ORDERS: Activity = Activity {
    params: ListParams {
        path: "/orders",
        statuses: &["pending", "paid", "fulfilled", "cancelled", "refunded"],
        sort_keys: &["placed_at", "total", "number"],
        default_sort: newest_first("placed_at"),
    },
    status_labels: &["Pending", "Paid", "Fulfilled", "Cancelled", "Refunded"],
    title: "Orders",
    subtitle: "Everything your customers ordered.",
    noun: ("order", "orders"),
    testid: "orders",
    row_testid: "order-row",
    columns: &[
        Column::sorted("Number", "number", "col-number"),
        Column::plain("Customer", "col-customer"),
        Column::plain("Status", "col-status"),
        Column::sorted("Total", "total", "col-money"),
        Column::sorted("Placed", "placed_at", "col-date"),
    ],
    fetch: |filter, abort| {
        Box::pin(async move {
            api::list_orders(&filter, abort.as_ref())
                .await
                .map(|p| rows(p, order_row))
        })
    },
};

pub const INVOICES: Activity = Activity {
    params: ListParams {
        path: "/invoices",
        statuses: &["draft", "open", "paid", "void"],
        sort_keys: &["issued_at", "amount", "number"],
        default_sort: newest_first("issued_at"),
    },
    status_labels: &["Draft", "Open", "Paid", "Void"],
    title: "Invoices",
    subtitle: "Invoices issued to your customers; paid ones count as revenue.",
    noun: ("invoice", "invoices"),
    testid: "invoices",
    row_testid: "invoice-row",
    columns: &[
        Column::sorted("Number", "number", "col-number"),
        Column::plain("Customer", "col-customer"),
        Column::plain("Status", "col-status"),
        Column::sorted("Amount", "amount", "col-money"),
        Column::sorted("Issued", "issued_at", "col-date"),
        Column::plain("Due", "col-date col-due"),
    ],
    fetch: |filter, abort| {
        Box::pin(async move {
            api::list_invoices(&filter, abort.as_ref())
                .await
                .map(|p| rows(p, invoice_row))
        })
    },
};

pub const TICKETS: Activity = Activity {
    params: ListParams {
        path: "/support",
        statuses: &["open", "pending", "closed"],
        sort_keys: &["created_at", "subject"],
        default_sort: newest_first("created_at"),
    },
    status_labels: &["Open", "Pending", "Closed"],
    title: "Support",
    subtitle: "Your customers' support tickets.",
    noun: ("ticket", "tickets"),
    testid: "tickets",
    row_testid: "ticket-row",
    columns: &[
        Column::sorted("Subject", "subject", "col-subject"),
        Column::plain("Customer", "col-customer"),
        Column::plain("Status", "col-status"),
        Column::plain("Priority", "col-priority"),
        Column::sorted("Created", "created_at", "col-date"),
    ],
    fetch: |filter, abort| {
        Box::pin(async move {
            api::list_tickets(&filter, abort.as_ref())
                .await
                .map(|p| rows(p, ticket_row))
        })
    },
};

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

/// A row: its first cell, the customer, then the rest, each with its column's class.
fn row_view(kind: &'static Activity, row: &Row) -> AnyView {
    let tenant = row.tenant_id;
    let name = row.tenant_name.clone();
    let cells = row
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // The customer column sits between the first cell and the rest.
            let column = if i == 0 { 0 } else { i + 1 };
            let view = cell(c, kind.columns.get(column).map_or("", |c| c.class));
            if i == 0 {
                view! {
                    {view}
                    <td class="col-customer">
                        <TenantLink id=tenant name=name.clone() />
                    </td>
                }
                .into_any()
            } else {
                view
            }
        })
        .collect::<Vec<_>>();
    view! {
        <tr data-testid=kind.row_testid data-id=row.id data-tenant-id=tenant>
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
                                            |row| row_view(kind, row),
                                        )
                                })
                        }}
                    </tbody>
                </table>
            </div>
            <ListPagination info=page_info(list) spec noun=kind.noun testid="pagination" />
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
