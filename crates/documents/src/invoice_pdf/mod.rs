//! The invoice's layout on A4: the first page's header, the lines table flowing over as many
//! pages as it needs (its header repeated on each), the totals, the payment terms, and the
//! footer and page number on every page.

mod header;
mod summary;
mod table;

use printpdf::PdfPage;

use crate::DocumentError;
use crate::invoice::InvoiceDocument;
use crate::layout::{Align, Canvas, Ink, PAGE_HEIGHT, PAGE_WIDTH};
use crate::metrics::Font;
use crate::text::PdfText;
use crate::wrap::{truncate, wrap_at_most};

/// The page's margins: content spans `LEFT..RIGHT` and starts below `TOP`.
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_WIDTH - 50.0;
const TOP: f32 = PAGE_HEIGHT - 50.0;
const CONTENT_WIDTH: f32 = RIGHT - LEFT;

/// An invoice longer than this is refused rather than rendered (about 15,000 lines).
pub(crate) const MAX_PAGES: usize = 500;

const BODY: Font = Font::regular(9.5);
const LABEL: Font = Font::bold(7.5);
const SMALL: Font = Font::regular(7.5);
const SMALL_LEADING: f32 = 9.5;
/// Baselines of the page number and, above it, of the footer's last line.
const PAGE_NUMBER_BASELINE: f32 = 24.0;
const FOOTER_BASELINE: f32 = 38.0;
const FOOTER_MAX_LINES: usize = 4;

/// Lays `doc` out as pages.
pub(crate) fn lay_out(doc: &InvoiceDocument) -> Result<Vec<PdfPage>, DocumentError> {
    let footer = doc
        .footer
        .as_deref()
        .map(|footer| {
            wrap_at_most(
                &PdfText::new(footer),
                SMALL,
                CONTENT_WIDTH,
                FOOTER_MAX_LINES,
            )
        })
        .unwrap_or_default();
    let mut flow = Flow::new(doc, &footer);
    header::first_page(&mut flow);
    table::lines(&mut flow)?;
    summary::totals(&mut flow)?;
    summary::payment_terms(&mut flow)?;
    flow.finish_pages(&footer);
    Ok(flow.canvas.into_pages())
}

/// The canvas and a cursor moving down the pages: `y` is the top of the free space on the
/// current page and `bottom` the lowest point content may reach above the footer.
struct Flow<'a> {
    doc: &'a InvoiceDocument,
    canvas: Canvas,
    y: f32,
    bottom: f32,
    /// Whether a page break inside the table must repeat its header.
    in_table: bool,
}

impl<'a> Flow<'a> {
    fn new(doc: &'a InvoiceDocument, footer: &[PdfText]) -> Self {
        let footer_height = footer.len() as f32 * SMALL_LEADING;
        Self {
            doc,
            canvas: Canvas::new(),
            y: TOP,
            bottom: FOOTER_BASELINE + footer_height + 20.0,
            in_table: false,
        }
    }

    /// Makes room for a block `height` points tall, starting a page when this one is full.
    fn ensure(&mut self, height: f32) -> Result<(), DocumentError> {
        if self.y - height >= self.bottom {
            return Ok(());
        }
        if self.canvas.page_count() >= MAX_PAGES {
            return Err(DocumentError::TooManyPages { limit: MAX_PAGES });
        }
        self.canvas.add_page();
        self.y = TOP;
        self.continuation_header();
        if self.in_table {
            table::header(self);
        }
        Ok(())
    }

    /// The top of every page after the first: which invoice, for whom.
    fn continuation_header(&mut self) {
        let baseline = self.y - 10.0;
        let title = PdfText::new(&self.doc.title());
        let title_font = Font::bold(10.0);
        self.canvas
            .text(LEFT, baseline, Align::Left, title_font, Ink::Text, &title);
        let room = CONTENT_WIDTH - title_font.width(&title) - 20.0;
        let customer = truncate(&PdfText::new(&self.doc.customer_name), BODY, room.max(0.0));
        self.canvas
            .text(RIGHT, baseline, Align::Right, BODY, Ink::Muted, &customer);
        self.canvas
            .rule(LEFT, RIGHT, baseline - 8.0, 0.5, Ink::Rule);
        self.y = baseline - 22.0;
    }

    /// The footer and "Page i of n" on every page, once the page count is known.
    fn finish_pages(&mut self, footer: &[PdfText]) {
        let count = self.canvas.page_count();
        for index in 0..count {
            self.canvas.select_page(index);
            let mut baseline = FOOTER_BASELINE + footer.len() as f32 * SMALL_LEADING;
            if !footer.is_empty() {
                self.canvas
                    .rule(LEFT, RIGHT, baseline + 2.0, 0.5, Ink::Rule);
            }
            for line in footer {
                baseline -= SMALL_LEADING;
                self.canvas
                    .text(LEFT, baseline, Align::Left, SMALL, Ink::Muted, line);
            }
            let page = PdfText::new(&format!("Page {} of {count}", index + 1));
            self.canvas.text(
                RIGHT,
                PAGE_NUMBER_BASELINE,
                Align::Right,
                SMALL,
                Ink::Muted,
                &page,
            );
        }
    }
}
