//! The kinds of activity: what each lists, how its rows read, and (for invoices) the detail a
//! row opens.

use super::{Activity, Cell, Row};
use crate::api;
use crate::components::invoice_detail::InvoiceDialog;
use crate::components::list::Column;
use crate::format;
use crate::query::{KeySort, ListParams};
use landlord_domain::wire::{InvoiceView, OrderView, Page, TicketView};
use leptos::prelude::*;

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

/// The pill tone of an invoice status: paid green, open amber, uncollectible red.
pub fn invoice_tone(status: landlord_domain::billing::InvoiceStatus) -> &'static str {
    use landlord_domain::billing::InvoiceStatus as S;
    match status {
        S::Paid => "active",
        S::Open => "provisioning",
        S::Draft | S::Void => "inactive",
        S::Uncollectible => "suspended",
    }
}

fn invoice_row(invoice: InvoiceView) -> Row {
    Row {
        id: invoice.id,
        tenant_id: invoice.tenant_id,
        tenant_name: invoice.tenant_name,
        cells: vec![
            Cell::Number(invoice.number.unwrap_or_else(|| "Draft".into())),
            Cell::Pill(invoice.status.as_str(), invoice_tone(invoice.status)),
            Cell::Money(format::money(&invoice.total, invoice.currency)),
            Cell::Money(format::money(&invoice.amount_due, invoice.currency)),
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
    detail: None,
};

pub const INVOICES: Activity = Activity {
    params: ListParams {
        path: "/invoices",
        statuses: &["draft", "open", "paid", "void", "uncollectible"],
        sort_keys: &["issued_at", "amount", "number"],
        default_sort: newest_first("issued_at"),
    },
    status_labels: &["Draft", "Open", "Paid", "Void", "Uncollectible"],
    title: "Invoices",
    subtitle: "Invoices issued to your customers; paid ones count as revenue.",
    noun: ("invoice", "invoices"),
    testid: "invoices",
    row_testid: "invoice-row",
    columns: &[
        Column::sorted("Number", "number", "col-number"),
        Column::plain("Customer", "col-customer"),
        Column::plain("Status", "col-status"),
        Column::sorted("Total", "amount", "col-money"),
        Column::plain("Amount due", "col-money col-amount-due"),
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
    detail: Some(|id, on_close, on_changed| {
        view! { <InvoiceDialog id on_close on_changed /> }.into_any()
    }),
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
    detail: None,
};
