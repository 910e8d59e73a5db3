//! What an invoice PDF shows. Plain data: every amount, date and label is already formatted
//! by the caller (billing knows currencies, locales and rounding; this crate only lays out).

/// One invoice, ready to render with [`crate::render_invoice_pdf`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvoiceDocument {
    /// Who issues the invoice (the operator's company).
    pub issuer_name: String,
    /// Address, tax number and contact lines under the issuer's name; may be empty.
    pub issuer_details: Vec<String>,
    /// Who is billed.
    pub customer_name: String,
    /// Address and contact lines under the customer's name; may be empty.
    pub customer_details: Vec<String>,
    /// The invoice number; `None` for a draft, which is shown as "DRAFT".
    pub number: Option<String>,
    /// The invoice's state as billing names it ("draft", "open", "paid", "void", ...).
    /// Shown on every invoice; "paid" and "void" (and drafts) are also stamped across it.
    pub status: String,
    /// The issue date, formatted.
    pub issued_at: String,
    /// The due date, formatted; `None` when there is none (paid on issue, say).
    pub due_at: Option<String>,
    /// The ISO 4217 code the amounts are in ("EUR").
    pub currency: String,
    /// The invoice lines, in order; any number of them (the table flows over pages).
    pub lines: Vec<DocumentLine>,
    /// The sum of the lines before tax.
    pub subtotal: String,
    /// The tax: its label ("VAT 19 %") and amount; `None` when no tax applies.
    pub tax: Option<(String, String)>,
    /// Subtotal plus tax.
    pub total: String,
    /// Customer credit applied against the total, if any.
    pub credit_applied: Option<String>,
    /// Payments received so far, if any.
    pub amount_paid: Option<String>,
    /// What is left to pay; shown in bold.
    pub amount_due: String,
    /// A sentence on how and when to pay, shown under the totals.
    pub payment_terms: Option<String>,
    /// Small print at the bottom of every page (registration, bank details).
    pub footer: Option<String>,
}

/// One row of the invoice's table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentLine {
    /// What is billed; long descriptions wrap (up to four lines, then an ellipsis).
    pub description: String,
    /// The service period, shown under the description in smaller type.
    pub period: Option<String>,
    pub quantity: String,
    pub unit_amount: String,
    pub amount: String,
}

/// How an invoice is marked beyond its status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    Draft,
    Paid,
    Void,
}

impl InvoiceDocument {
    /// The stamp across the first page: drafts (no number yet), paid and void invoices.
    pub(crate) fn stamp(&self) -> Option<Stamp> {
        match self.status.trim().to_ascii_lowercase().as_str() {
            "void" | "voided" => Some(Stamp::Void),
            "paid" => Some(Stamp::Paid),
            _ if self.number.is_none() => Some(Stamp::Draft),
            _ => None,
        }
    }

    /// The status as shown: its first letter capitalised ("open" -> "Open").
    pub(crate) fn status_label(&self) -> String {
        let status = self.status.trim();
        let mut chars = status.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// The document's title, for the PDF's metadata and continuation pages.
    pub(crate) fn title(&self) -> String {
        match &self.number {
            Some(number) => format!("Invoice {number}"),
            None => "Invoice (draft)".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(number: Option<&str>, status: &str) -> InvoiceDocument {
        InvoiceDocument {
            number: number.map(str::to_owned),
            status: status.to_owned(),
            ..Default::default()
        }
    }

    #[test]
    fn paid_and_void_invoices_are_stamped_and_open_ones_are_not() {
        assert_eq!(invoice(Some("INV-1"), "paid").stamp(), Some(Stamp::Paid));
        assert_eq!(invoice(Some("INV-1"), "Void").stamp(), Some(Stamp::Void));
        assert_eq!(invoice(Some("INV-1"), "open").stamp(), None);
    }

    #[test]
    fn an_invoice_without_a_number_is_stamped_as_a_draft() {
        assert_eq!(invoice(None, "draft").stamp(), Some(Stamp::Draft));
        assert_eq!(invoice(None, "").title(), "Invoice (draft)");
    }

    #[test]
    fn the_status_label_is_capitalised() {
        assert_eq!(invoice(None, " open ").status_label(), "Open");
        assert_eq!(invoice(None, "").status_label(), "");
    }
}
