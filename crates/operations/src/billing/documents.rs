//! An invoice as a downloadable PDF: the same data as its JSON, laid out by
//! `landlord-documents`.

use super::invoices::get_with_issuer;
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_documents::{DocumentLine, InvoiceDocument, render_invoice_pdf};
use landlord_domain::billing::format_date;
use landlord_domain::wire::InvoiceView;
use landlord_persistence::Database;
use landlord_persistence::models::TenantRow;

/// A rendered PDF and the file name to download it as.
pub struct InvoicePdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

fn party(tenant: &TenantRow) -> Vec<String> {
    [
        tenant.billing_address.clone(),
        tenant.contact_address.clone(),
        tenant.contact_email.clone(),
        tenant.country.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .take(3)
    .collect()
}

/// The document for an invoice (pure: the view and the parties in, the layout data out).
pub fn invoice_document(
    view: &InvoiceView,
    issuer: Option<&TenantRow>,
    customer: &TenantRow,
) -> InvoiceDocument {
    let nonzero = |amount: &str| {
        amount
            .chars()
            .any(|c| c.is_ascii_digit() && c != '0')
            .then(|| amount.to_owned())
    };
    InvoiceDocument {
        issuer_name: issuer.map_or_else(|| "Landlord".to_owned(), |t| t.name.clone()),
        issuer_details: issuer.map(party).unwrap_or_default(),
        customer_name: customer.name.clone(),
        customer_details: party(customer),
        number: view.number.clone(),
        status: view.status.as_str().to_owned(),
        issued_at: format_date(view.issued_at),
        due_at: view.due_at.map(format_date),
        currency: view.currency.code().to_owned(),
        lines: view
            .lines
            .iter()
            .map(|line| DocumentLine {
                description: line.description.clone(),
                period: match (line.period_start, line.period_end) {
                    (Some(start), Some(end)) => {
                        Some(format!("{} – {}", format_date(start), format_date(end)))
                    }
                    _ => None,
                },
                quantity: line.quantity.to_string(),
                unit_amount: line.unit_amount.clone(),
                amount: line.amount.clone(),
            })
            .collect(),
        subtotal: view.subtotal.clone(),
        tax: view
            .tax_rate
            .as_ref()
            .map(|rate| (format!("Tax {rate} %"), view.tax.clone())),
        total: view.total.clone(),
        credit_applied: nonzero(&view.credit_applied),
        amount_paid: nonzero(&view.amount_paid),
        amount_due: view.amount_due.clone(),
        payment_terms: match view.collection.as_str() {
            "charge_automatically" => Some("Charged to the card on file.".to_owned()),
            _ => view.due_at.map(|due| {
                format!(
                    "Please pay by bank transfer by {}, quoting the invoice number.",
                    format_date(due)
                )
            }),
        },
        footer: Some(format!(
            "{} · {}",
            view.tenant_name,
            view.number.clone().unwrap_or_else(|| "Draft".into())
        )),
    }
}

/// The invoice `id` as a PDF, if the caller may see it.
pub fn pdf(db: &Database, ctx: &Context, id: i64) -> OpResult<InvoicePdf> {
    let (view, issuer, customer) = get_with_issuer(db, ctx, id)?;
    let document = invoice_document(&view, issuer.as_ref(), &customer);
    let bytes = render_invoice_pdf(&document).map_err(|e| OpError::Internal(e.to_string()))?;
    let file_name = format!(
        "{}.pdf",
        view.number.unwrap_or_else(|| format!("draft-{}", view.id))
    );
    Ok(InvoicePdf { file_name, bytes })
}
