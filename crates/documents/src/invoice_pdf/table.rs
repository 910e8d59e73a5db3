//! The lines table: description (with its period under it in smaller type), quantity, unit
//! price and amount, the numbers right-aligned. Rows never split across pages; the header
//! is repeated at the top of every page the table continues on.

use super::{Flow, LABEL, LEFT, RIGHT, SMALL};
use crate::DocumentError;
use crate::invoice::DocumentLine;
use crate::layout::{Align, Ink};
use crate::metrics::Font;
use crate::text::PdfText;
use crate::wrap::{truncate, wrap_at_most};

const CELL: Font = Font::regular(9.5);
const DESCRIPTION: Font = Font::regular(10.0);
/// Inner padding of the table's cells.
const PAD: f32 = 6.0;
const HEADER_HEIGHT: f32 = 18.0;

/// The columns' extents: the description's left edge and width, and each number's right
/// edge and the width it may take.
const DESCRIPTION_LEFT: f32 = LEFT + PAD;
const DESCRIPTION_WIDTH: f32 = 245.0;
const QUANTITY_RIGHT: f32 = 355.0;
const QUANTITY_WIDTH: f32 = 45.0;
const UNIT_RIGHT: f32 = 445.0;
const UNIT_WIDTH: f32 = 80.0;
const AMOUNT_RIGHT: f32 = RIGHT - PAD;
const AMOUNT_WIDTH: f32 = 88.0;

const DESCRIPTION_MAX_LINES: usize = 4;
const DESCRIPTION_LEADING: f32 = 12.5;
const PERIOD_MAX_LINES: usize = 2;
const PERIOD_LEADING: f32 = 10.0;
/// From a row's top to its first baseline, and from its last baseline to its bottom.
const ROW_TOP_TO_BASELINE: f32 = 14.0;
const ROW_BASELINE_TO_BOTTOM: f32 = 7.0;

/// The table: its header, then every line (or a note that there are none).
pub(super) fn lines(flow: &mut Flow<'_>) -> Result<(), DocumentError> {
    let doc = flow.doc;
    // The header and at least one row keep together (a break here draws no header yet).
    flow.ensure(HEADER_HEIGHT + 40.0)?;
    flow.in_table = true;
    header(flow);
    if doc.lines.is_empty() {
        let baseline = flow.y - ROW_TOP_TO_BASELINE;
        flow.canvas.text(
            DESCRIPTION_LEFT,
            baseline,
            Align::Left,
            CELL,
            Ink::Muted,
            &PdfText::new("No items"),
        );
        flow.y = baseline - ROW_BASELINE_TO_BOTTOM;
    }
    for line in &doc.lines {
        row(flow, line)?;
    }
    flow.in_table = false;
    Ok(())
}

/// The column headings on a grey band.
pub(super) fn header(flow: &mut Flow<'_>) {
    let top = flow.y;
    let canvas = &mut flow.canvas;
    canvas.band(
        LEFT,
        top - HEADER_HEIGHT,
        RIGHT - LEFT,
        HEADER_HEIGHT,
        Ink::Band,
    );
    let baseline = top - 12.0;
    let heading = |text: &str| PdfText::new(text);
    canvas.text(
        DESCRIPTION_LEFT,
        baseline,
        Align::Left,
        LABEL,
        Ink::Muted,
        &heading("DESCRIPTION"),
    );
    canvas.text(
        QUANTITY_RIGHT,
        baseline,
        Align::Right,
        LABEL,
        Ink::Muted,
        &heading("QTY"),
    );
    canvas.text(
        UNIT_RIGHT,
        baseline,
        Align::Right,
        LABEL,
        Ink::Muted,
        &heading("UNIT PRICE"),
    );
    canvas.text(
        AMOUNT_RIGHT,
        baseline,
        Align::Right,
        LABEL,
        Ink::Muted,
        &heading("AMOUNT"),
    );
    flow.y = top - HEADER_HEIGHT - 2.0;
}

fn row(flow: &mut Flow<'_>, line: &DocumentLine) -> Result<(), DocumentError> {
    let description = wrap_at_most(
        &PdfText::new(&line.description),
        DESCRIPTION,
        DESCRIPTION_WIDTH,
        DESCRIPTION_MAX_LINES,
    );
    let period = line
        .period
        .as_deref()
        .map(|period| {
            wrap_at_most(
                &PdfText::new(period),
                SMALL,
                DESCRIPTION_WIDTH,
                PERIOD_MAX_LINES,
            )
        })
        .unwrap_or_default();
    let description_lines = description.len().max(1);
    let height = ROW_TOP_TO_BASELINE
        + (description_lines - 1) as f32 * DESCRIPTION_LEADING
        + period.len() as f32 * PERIOD_LEADING
        + ROW_BASELINE_TO_BOTTOM;
    flow.ensure(height)?;

    let top = flow.y;
    let canvas = &mut flow.canvas;
    let first_baseline = top - ROW_TOP_TO_BASELINE;
    let mut baseline = first_baseline;
    for (index, text) in description.iter().enumerate() {
        if index > 0 {
            baseline -= DESCRIPTION_LEADING;
        }
        canvas.text(
            DESCRIPTION_LEFT,
            baseline,
            Align::Left,
            DESCRIPTION,
            Ink::Text,
            text,
        );
    }
    for text in &period {
        baseline -= PERIOD_LEADING;
        canvas.text(
            DESCRIPTION_LEFT,
            baseline,
            Align::Left,
            SMALL,
            Ink::Muted,
            text,
        );
    }
    let numbers = [
        (&line.quantity, QUANTITY_RIGHT, QUANTITY_WIDTH),
        (&line.unit_amount, UNIT_RIGHT, UNIT_WIDTH),
        (&line.amount, AMOUNT_RIGHT, AMOUNT_WIDTH),
    ];
    for (value, right, width) in numbers {
        let value = truncate(&PdfText::new(value), CELL, width);
        canvas.text(right, first_baseline, Align::Right, CELL, Ink::Text, &value);
    }
    let bottom = top - height;
    canvas.rule(LEFT, RIGHT, bottom, 0.5, Ink::Rule);
    flow.y = bottom;
    Ok(())
}
