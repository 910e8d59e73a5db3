//! Renders invoices and reads them back the way a person's tools would: `pdftotext` and
//! `pdfinfo` from poppler-utils (`make test` installs them through scripts/ensure-tools.sh).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use landlord_documents::{DocumentError, DocumentLine, InvoiceDocument, render_invoice_pdf};

fn line(description: &str, amount: &str) -> DocumentLine {
    DocumentLine {
        description: description.to_owned(),
        period: Some("1 Nov 2026 – 30 Nov 2026".to_owned()),
        quantity: "1".to_owned(),
        unit_amount: amount.to_owned(),
        amount: amount.to_owned(),
    }
}

fn sample() -> InvoiceDocument {
    InvoiceDocument {
        issuer_name: "Landlord Hosting GmbH".to_owned(),
        issuer_details: vec!["Hauptstraße 1".to_owned(), "10115 Berlin".to_owned(), "billing@landlord.test".to_owned()],
        customer_name: "Acme Rentals Ltd".to_owned(),
        customer_details: vec!["42 Harbour Road".to_owned(), "Bristol BS1 4DJ".to_owned()],
        number: Some("INV-2026-0042".to_owned()),
        status: "open".to_owned(),
        issued_at: "1 Dec 2026".to_owned(),
        due_at: Some("15 Dec 2026".to_owned()),
        currency: "EUR".to_owned(),
        lines: vec![
            line("Pro plan", "49.00 EUR"),
            DocumentLine { period: None, quantity: "3".to_owned(), unit_amount: "5.00 EUR".to_owned(), ..line("Extra seats", "15.00 EUR") },
        ],
        subtotal: "64.00 EUR".to_owned(),
        tax: Some(("VAT 19 %".to_owned(), "12.16 EUR".to_owned())),
        total: "76.16 EUR".to_owned(),
        credit_applied: Some("-10.00 EUR".to_owned()),
        amount_paid: Some("0.00 EUR".to_owned()),
        amount_due: "66.16 EUR".to_owned(),
        payment_terms: Some("Please pay within 14 days by bank transfer, quoting the invoice number.".to_owned()),
        footer: Some("Landlord Hosting GmbH · Amtsgericht Berlin HRB 12345 · IBAN DE00 1234 5678 9012 3456 78".to_owned()),
    }
}

fn render(doc: &InvoiceDocument) -> Vec<u8> {
    match render_invoice_pdf(doc) {
        Ok(bytes) => bytes,
        Err(error) => panic!("rendering failed: {error}"),
    }
}

/// Runs a poppler tool on `pdf` (written to a fresh file, then `extra` arguments), failing,
/// not skipping, when the tool is missing.
fn poppler(tool: &str, args: &[&str], pdf: &[u8], extra: &[&str]) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "landlord-documents-{}-{}.pdf",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let path: PathBuf = std::env::temp_dir().join(name);
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(extra)
        .output();
    std::fs::remove_file(&path).ok();
    let output = output.unwrap_or_else(|error| {
        panic!(
            "could not run `{tool}` ({error}): it comes with Debian's poppler-utils; install it with \
             `apt-get install -y poppler-utils` or `scripts/ensure-tools.sh --browser` (`make test` does)"
        )
    });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The PDF's text, laid out as on the page; "-" sends it to stdout.
fn text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf, &["-"])
}

fn text_of_page(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    poppler(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", "-f", &page, "-l", &page],
        pdf,
        &["-"],
    )
}

fn page_count(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf, &[]);
    let pages = info.lines().find_map(|line| line.strip_prefix("Pages:"));
    pages
        .unwrap_or_else(|| panic!("no Pages: in {info}"))
        .trim()
        .parse()
        .unwrap()
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in the PDF's text:\n{haystack}"
    );
}

#[test]
fn a_rendered_invoice_is_a_one_page_pdf() {
    let pdf = render(&sample());
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(page_count(&pdf), 1);
}

#[test]
fn the_number_parties_lines_and_amounts_can_be_read_back() {
    let text = text(&render(&sample()));
    for expected in [
        "Invoice",
        "INV-2026-0042",
        "Landlord Hosting GmbH",
        "billing@landlord.test",
        "BILL TO",
        "Acme Rentals Ltd",
        "Bristol BS1 4DJ",
        "1 Dec 2026",
        "15 Dec 2026",
        "Open",
        "EUR",
        "Pro plan",
        "Extra seats",
        "49.00 EUR",
        "5.00 EUR",
        "15.00 EUR",
        "Subtotal",
        "64.00 EUR",
        "VAT 19 %",
        "12.16 EUR",
        "76.16 EUR",
        "Credit applied",
        "-10.00 EUR",
        "Amount paid",
        "Amount due (EUR)",
        "66.16 EUR",
        "Please pay within 14 days",
        "HRB 12345",
        "Page 1 of 1",
    ] {
        assert_contains(&text, expected);
    }
}

