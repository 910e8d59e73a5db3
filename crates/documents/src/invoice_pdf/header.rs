//! The first page's header: title and number (or DRAFT), the status stamp, the issuer, the
//! customer ("Bill to") and the invoice's dates and status.

use super::{BODY, CONTENT_WIDTH, Flow, LABEL, LEFT, RIGHT, TOP};
use crate::invoice::Stamp;
use crate::layout::{Align, Ink};
use crate::metrics::Font;
use crate::text::PdfText;
use crate::wrap::truncate;

const TITLE: Font = Font::bold(24.0);
const NUMBER: Font = Font::bold(12.0);
const DRAFT: Font = Font::bold(14.0);
const STAMP: Font = Font::bold(20.0);
const NAME: Font = Font::bold(11.0);
const LEADING: f32 = 12.0;
/// Address blocks show at most this many detail lines, each truncated to one line.
const MAX_DETAIL_LINES: usize = 8;
/// The issuer block's width, right-aligned; the title and stamp keep to its left.
const ISSUER_WIDTH: f32 = 230.0;
/// The "Bill to" block on the left and the dates on the right.
const BILL_TO_WIDTH: f32 = 250.0;
const META_LEFT: f32 = RIGHT - 215.0;
const META_LABEL_WIDTH: f32 = 80.0;

pub(super) fn first_page(flow: &mut Flow<'_>) {
    let doc = flow.doc;
    let canvas = &mut flow.canvas;

    let title = PdfText::new("Invoice");
    canvas.text(LEFT, TOP - 22.0, Align::Left, TITLE, Ink::Text, &title);
    let left_bottom = match &doc.number {
        Some(number) => {
            let number = truncate(
                &PdfText::new(number),
                NUMBER,
                CONTENT_WIDTH - ISSUER_WIDTH - 20.0,
            );
            canvas.text(LEFT, TOP - 40.0, Align::Left, NUMBER, Ink::Text, &number);
            TOP - 40.0
        }
        None => {
            canvas.text(
                LEFT,
                TOP - 41.0,
                Align::Left,
                DRAFT,
                Ink::Red,
                &PdfText::new("DRAFT"),
            );
            TOP - 41.0
        }
    };
    if let Some(stamp) = doc.stamp() {
        let (label, ink) = match stamp {
            Stamp::Draft => ("DRAFT", Ink::Grey),
            Stamp::Paid => ("PAID", Ink::Green),
            Stamp::Void => ("VOID", Ink::Red),
        };
        let x = LEFT + TITLE.width(&title) + 75.0;
        canvas.stamp(x, TOP - 18.0, 10.0, STAMP, ink, &PdfText::new(label));
    }

    let issuer_bottom = block(
        flow,
        RIGHT,
        Align::Right,
        ISSUER_WIDTH,
        TOP - 10.0,
        &doc.issuer_name,
        &doc.issuer_details,
    );

    let top = left_bottom.min(issuer_bottom) - 30.0;
    flow.canvas.text(
        LEFT,
        top,
        Align::Left,
        LABEL,
        Ink::Muted,
        &PdfText::new("BILL TO"),
    );
    let bill_to_bottom = block(
        flow,
        LEFT,
        Align::Left,
        BILL_TO_WIDTH,
        top - 15.0,
        &doc.customer_name,
        &doc.customer_details,
    );
    let meta_bottom = meta(flow, top);
    flow.y = bill_to_bottom.min(meta_bottom) - 28.0;
}

/// A name in bold with detail lines under it, anchored at `x`; returns the last baseline.
fn block(
    flow: &mut Flow<'_>,
    x: f32,
    align: Align,
    width: f32,
    baseline: f32,
    name: &str,
    details: &[String],
) -> f32 {
    let canvas = &mut flow.canvas;
    canvas.text(
        x,
        baseline,
        align,
        NAME,
        Ink::Text,
        &truncate(&PdfText::new(name), NAME, width),
    );
    let mut last = baseline;
    for detail in details.iter().take(MAX_DETAIL_LINES) {
        last -= LEADING;
        canvas.text(
            x,
            last,
            align,
            BODY,
            Ink::Muted,
            &truncate(&PdfText::new(detail), BODY, width),
        );
    }
    if details.len() > MAX_DETAIL_LINES {
        last -= LEADING;
        canvas.text(x, last, align, BODY, Ink::Muted, &PdfText::new("\u{2026}"));
    }
    last
}

/// The invoice's number, dates, status and currency as label/value rows; returns the last
/// baseline.
fn meta(flow: &mut Flow<'_>, top: f32) -> f32 {
    let doc = flow.doc;
    let mut rows: Vec<(&str, String, Ink)> = Vec::new();
    rows.push((
        "Invoice number",
        doc.number.clone().unwrap_or_else(|| "Draft".to_owned()),
        Ink::Text,
    ));
    rows.push(("Issue date", doc.issued_at.clone(), Ink::Text));
    if let Some(due_at) = &doc.due_at {
        rows.push(("Due date", due_at.clone(), Ink::Text));
    }
    let status_ink = match doc.stamp() {
        Some(Stamp::Paid) => Ink::Green,
        Some(Stamp::Void) => Ink::Red,
        Some(Stamp::Draft) | None => Ink::Text,
    };
    rows.push(("Status", doc.status_label(), status_ink));
    rows.push(("Currency", doc.currency.clone(), Ink::Text));

    let value_width = RIGHT - META_LEFT - META_LABEL_WIDTH;
    let mut baseline = top;
    for (label, value, ink) in rows {
        flow.canvas.text(
            META_LEFT,
            baseline,
            Align::Left,
            BODY,
            Ink::Muted,
            &PdfText::new(label),
        );
        let value = truncate(&PdfText::new(&value), Font::bold(BODY.size), value_width);
        flow.canvas.text(
            RIGHT,
            baseline,
            Align::Right,
            Font::bold(BODY.size),
            ink,
            &value,
        );
        baseline -= LEADING + 1.0;
    }
    baseline + LEADING + 1.0
}
