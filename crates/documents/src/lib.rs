//! Landlord's downloadable documents, rendered on the server: data in, bytes out.
//!
//! Pure: no I/O, no clock, no database, no money logic. The caller (billing) formats every
//! amount and date into an [`InvoiceDocument`]; [`render_invoice_pdf`] lays it out on A4
//! pages with the PDF's built-in Helvetica fonts, so no font file is read and the text stays
//! extractable (searchable, copyable, readable by `pdftotext`).
//!
//! Text is shown in WinAnsi (Windows-1252), the encoding of the built-in fonts: Latin-1
//! letters, `€`, `–`, `—` and typographic quotes render as written; other letters degrade to
//! their unaccented form (`ł` -> `l`, `Č` -> `C`) and characters without a Latin form
//! (Greek, Cyrillic, CJK) to `?`. See `text.rs`.

mod invoice;
mod invoice_pdf;
mod layout;
mod metrics;
mod setup_instructions;
mod text;
mod wrap;

use printpdf::{PdfDocument, PdfParseErrorSeverity, PdfSaveOptions};

pub use invoice::{DocumentLine, InvoiceDocument};
pub use setup_instructions::{
    SetupFacts, SetupTemplates, database_name, database_user, dns_record_type,
    render_setup_instructions,
};

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// The document would be longer than the renderer allows (a runaway input, not an
    /// invoice anyone can read).
    #[error("the document would need more than {limit} pages")]
    TooManyPages { limit: usize },
    /// printpdf reported an error while writing the file.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Renders `doc` as an A4 PDF: header, the lines table over as many pages as needed (its
/// header repeated), totals, payment terms, and the footer and page number on each page.
pub fn render_invoice_pdf(doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
    let pages = invoice_pdf::lay_out(doc)?;
    let mut pdf = PdfDocument::new(text::PdfText::new(&doc.title()).as_str());
    pdf.with_pages(pages);
    let mut warnings = Vec::new();
    let bytes = pdf.save(&PdfSaveOptions::default(), &mut warnings);
    match warnings
        .into_iter()
        .find(|warning| warning.severity == PdfParseErrorSeverity::Error)
    {
        Some(error) => Err(DocumentError::Pdf(error.msg)),
        None => Ok(bytes),
    }
}