#[test]
fn umlauts_en_dashes_and_the_euro_sign_survive_as_readable_text() {
    let mut doc = sample();
    doc.customer_name = "Müller GmbH".to_owned();
    doc.lines[0].amount = "49,00 €".to_owned();
    let text = text(&render(&doc));
    assert_contains(&text, "Müller GmbH");
    assert_contains(&text, "1 Nov 2026 – 30 Nov 2026");
    assert_contains(&text, "Hauptstraße 1");
    assert_contains(&text, "49,00 €");
    assert_contains(&text, "Landlord Hosting GmbH · Amtsgericht");
}

#[test]
fn letters_the_built_in_fonts_lack_degrade_to_their_plain_form() {
    let mut doc = sample();
    doc.customer_name = "Łukasz Wróbel, Čačak".to_owned();
    doc.lines[0].description = "Ωmega plan".to_owned();
    let text = text(&render(&doc));
    assert_contains(&text, "Lukasz Wróbel, Cacak");
    assert_contains(&text, "?mega plan");
}

#[test]
fn a_120_line_invoice_flows_over_pages_repeating_the_table_header() {
    let mut doc = sample();
    doc.lines = (1..=120)
        .map(|n| line(&format!("Usage item number {n}"), &format!("{n}.00 EUR")))
        .collect();
    let pdf = render(&doc);
    let pages = page_count(&pdf);
    assert!(pages >= 2, "120 lines fit on {pages} page(s)");
    let all = text(&pdf);
    assert_contains(&all, "Usage item number 1 ");
    assert_contains(&all, "Usage item number 120");
    assert_contains(&all, "120.00 EUR");
    assert_contains(&all, &format!("Page {pages} of {pages}"));
    for page in 1..=pages {
        let text = text_of_page(&pdf, page);
        assert_contains(&text, "HRB 12345");
        if page > 1 {
            assert_contains(&text, "Invoice INV-2026-0042");
        }
        if text.contains("Usage item number") {
            assert_contains(&text, "DESCRIPTION");
            assert_contains(&text, "UNIT PRICE");
        }
    }
    assert_contains(&text_of_page(&pdf, pages), "Amount due (EUR)");
}

#[test]
fn a_long_description_wraps_and_is_cut_after_four_lines() {
    let mut doc = sample();
    let words: Vec<String> = (1..=120).map(|n| format!("word{n}")).collect();
    doc.lines[0].description = words.join(" ");
    let text = text(&render(&doc));
    assert_contains(&text, "word1 word2");
    assert_contains(&text, "\u{2026}");
    assert!(
        !text.contains("word120"),
        "the description was not cut:\n{text}"
    );
    // Wrapped, the description's continuation lines stay left of the quantity column.
    let continuation = text
        .lines()
        .filter(|l| l.contains("word") && !l.contains("EUR"));
    let widest = continuation
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap();
    assert!(
        widest < 80,
        "a description line runs into the numbers:\n{text}"
    );
}

#[test]
fn drafts_paid_and_void_invoices_are_marked() {
    let mut draft = sample();
    draft.number = None;
    draft.status = "draft".to_owned();
    let text_of = |doc: &InvoiceDocument| text(&render(doc));
    let draft_text = text_of(&draft);
    assert_contains(&draft_text, "DRAFT");
    assert!(!draft_text.contains("INV-2026-0042"));

    let paid = InvoiceDocument {
        status: "paid".to_owned(),
        ..sample()
    };
    assert_contains(&text_of(&paid), "PAID");
    let void = InvoiceDocument {
        status: "void".to_owned(),
        ..sample()
    };
    assert_contains(&text_of(&void), "VOID");
    assert!(!text_of(&sample()).contains("PAID"));
}

#[test]
fn a_bare_invoice_without_lines_or_details_still_renders() {
    let doc = InvoiceDocument {
        issuer_name: "Landlord".to_owned(),
        customer_name: "Nobody".to_owned(),
        number: Some("INV-1".to_owned()),
        status: "open".to_owned(),
        amount_due: "0.00".to_owned(),
        ..Default::default()
    };
    let text = text(&render(&doc));
    assert_contains(&text, "No items");
    assert_contains(&text, "Amount due");
}

#[test]
fn a_runaway_invoice_is_refused_rather_than_rendered() {
    let mut doc = sample();
    doc.lines = vec![line("Item", "1.00"); 40_000];
    assert!(matches!(
        render_invoice_pdf(&doc),
        Err(DocumentError::TooManyPages { .. })
    ));
}
