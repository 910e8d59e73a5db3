//! Invoices in the admin app: a payment recorded against an open invoice, and its PDF
//! downloaded and read back with pdftotext.

use crate::billing::{only_invoice, open_invoice, plan, signed_in, status_of, subscribed};
use crate::driver::Browser;
use serde_json::json;
use std::path::PathBuf;

#[tokio::test]
async fn recording_the_amount_due_on_an_open_invoice_marks_it_paid() {
    let browser = signed_in().await;
    plan(&browser, "pay-standard", "Pay Standard", "25.00").await;
    let tenant = subscribed(
        &browser,
        "paying-customer",
        "pay-standard",
        json!({ "type": "invoice" }),
    )
    .await;
    let invoice = only_invoice(&browser, tenant).await;
    assert_eq!(invoice["status"], "open");

    open_invoice(&browser, tenant).await;
    assert_eq!(
        status_of(&browser, "invoice-status").await.as_deref(),
        Some("open")
    );
    assert_eq!(browser.text_of("invoice-amount-due").await, "€25.00");
    browser.click("invoice-record-payment").await;
    let amount = browser
        .find("payment-amount")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        amount.as_deref(),
        Some("25.00"),
        "prefilled with the amount due"
    );
    browser.fill("payment-reference", "SEPA browser test").await;
    browser.click("payment-submit").await;
    browser
        .eventually("the invoice shows as paid", || async {
            status_of(&browser, "invoice-status").await.as_deref() == Some("paid")
        })
        .await;
    assert_eq!(browser.text_of("invoice-amount-due").await, "€0.00");
    browser.find("invoice-payment").await;
    browser.screenshot("invoice-paid").await;

    let stored = only_invoice(&browser, tenant).await;
    assert_eq!(stored["status"], "paid");
    assert_eq!(stored["amount_paid"], "25.00");
}

/// Waits for Chromium to finish downloading a PDF and returns its path.
async fn downloaded_pdf(browser: &Browser) -> PathBuf {
    browser
        .eventually("the PDF is downloaded", || async {
            pdfs(browser).next().is_some()
        })
        .await;
    pdfs(browser).next().unwrap()
}

fn pdfs(browser: &Browser) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(&browser.downloads)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
}

#[tokio::test]
async fn the_invoice_pdf_downloads_with_its_number_and_lines() {
    let browser = signed_in().await;
    plan(&browser, "pdf-team", "PDF Team", "40.00").await;
    let tenant = subscribed(
        &browser,
        "pdf-customer",
        "pdf-team",
        json!({ "type": "invoice" }),
    )
    .await;
    let invoice = only_invoice(&browser, tenant).await;
    let number = invoice["number"].as_str().unwrap().to_owned();
    let line = invoice["lines"][0]["description"]
        .as_str()
        .unwrap()
        .to_owned();

    open_invoice(&browser, tenant).await;
    browser.click("invoice-download-pdf").await;
    let file = downloaded_pdf(&browser).await;
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.contains(&number), "named by the server: {name}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");

    let text_file = file.with_extension("txt");
    let status = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&file)
        .arg(&text_file)
        .status()
        .expect("pdftotext is installed (scripts/ensure-tools.sh --browser)");
    assert!(status.success(), "pdftotext read the file");
    let text = std::fs::read_to_string(&text_file).unwrap();
    assert!(text.contains(&number), "the number {number} is in: {text}");
    assert!(text.contains(&line), "the line {line:?} is in: {text}");
}
