//! One invoice in a dialog: its lines, totals and payments, with the actions its status
//! allows (see `invoice_actions`).

use crate::api::{ApiError, billing};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::invoice_actions::InvoiceActions;
use crate::format;
use crate::pages::activity::invoice_tone;
use landlord_domain::money::Currency;
use landlord_domain::wire::{InvoiceView, PaymentView, PreviewLine};
use leptos::prelude::*;

/// The invoice `id` with its payments; `on_changed` runs after each change to it.
#[component]
pub fn InvoiceDialog(id: i64, on_close: Callback<()>, on_changed: Callback<()>) -> impl IntoView {
    let version = RwSignal::new(0_u64);
    let loaded = LocalResource::new(move || {
        version.track();
        async move {
            let invoice = billing::get_invoice(id).await?;
            let payments = billing::list_payments(id).await?;
            Ok::<_, ApiError>((invoice, payments))
        }
    });
    let title = Signal::derive(move || {
        loaded
            .get()
            .and_then(Result::ok)
            .map(|(invoice, _)| match invoice.number {
                Some(number) => format!("Invoice {number}"),
                None => "Draft invoice".to_owned(),
            })
            .unwrap_or_else(|| "Invoice".to_owned())
    });
    let changed = Callback::new(move |()| {
        version.update(|v| *v += 1);
        on_changed.run(());
    });
    view! {
        <Dialog title testid="invoice-dialog" on_close=move || on_close.run(()) wide=true>
            {move || match loaded.get() {
                None => view! { <p class="muted" data-testid="invoice-loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="invoice-error" /> }.into_any(),
                Some(Ok((invoice, payments))) => view! { <InvoiceBody invoice payments changed /> }.into_any(),
            }}
        </Dialog>
    }
}

#[component]
fn InvoiceBody(
    invoice: InvoiceView,
    payments: Vec<PaymentView>,
    changed: Callback<()>,
) -> impl IntoView {
    let (id, status, currency) = (invoice.id, invoice.status, invoice.currency);
    let money = move |amount: &str| format::money(amount, currency);
    let period = match (invoice.period_start, invoice.period_end) {
        (Some(start), Some(end)) => {
            Some(format!("{} – {}", format::date(&start), format::date(&end)))
        }
        _ => None,
    };
    let tax_label = match &invoice.tax_rate {
        Some(rate) => format!("Tax ({rate} %)"),
        None => "Tax".to_owned(),
    };
    let no_credit = invoice
        .credit_applied
        .trim_start_matches(['0', '.'])
        .is_empty();
    view! {
        <div class="invoice-detail" data-testid="invoice-detail" data-id=id data-status=status.as_str()>
            <dl class="overview-meta invoice-meta">
                <div>
                    <dt>"Status"</dt>
                    <dd>
                        <span class=format!("badge badge-{}", invoice_tone(invoice.status)) data-testid="invoice-status" data-status=invoice.status.as_str()>
                            <span class="badge-dot" aria-hidden="true"></span>
                            <span class="capitalize">{invoice.status.as_str()}</span>
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>"Customer"</dt>
                    <dd data-testid="invoice-customer">{invoice.tenant_name.clone()}</dd>
                </div>
                <div>
                    <dt>"Issued"</dt>
                    <dd>{format::date(&invoice.issued_at)}</dd>
                </div>
                <div>
                    <dt>"Due"</dt>
                    <dd data-testid="invoice-due">{invoice.due_at.as_ref().map_or_else(|| "—".to_owned(), format::date)}</dd>
                </div>
                {period.map(|p| view! { <div><dt>"Period"</dt><dd>{p}</dd></div> })}
                <div>
                    <dt>"Collection"</dt>
                    <dd>{if invoice.collection == "charge_automatically" { "Card on file" } else { "Bank transfer" }}</dd>
                </div>
            </dl>
            {invoice.last_collection_error.clone().map(|e| view! {
                <div class="alert alert-error" role="status" data-testid="invoice-collection-error">
                    {format!("Last card charge failed: {e}")}
                </div>
            })}
            <LinesTable lines=invoice.lines.clone() currency testid="invoice-lines" />
            <dl class="invoice-totals" data-testid="invoice-totals">
                {total_row("Subtotal", "invoice-subtotal", money(&invoice.subtotal))}
                {total_row(tax_label, "invoice-tax", money(&invoice.tax))}
                {total_row("Total", "invoice-total", money(&invoice.total))}
                {(!no_credit).then(|| total_row("Credit applied", "invoice-credit", format!("−{}", money(&invoice.credit_applied))))}
                {total_row("Paid", "invoice-paid", money(&invoice.amount_paid))}
                <div class="invoice-total-due">
                    <dt>"Amount due"</dt>
                    <dd data-testid="invoice-amount-due">{money(&invoice.amount_due)}</dd>
                </div>
            </dl>
            <section class="panel-section" aria-labelledby="invoice-payments-title">
                <h3 id="invoice-payments-title">"Payments"</h3>
                <PaymentsList payments />
            </section>
            <InvoiceActions invoice changed />
        </div>
    }
}

fn total_row(label: impl Into<String>, testid: &'static str, value: String) -> impl IntoView {
    let label: String = label.into();
    view! {
        <div>
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
        </div>
    }
}

/// An invoice's or a preview's lines: description (with the period), quantity, unit, amount.
#[component]
pub fn LinesTable(
    lines: Vec<PreviewLine>,
    currency: Currency,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <table class="data-table lines-table" data-testid=testid>
            <thead>
                <tr>
                    <th scope="col">"Description"</th>
                    <th scope="col" class="col-count">"Qty"</th>
                    <th scope="col" class="col-money">"Unit"</th>
                    <th scope="col" class="col-money">"Amount"</th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|line| {
                        let period = match (line.period_start, line.period_end) {
                            (Some(start), Some(end)) => Some(format!("{} – {}", format::date(&start), format::date(&end))),
                            _ => None,
                        };
                        view! {
                            <tr data-testid="line" data-kind=line.kind.as_str()>
                                <td>
                                    <span class="row-title" data-testid="line-description">{line.description.clone()}</span>
                                    {period.map(|p| view! { <span class="row-sub">{p}</span> })}
                                </td>
                                <td class="col-count">{line.quantity}</td>
                                <td class="col-money">{format::money(&line.unit_amount, currency)}</td>
                                <td class="col-money" data-testid="line-amount">{format::money(&line.amount, currency)}</td>
                            </tr>
                        }
                    })
                    .collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

fn method_label(method: &str) -> String {
    match method {
        "card" => "Card".into(),
        "bank_transfer" => "Bank transfer".into(),
        "cash" => "Cash".into(),
        "check" => "Check".into(),
        other => other.replace('_', " "),
    }
}

#[component]
fn PaymentsList(payments: Vec<PaymentView>) -> impl IntoView {
    if payments.is_empty() {
        return view! { <p class="muted" data-testid="invoice-payments-empty">"No payments yet."</p> }.into_any();
    }
    view! {
        <ul class="payment-list" data-testid="invoice-payments">
            {payments
                .into_iter()
                .map(|p| {
                    let failed = p.status != "succeeded";
                    view! {
                        <li class="payment" class:is-failed=failed data-testid="invoice-payment" data-status=p.status.clone()>
                            <span class="strong">{format::money(&p.amount, p.currency)}</span>
                            <span>{method_label(&p.method)}</span>
                            {p.reference.clone().map(|r| view! { <span class="mono">{r}</span> })}
                            <time class="muted" datetime=p.paid_at.to_rfc3339()>{format::date_time(&p.paid_at)}</time>
                            {failed.then(|| view! {
                                <span class="badge badge-suspended">{format!("Failed{}", p.failure_code.clone().map(|c| format!(": {c}")).unwrap_or_default())}</span>
                            })}
                        </li>
                    }
                })
                .collect::<Vec<_>>()}
        </ul>
    }
    .into_any()
}
