//! Under the table: the totals (kept together on one page) and the payment terms.

use super::{BODY, CONTENT_WIDTH, Flow, LABEL, LEFT, RIGHT};
use crate::DocumentError;
use crate::layout::{Align, Ink};
use crate::metrics::Font;
use crate::text::PdfText;
use crate::wrap::{truncate, wrap};

const TOTAL: Font = Font::bold(9.5);
const DUE: Font = Font::bold(12.0);
/// Labels start here; values end at the amount column's right edge.
const LABELS_LEFT: f32 = 305.0;
const VALUES_RIGHT: f32 = RIGHT - 6.0;
const VALUE_WIDTH: f32 = 130.0;
const ROW: f32 = 15.0;
const TERMS_LEADING: f32 = 12.5;

/// Subtotal, tax, total, credit applied, amount paid, and the amount due in bold.
pub(super) fn totals(flow: &mut Flow<'_>) -> Result<(), DocumentError> {
    let doc = flow.doc;
    let mut rows: Vec<(String, &str, Font)> = vec![("Subtotal".to_owned(), &doc.subtotal, BODY)];
    if let Some((label, amount)) = &doc.tax {
        rows.push((label.clone(), amount, BODY));
    }
    rows.push(("Total".to_owned(), &doc.total, TOTAL));
    if let Some(credit) = &doc.credit_applied {
        rows.push(("Credit applied".to_owned(), credit, BODY));
    }
    if let Some(paid) = &doc.amount_paid {
        rows.push(("Amount paid".to_owned(), paid, BODY));
    }
    let due_label = match doc.currency.trim() {
        "" => "Amount due".to_owned(),
        currency => format!("Amount due ({currency})"),
    };

    // First baseline 20 below the table; the rule 9 under the last row; the amount due 16
    // under the rule; 8 below it.
    let height = 20.0 + (rows.len() - 1) as f32 * ROW + 9.0 + 16.0 + 8.0;
    flow.ensure(height)?;
    let mut baseline = flow.y - 20.0;
    for (index, (label, value, font)) in rows.iter().enumerate() {
        if index > 0 {
            baseline -= ROW;
        }
        pair(flow, baseline, label, value, *font);
    }
    let rule = baseline - 9.0;
    flow.canvas.rule(LABELS_LEFT, RIGHT, rule, 0.75, Ink::Text);
    let due = rule - 16.0;
    pair(flow, due, &due_label, &doc.amount_due, DUE);
    flow.y = due - 8.0;
    Ok(())
}

/// A label on the left of the totals column and its value right-aligned.
fn pair(flow: &mut Flow<'_>, baseline: f32, label: &str, value: &str, font: Font) {
    let value = truncate(&PdfText::new(value), font, VALUE_WIDTH);
    let label_width = VALUES_RIGHT - font.width(&value) - 10.0 - LABELS_LEFT;
    let label = truncate(&PdfText::new(label), font, label_width.max(0.0));
    flow.canvas
        .text(LABELS_LEFT, baseline, Align::Left, font, Ink::Text, &label);
    flow.canvas.text(
        VALUES_RIGHT,
        baseline,
        Align::Right,
        font,
        Ink::Text,
        &value,
    );
}

/// The payment terms as a paragraph across the page, flowing onto a new page if need be.
pub(super) fn payment_terms(flow: &mut Flow<'_>) -> Result<(), DocumentError> {
    let Some(terms) = flow.doc.payment_terms.as_deref() else {
        return Ok(());
    };
    let lines = wrap(&PdfText::new(terms), BODY, CONTENT_WIDTH);
    if lines.is_empty() {
        return Ok(());
    }
    // The heading and the first line keep together.
    flow.ensure(18.0 + 4.0 + TERMS_LEADING)?;
    let heading = flow.y - 18.0;
    flow.canvas.text(
        LEFT,
        heading,
        Align::Left,
        LABEL,
        Ink::Muted,
        &PdfText::new("PAYMENT TERMS"),
    );
    flow.y = heading - 4.0;
    for line in &lines {
        flow.ensure(TERMS_LEADING)?;
        flow.canvas
            .text(LEFT, flow.y - 10.0, Align::Left, BODY, Ink::Text, line);
        flow.y -= TERMS_LEADING;
    }
    Ok(())
}
