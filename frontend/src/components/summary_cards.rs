//! The cards above the customer list: customers, companies, users, revenue and MRR. They
//! reload whenever a customer changes, so they stay exact.

use crate::api;
use crate::app::TenantsChanged;
use crate::format;
use landlord_domain::wire::{CustomerSummary, MoneyView};
use leptos::prelude::*;

#[component]
pub fn SummaryCards() -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let summary = LocalResource::new(move || {
        changed.0.track();
        api::customer_summary()
    });
    // The last answer stays on screen while the next one loads, so the cards never flicker.
    let shown = RwSignal::new(None::<Result<CustomerSummary, String>>);
    Effect::new(move |_| {
        if let Some(result) = summary.get() {
            shown.set(Some(result.map_err(|e| e.message())));
        }
    });
    let retry = Callback::new(move |()| summary.refetch());
    view! {
        <section class="summary-cards" data-testid="summary-cards" aria-label="Summary" aria-busy=move || shown.with(Option::is_none).to_string()>
            {move || shown.with(|s| cards(s.as_ref(), retry))}
        </section>
    }
}

/// The cards for an answer: skeletons before the first one, an error after a failure.
fn cards(shown: Option<&Result<CustomerSummary, String>>, retry: Callback<()>) -> AnyView {
    let summary = match shown {
        Some(Err(message)) => {
            return view! {
                <p class="summary-error" role="alert" data-testid="summary-error">
                    {format!("The summary could not be loaded: {message}")}
                    <button type="button" class="link-button" on:click=move |_| retry.run(())>
                        "Try again"
                    </button>
                </p>
            }
            .into_any();
        }
        Some(Ok(summary)) => Some(summary),
        None => None,
    };
    let text = |f: &dyn Fn(&CustomerSummary) -> String| summary.map(f);
    vec![
        card(
            "Total customers",
            "summary-total",
            text(&|s| format::number(s.total_customers)),
            text(&|s| format!("{} individuals", format::number(s.individuals))),
            Vec::new(),
        ),
        card(
            "Companies",
            "summary-companies",
            text(&|s| format::number(s.companies)),
            text(&|s| share(s.companies, s.total_customers)),
            Vec::new(),
        ),
        card(
            "Users",
            "summary-users",
            text(&|s| format::number(s.users)),
            text(&|s| average(s.users, s.total_customers)),
            Vec::new(),
        ),
        card(
            "Revenue",
            "summary-revenue",
            text(&|s| revenue_headline(&s.revenue)),
            text(&|s| revenue_note(&s.revenue)),
            summary.map(|s| revenue_all(&s.revenue)).unwrap_or_default(),
        ),
        card(
            "Recurring (MRR)",
            "summary-mrr",
            text(&|s| revenue_headline(&s.mrr)),
            text(&|s| mrr_note(&s.mrr)),
            summary.map(|s| revenue_all(&s.mrr)).unwrap_or_default(),
        ),
    ]
    .into_any()
}

/// One card; `details` (every currency) shows as a tooltip of the note, on hover and on
/// keyboard focus, and as the card's title.
fn card(
    label: &'static str,
    testid: &'static str,
    value: Option<String>,
    note: Option<String>,
    details: Vec<String>,
) -> AnyView {
    let value = match value {
        Some(v) => v.into_any(),
        None => view! { <span class="skeleton skeleton-value"></span> }.into_any(),
    };
    let note = note.unwrap_or_default();
    let note = if details.len() > 1 {
        let tooltip_id = format!("{testid}-details");
        let described_by = tooltip_id.clone();
        let lines = details
            .iter()
            .map(|line| view! { <span class="tooltip-line">{line.clone()}</span> })
            .collect::<Vec<_>>();
        view! {
            <span class="has-tooltip" tabindex="0" aria-describedby=described_by data-testid=format!("{testid}-more")>
                {note}
                <span class="tooltip" role="tooltip" id=tooltip_id>
                    {lines}
                </span>
            </span>
        }
        .into_any()
    } else {
        note.into_any()
    };
    view! {
        <div class="card summary-card" data-testid=testid title=details.join("\n")>
            <p class="summary-label">{label}</p>
            <p class="summary-value" data-testid=format!("{testid}-value")>{value}</p>
            <p class="summary-note">{note}</p>
        </div>
    }
    .into_any()
}

fn share(part: i64, total: i64) -> String {
    if total > 0 {
        format!("{}% of customers", (part * 100 + total / 2) / total)
    } else {
        "No customers yet".into()
    }
}

fn average(users: i64, customers: i64) -> String {
    if customers > 0 {
        let tenths = (users * 10 + customers / 2) / customers;
        format!("{}.{} per customer", tenths / 10, tenths % 10)
    } else {
        "Across all customers".into()
    }
}

/// The largest currency's revenue, e.g. `€71,653.00`; a dash before the first paid invoice.
fn revenue_headline(revenue: &[MoneyView]) -> String {
    revenue
        .first()
        .map(|m| format::money(&m.amount, m.currency))
        .unwrap_or_else(|| "—".into())
}

fn revenue_note(revenue: &[MoneyView]) -> String {
    match revenue.len() {
        0 => "No paid invoices yet".into(),
        1 => "Paid invoices".into(),
        2 => "+ 1 more currency".into(),
        n => format!("+ {} more currencies", n - 1),
    }
}

fn mrr_note(mrr: &[MoneyView]) -> String {
    match mrr.len() {
        0 => "No active subscriptions yet".into(),
        1 => "A month of active subscriptions".into(),
        2 => "+ 1 more currency".into(),
        n => format!("+ {} more currencies", n - 1),
    }
}

/// Every currency, largest first, for the card's tooltip.
fn revenue_all(revenue: &[MoneyView]) -> Vec<String> {
    revenue
        .iter()
        .map(|m| format::money(&m.amount, m.currency))
        .collect()
}
