//! What an operator does every day, end to end in the browser.

use crate::driver::{Browser, id, open};
use landlord_tests::{ADMIN_PASSWORD, item_strs};
use serde_json::{Value, json};

async fn signed_in(customers: u32) -> Browser {
    let browser = open(customers).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser
}

/// Rows per page in the admin app.
const PER_PAGE: u32 = 25;

/// The items of the page of a list the API answers for `path`, in order.
async fn api_items(browser: &Browser, path: &str) -> Vec<Value> {
    browser.api_json(path).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

/// The domains the API lists for `query` on the app's first page, in order: what the page must show.
async fn api_domains(browser: &Browser, query: &str) -> Vec<String> {
    let path = format!("/api/v1/tenants?per_page={PER_PAGE}&{query}");
    item_strs(&browser.api_json(&path).await, "domain")
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// How many customers the API counts for `query`, across all pages.
async fn api_total(browser: &Browser, query: &str) -> i64 {
    let path = format!("/api/v1/tenants?per_page=1&{query}");
    browser.api_json(&path).await["total"].as_i64().unwrap()
}

#[tokio::test]
async fn signing_in_shows_the_customers_and_signing_out_returns_to_sign_in() {
    let browser = open(30).await;
    browser.goto("/").await;
    browser.find("signin-form").await;
    browser.screenshot("sign-in").await;

    browser
        .sign_in("management", "admin", "wrong-password-1")
        .await;
    let error = browser.find("signin-error").await.text().await.unwrap();
    assert!(error.contains("wrong"), "{error}");

    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    let badge = browser.find("user-badge").await.text().await.unwrap();
    assert!(badge.contains("admin"), "{badge}");
    let expected = api_domains(&browser, "").await;
    browser
        .eventually("the first page matches the API", || async {
            browser.shown_domains().await == expected
        })
        .await;
    browser.screenshot("customers").await;

    browser.click("sign-out").await;
    browser.find("signin-form").await;
}

#[tokio::test]
async fn typing_a_search_shows_only_matching_rows() {
    let browser = signed_in(40).await;
    browser
        .app
        .create_tenant_as(
            &browser.app.admin_token.clone(),
            "zephyr-unique",
            json!({ "name": "Zephyr Unique" }),
        )
        .await;
    browser.fill("search-input", "zephyr").await;
    browser
        .eventually("only the match is shown", || async {
            browser.shown_domains().await == ["zephyr-unique"]
        })
        .await;
    let url = browser.client.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or_default().contains("q=zephyr"),
        "the search lives in the URL: {url}"
    );
    browser.client.refresh().await.unwrap();
    browser
        .eventually("a reload keeps the search", || async {
            browser.shown_domains().await == ["zephyr-unique"]
        })
        .await;
}

#[tokio::test]
async fn the_companies_filter_combines_with_search_and_lives_in_the_url() {
    let browser = signed_in(60).await;
    let select = browser.find("type-filter").await;
    select.select_by_value("company").await.unwrap();
    let companies = api_domains(&browser, "type=company").await;
    browser
        .eventually("only companies", || async {
            browser.shown_domains().await == companies
        })
        .await;

    browser.fill("search-input", "a").await;
    let both = api_domains(&browser, "type=company&q=a").await;
    // Every seeded e-mail address holds an "a" (".example"), so the rows alone may match
    // before the search has been applied: wait for the URL too.
    browser
        .eventually("filters live in the URL", || async {
            let url = browser.client.current_url().await.unwrap();
            let query = url.query().unwrap_or_default().to_owned();
            query.contains("type=company") && query.contains("q=a")
        })
        .await;
    browser
        .eventually("companies matching 'a'", || async {
            browser.shown_domains().await == both
        })
        .await;
    let url = browser.client.current_url().await.unwrap();
    let query = url.query().unwrap_or_default().to_owned();

    // A shared link opens the same view.
    browser.goto("/customers").await;
    browser.find("customer-row").await;
    browser.goto(&format!("/customers?{query}")).await;
    browser
        .eventually("the link restores the filters", || async {
            browser.shown_domains().await == both
        })
        .await;
    let selected = browser
        .find("type-filter")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(selected.as_deref(), Some("company"));
}

#[tokio::test]
async fn clicking_a_row_opens_the_detail_panel() {
    let browser = signed_in(30).await;
    // A customer rather than the operator's own tenant, listed first.
    let mut first = None;
    for row in browser.all(&id("customer-row")).await {
        if row.attr("data-domain").await.unwrap().as_deref() != Some("management") {
            first = Some(row);
            break;
        }
    }
    let first = first.expect("a customer row");
    let domain = first.attr("data-domain").await.unwrap().unwrap();
    first.click().await.unwrap();
    let panel = browser.find("detail-panel").await;
    browser
        .eventually("the panel shows the customer", || async {
            browser.find("detail-domain").await.text().await.unwrap() == domain
        })
        .await;
    assert!(panel.text().await.unwrap().contains("Created"));
    browser.find("history-entry").await;
    browser.screenshot("detail-panel").await;
}

#[tokio::test]
async fn a_bad_domain_shows_the_field_error_next_to_the_field() {
    let browser = signed_in(5).await;
    browser.click("new-customer").await;
    browser.fill("create-domain", "Bad Domain").await;
    let error = browser
        .find("field-error-domain")
        .await
        .text()
        .await
        .unwrap();
    assert!(error.contains("lowercase"), "{error}");
    browser.fill("create-name", "Good Name").await;
    browser.fill("create-admin-username", "owner").await;
    browser
        .fill("create-admin-email", "owner@example.com")
        .await;
    browser.click("create-submit").await;
    assert!(
        browser
            .find("field-error-domain")
            .await
            .is_displayed()
            .await
            .unwrap(),
        "still refused"
    );
    assert_eq!(browser.app.stored_tenant_count(), 6, "nothing was created");
    browser.screenshot("create-customer").await;
}

#[tokio::test]
async fn suspending_with_the_password_changes_the_status() {
    let browser = signed_in(5).await;
    let acme = browser.app.create_tenant("acme-suspend").await;
    browser.goto(&format!("/customers/{}", acme.id)).await;
    browser.find("detail-panel").await;
    browser.click("action-suspend").await;
    browser.fill("suspend-password", "not-my-password").await;
    browser.click("suspend-confirm").await;
    browser.find("field-error-password").await;
    browser.fill("suspend-password", ADMIN_PASSWORD).await;
    browser.click("suspend-confirm").await;
    browser
        .eventually("the status reads suspended", || async {
            // The panel re-renders once the change is saved: read afresh each time.
            browser
                .text_of("detail-prop-status")
                .await
                .to_lowercase()
                .contains("suspended")
        })
        .await;
    let stored: Value = browser
        .app
        .get(
            &format!("/api/v1/tenants/{}", acme.id),
            &browser.app.admin_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["status"], "suspended");
}

/// Digits only: `€71,653.00` and `71653.00` both read `7165300`.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[tokio::test]
async fn the_orders_badge_opens_the_customers_orders_and_the_chip_removes_the_filter() {
    let browser = signed_in(30).await;
    let tenants = browser.api_json("/api/v1/tenants?per_page=100").await;
    let customer = tenants["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["orders_count"].as_i64().unwrap() >= 2)
        .expect("a seeded customer with orders")
        .clone();
    let tenant_id = customer["id"].as_i64().unwrap();
    let name = customer["name"].as_str().unwrap().to_owned();
    let orders = customer["orders_count"].as_i64().unwrap();

    browser.goto(&format!("/customers/{tenant_id}")).await;
    browser.find("detail-panel").await;
    let badge = browser.find("badge-orders").await;
    let text = badge.text().await.unwrap();
    assert!(
        text.contains(&orders.to_string()) && text.contains("Orders"),
        "the badge shows the count: {text}"
    );
    for (test_id, field) in [
        ("badge-users", "users_count"),
        ("badge-invoices", "invoices_count"),
        ("badge-tickets", "tickets_count"),
    ] {
        let shown = browser.find(test_id).await.text().await.unwrap();
        assert!(
            shown.contains(&customer[field].as_i64().unwrap().to_string()),
            "{test_id}: {shown}"
        );
    }
    badge.click().await.unwrap();

    browser
        .eventually("the Orders page filtered to the customer", || async {
            browser.location().await == format!("/orders?tenant={tenant_id}")
        })
        .await;
    browser
        .eventually("the chip names the customer", || async {
            browser.text_of("tenant-chip").await.contains(&name)
        })
        .await;
    let expected = usize::try_from(orders.min(25)).unwrap();
    browser
        .eventually("only the customer's orders are listed", || async {
            browser
                .attrs("order-row", "data-tenant-id")
                .await
                .is_some_and(|ids| {
                    ids.len() == expected && ids.iter().all(|id| *id == tenant_id.to_string())
                })
        })
        .await;
    // The customer cell names the customer and links to it.
    let link = browser.find("tenant-link").await;
    browser
        .eventually("the customer column shows the name", || async {
            link.text().await.unwrap_or_default() == name
        })
        .await;
    assert_eq!(
        link.attr("href").await.unwrap().as_deref(),
        Some(format!("/customers/{tenant_id}").as_str())
    );
    browser.screenshot("orders-filtered").await;

    browser.click("tenant-chip-remove").await;
    let all_orders = browser.api_json("/api/v1/orders?per_page=25").await;
    let first_page: Vec<String> = all_orders["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["tenant_id"].as_i64().unwrap().to_string())
        .collect();
    assert!(
        first_page.iter().any(|id| *id != tenant_id.to_string()),
        "other customers have orders too"
    );
    browser
        .eventually("every customer's orders are listed again", || async {
            browser.attrs("order-row", "data-tenant-id").await == Some(first_page.clone())
        })
        .await;
    assert_eq!(browser.location().await, "/orders");
    assert!(
        browser.all(&id("tenant-chip")).await.is_empty(),
        "the chip is gone"
    );
}

#[tokio::test]
async fn the_summary_cards_show_the_apis_numbers() {
    let browser = signed_in(40).await;
    let summary = browser.api_json("/api/v1/tenants/summary").await;
    for (test_id, field) in [
        ("summary-total-value", "total_customers"),
        ("summary-companies-value", "companies"),
        ("summary-users-value", "users"),
    ] {
        let expected = summary[field].as_i64().unwrap().to_string();
        browser
            .eventually(&format!("{test_id} reads {expected}"), || async {
                digits(&browser.text_of(test_id).await) == expected
            })
            .await;
    }
    let mrr = summary["mrr"].as_array().unwrap();
    assert!(
        !mrr.is_empty(),
        "the demo seed subscribes customers: {summary}"
    );
    let shown = browser.text_of("summary-mrr-value").await;
    assert_eq!(
        digits(&shown),
        digits(mrr[0]["amount"].as_str().unwrap()),
        "{shown} vs {}",
        mrr[0]
    );
    let revenue = summary["revenue"].as_array().unwrap();
    assert!(revenue.len() > 1, "seeded revenue is in several currencies");
    let largest = &revenue[0];
    let shown = browser.text_of("summary-revenue-value").await;
    assert_eq!(
        digits(&shown),
        digits(largest["amount"].as_str().unwrap()),
        "{shown} vs {largest}"
    );
    let more = browser.text_of("summary-revenue-more").await;
    let others = revenue.len() - 1;
    let noun = if others == 1 {
        "currency"
    } else {
        "currencies"
    };
    assert!(more.contains(&format!("+ {others} more {noun}")), "{more}");
    // Every currency is in the card's tooltip.
    let title = browser
        .find("summary-revenue")
        .await
        .attr("title")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(title.lines().count(), revenue.len(), "{title}");
    for money in revenue {
        let code = money["currency"].as_str().unwrap();
        let amount = digits(money["amount"].as_str().unwrap());
        assert!(
            title.lines().any(|line| digits(line) == amount),
            "{code} {amount} in {title}"
        );
    }

    // Deleting a customer in the app updates the cards.
    let doomed = browser.app.create_tenant("doomed-summary").await;
    browser.goto(&format!("/customers/{}", doomed.id)).await;
    let before = browser.api_json("/api/v1/tenants/summary").await["total_customers"]
        .as_i64()
        .unwrap();
    browser
        .eventually("the cards count the new customer", || async {
            digits(&browser.text_of("summary-total-value").await) == before.to_string()
        })
        .await;
    browser.click("action-delete").await;
    browser.fill("delete-confirm-input", "doomed-summary").await;
    browser.click("delete-confirm").await;
    browser
        .eventually("the cards count one customer fewer", || async {
            digits(&browser.text_of("summary-total-value").await) == (before - 1).to_string()
        })
        .await;
}

/// The `name` column of a customers CSV.
fn csv_names(bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(bytes);
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "name")
        .expect("a name column");
    reader
        .records()
        .map(|r| r.unwrap()[column].to_owned())
        .collect()
}

#[tokio::test]
async fn export_downloads_the_csv_of_exactly_what_the_filters_show() {
    let browser = signed_in(60).await;
    // Two companies and one individual share a made-up name, so each filter leaves out rows
    // the other keeps, whatever the demo seed holds.
    for (domain, kind) in [
        ("quillfeather-labs", "company"),
        ("quillfeather-works", "company"),
        ("quillfeather-solo", "individual"),
    ] {
        browser
            .app
            .create_tenant_as(
                &browser.app.admin_token.clone(),
                domain,
                json!({ "type": kind }),
            )
            .await;
    }
    let companies = api_total(&browser, "type=company").await;
    let matches = api_total(&browser, "q=quillfeather").await;
    browser
        .find("type-filter")
        .await
        .select_by_value("company")
        .await
        .unwrap();
    browser.fill("search-input", "quillfeather").await;
    let expected = api_domains(&browser, "type=company&q=quillfeather").await;
    assert!(
        expected.len() > 1 && (expected.len() as u32) < PER_PAGE,
        "a few customers, all on the first page: {expected:?}"
    );
    assert!(
        (expected.len() as i64) < companies.min(matches),
        "both filters narrow the list: {} of {companies} companies, {matches} matches",
        expected.len()
    );
    browser
        .eventually("the list shows the filtered customers", || async {
            browser.shown_domains().await == expected
        })
        .await;
    let shown = browser.attrs("customer-link", "title").await.unwrap();

    browser.click("export-csv").await;
    let mut file = None;
    for _ in 0..100 {
        let done: Vec<_> = std::fs::read_dir(&browser.downloads)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        if let Some(path) = done.into_iter().next() {
            file = Some(path);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let file = file.expect("the CSV was downloaded");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("customers-"),
        "named by the server: {name}"
    );
    let downloaded = csv_names(&std::fs::read(&file).unwrap());
    assert_eq!(
        downloaded, shown,
        "the export holds the rows the list shows"
    );
}

#[tokio::test]
async fn cmd_k_finds_a_customer_and_enter_opens_it() {
    let browser = signed_in(30).await;
    // A customer the search finds first among customers.
    let tenants = api_items(&browser, "/api/v1/tenants?per_page=30").await;
    let (tenant_id, name) = {
        let mut found = None;
        for tenant in &tenants {
            let name = tenant["name"].as_str().unwrap();
            if tenant["domain"] == "management" {
                continue;
            }
            let query = name.replace(' ', "%20").replace('\'', "%27");
            let hits = browser.api_json(&format!("/api/v1/search?q={query}")).await;
            let first = &hits["hits"][0];
            if first["kind"] == "tenant" && first["title"] == name {
                found = Some((tenant["id"].as_i64().unwrap(), name.to_owned()));
                break;
            }
        }
        found.expect("a customer the search finds first")
    };

    browser.press_with(fantoccini::key::Key::Meta, 'k').await;
    let palette = browser.find("palette").await;
    assert_eq!(
        palette.attr("role").await.unwrap().as_deref(),
        Some("dialog")
    );
    let input = browser.client.active_element().await.unwrap();
    assert_eq!(
        input.attr("data-testid").await.unwrap().as_deref(),
        Some("palette-input"),
        "the palette takes the focus"
    );
    input.send_keys(&name).await.unwrap();
    browser
        .eventually("a customer hit for the name", || async {
            let hits = browser.all(&id("palette-hit")).await;
            match hits.first() {
                Some(first) => {
                    first.attr("data-kind").await.ok().flatten().as_deref() == Some("tenant")
                        && first.text().await.unwrap_or_default().contains(&name)
                }
                None => false,
            }
        })
        .await;
    let active = input.attr("aria-activedescendant").await.unwrap();
    assert_eq!(active.as_deref(), Some("palette-hit-0"));
    browser.screenshot("palette").await;

    input.send_keys("\u{E007}").await.unwrap(); // Enter
    browser
        .eventually("the customer's detail panel opens", || async {
            browser.text_of("detail-name").await == name
        })
        .await;
    assert_eq!(browser.location().await, format!("/customers/{tenant_id}"));
    assert!(
        browser.all(&id("palette")).await.is_empty(),
        "the palette closed"
    );

    // The header button opens it too, and Escape closes it.
    browser.click("open-palette").await;
    browser.find("palette-input").await;
    browser
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{E00C}")
        .await
        .unwrap();
    browser
        .eventually("Escape closes the palette", || async {
            browser.all(&id("palette")).await.is_empty()
        })
        .await;
}

/// Every user of one customer, as the API lists them.
async fn users_of(browser: &Browser, tenant_id: i64) -> Vec<Value> {
    api_items(
        browser,
        &format!("/api/v1/users?tenant={tenant_id}&per_page=100"),
    )
    .await
}

#[tokio::test]
async fn a_new_user_joins_the_filtered_customer_and_the_first_admin_cannot_be_deleted() {
    let browser = signed_in(5).await;
    let customer = api_items(&browser, "/api/v1/tenants?per_page=10")
        .await
        .into_iter()
        .find(|t| t["domain"] != "management")
        .unwrap();
    let tenant_id = customer["id"].as_i64().unwrap();
    let name = customer["name"].as_str().unwrap().to_owned();
    browser.goto(&format!("/users?tenant={tenant_id}")).await;
    browser
        .eventually("the chip names the customer", || async {
            browser.text_of("tenant-chip").await.contains(&name)
        })
        .await;
    browser.click("new-user").await;
    let target = browser.find("user-form-tenant").await;
    assert_eq!(
        target.attr("data-tenant-id").await.unwrap(),
        Some(tenant_id.to_string()),
        "the new user joins the chip's customer"
    );
    browser.fill("user-username", "casey.jones").await;
    browser.fill("user-email", "casey@example.com").await;
    browser.fill("user-display-name", "Casey Jones").await;
    browser
        .find("user-role")
        .await
        .select_by_value("viewer")
        .await
        .unwrap();
    browser.click("user-submit").await;
    browser
        .eventually("the new user is listed", || async {
            browser
                .attrs("user-row", "data-username")
                .await
                .is_some_and(|names| names.iter().any(|n| n == "casey.jones"))
        })
        .await;
    assert!(
        browser
            .text_of("users-notice")
            .await
            .contains("casey.jones")
    );
    let stored = users_of(&browser, tenant_id).await;
    let casey = stored
        .iter()
        .find(|u| u["username"] == "casey.jones")
        .expect("stored");
    assert_eq!(casey["role"], "viewer");
    assert_eq!(casey["tenant_id"], tenant_id);

    // Deleting asks first, then the user is gone.
    let delete_of = |username: &str| {
        format!(
            "[data-testid=\"user-row\"][data-username=\"{username}\"] [data-testid=\"user-delete\"]"
        )
    };
    browser
        .client
        .find(crate::driver::css(&delete_of("casey.jones")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.find("user-delete-dialog").await;
    browser.click("user-delete-confirm").await;
    browser
        .eventually("the user is no longer listed", || async {
            browser
                .attrs("user-row", "data-username")
                .await
                .is_some_and(|names| !names.is_empty() && !names.iter().any(|n| n == "casey.jones"))
        })
        .await;
    assert!(
        !users_of(&browser, tenant_id)
            .await
            .iter()
            .any(|u| u["username"] == "casey.jones"),
        "deleted on the server"
    );

    // The customer's first administrator is refused, with the server's reason.
    let admin = customer["admin_username"].as_str().unwrap().to_owned();
    browser
        .client
        .find(crate::driver::css(&delete_of(&admin)))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.click("user-delete-confirm").await;
    let error = browser
        .find("user-delete-error")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        error.contains("first administrator") && error.contains("cannot be deleted"),
        "{error}"
    );
    assert!(
        !browser
            .find("user-delete-confirm")
            .await
            .is_enabled()
            .await
            .unwrap(),
        "no second try"
    );
    assert!(
        users_of(&browser, tenant_id)
            .await
            .iter()
            .any(|u| u["username"] == admin.as_str()),
        "the first administrator stays"
    );
}

#[tokio::test]
async fn a_new_customer_keeps_its_address_and_billing_details_and_the_panel_shows_them() {
    let browser = signed_in(5).await;
    browser.click("new-customer").await;
    browser.fill("create-name", "Harbour Supplies").await;
    browser.fill("create-domain", "harbour-supplies").await;
    browser
        .fill("create-contact-address", "Kaistraße 7, 20457 Hamburg")
        .await;
    // The country is chosen by name from the ISO 3166-1 list.
    browser
        .find("create-country")
        .await
        .select_by_value("DE")
        .await
        .unwrap();
    browser
        .fill("create-billing-method", "Visa •••• 4242")
        .await;
    browser
        .fill("create-billing-address", "Postfach 1203, 20001 Hamburg")
        .await;
    browser.fill("create-admin-username", "owner").await;
    browser
        .fill("create-admin-email", "owner@harbour.example")
        .await;
    browser.screenshot("create-customer-details").await;
    browser.click("create-submit").await;
    browser.click("create-done").await;

    browser
        .eventually("the panel shows the new customer", || async {
            browser.text_of("detail-name").await == "Harbour Supplies"
        })
        .await;
    for (test_id, shown) in [
        ("detail-contact-address", "Kaistraße 7, 20457 Hamburg"),
        ("detail-billing-method", "Visa •••• 4242"),
        ("detail-billing-address", "Postfach 1203, 20001 Hamburg"),
    ] {
        assert_eq!(browser.text_of(test_id).await, shown, "{test_id}");
    }
    let country = browser.text_of("detail-country").await;
    assert!(
        country.contains("Germany") || country.contains("DE"),
        "{country}"
    );
    let id = browser
        .find("detail-panel")
        .await
        .attr("data-tenant-id")
        .await
        .unwrap()
        .unwrap();
    let stored = browser.api_json(&format!("/api/v1/tenants/{id}")).await;
    assert_eq!(stored["contact_address"], "Kaistraße 7, 20457 Hamburg");
    assert_eq!(stored["country"], "DE");
    assert_eq!(stored["billing"]["payment_method"], "Visa •••• 4242");
    assert_eq!(stored["billing"]["address"], "Postfach 1203, 20001 Hamburg");

    assert_eq!(
        browser.text_of("detail-request-rate").await,
        "system default"
    );

    // The edit form holds the same fields.
    browser.click("action-edit").await;
    assert_eq!(
        browser
            .find("edit-billing-address")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Postfach 1203, 20001 Hamburg")
    );
    browser
        .fill("edit-billing-address", "Postfach 99, 20001 Hamburg")
        .await;
    // The parent paces the customer's API use (seed 003).
    browser.fill("edit-limit-requests", "25").await;
    browser.fill("edit-limit-queue", "5").await;
    browser.click("edit-save").await;
    browser
        .eventually("the panel shows the new billing address", || async {
            browser.text_of("detail-billing-address").await == "Postfach 99, 20001 Hamburg"
        })
        .await;
    assert_eq!(
        browser.text_of("detail-request-rate").await,
        "25 requests/s, up to 5 waiting"
    );
    let stored = browser.api_json(&format!("/api/v1/tenants/{id}")).await;
    assert_eq!(stored["billing"]["address"], "Postfach 99, 20001 Hamburg");
    assert_eq!(stored["billing"]["payment_method"], "Visa •••• 4242");
    assert_eq!(stored["limit_http_requests"], 25);
    assert_eq!(stored["limit_http_queue"], 5);
}

/// Keys as WebDriver names them.
const ARROW_DOWN: &str = "\u{E015}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

#[tokio::test]
async fn the_new_user_dialog_finds_any_customer_by_search_and_the_keyboard_picks_it() {
    let browser = signed_in(30).await;
    let token = browser.app.admin_token.clone();
    for (domain, name) in [
        ("quokka-logistics", "Quokka Logistics"),
        ("quokka-labs", "Quokka Labs"),
    ] {
        browser
            .app
            .create_tenant_as(&token, domain, json!({ "name": name }))
            .await;
    }
    let tenant_id = browser.api_json("/api/v1/tenants?q=quokka-logistics").await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let (name, domain) = ("Quokka Logistics", "quokka-logistics");

    browser.goto("/users").await;
    browser.find("user-row").await;
    browser.click("new-user").await;
    let picker = browser.find("user-form-tenant").await;
    assert_eq!(
        browser
            .client
            .active_element()
            .await
            .unwrap()
            .attr("data-testid")
            .await
            .unwrap()
            .as_deref(),
        Some("user-form-tenant"),
        "without a customer filter the picker takes the focus"
    );
    assert_eq!(picker.attr("data-tenant-id").await.unwrap(), None);

    // Creating without a customer is refused next to the picker.
    browser.fill("user-username", "robin").await;
    browser.fill("user-email", "robin@example.com").await;
    browser.click("user-submit").await;
    browser.find("field-error-tenant_id").await;

    // Escape closes the results, not the dialog.
    picker.send_keys("zz").await.unwrap();
    browser.find("user-form-tenant-status").await;
    picker.send_keys(ESCAPE).await.unwrap();
    browser
        .eventually("the results close", || async {
            browser.all(&id("user-form-tenant-status")).await.is_empty()
        })
        .await;
    browser.find("user-dialog").await;

    picker.clear().await.unwrap();
    picker.send_keys("quokka").await.unwrap();
    browser
        .eventually("the search lists the customer", || async {
            browser
                .attrs("user-form-tenant-option", "data-tenant-id")
                .await
                .is_some_and(|ids| ids.contains(&tenant_id.to_string()))
        })
        .await;
    let options = browser
        .attrs("user-form-tenant-option", "data-tenant-id")
        .await
        .unwrap();
    assert_eq!(options.len(), 2, "both matches, by name: {options:?}");
    let index = options
        .iter()
        .position(|o| *o == tenant_id.to_string())
        .unwrap();
    assert_eq!(index, 1, "Quokka Labs comes first");
    let option = browser
        .client
        .find(crate::driver::css(&format!(
            "[data-testid=\"user-form-tenant-option\"][data-tenant-id=\"{tenant_id}\"]"
        )))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        option.contains(name) && option.contains(domain),
        "name and domain: {option}"
    );
    for _ in 0..index {
        picker.send_keys(ARROW_DOWN).await.unwrap();
    }
    browser.screenshot("new-user-picker").await;
    assert_eq!(
        picker.attr("aria-activedescendant").await.unwrap(),
        Some(format!("user-form-tenant-listbox-{index}"))
    );
    picker.send_keys(ENTER).await.unwrap();
    browser
        .eventually("the customer is picked", || async {
            picker.attr("data-tenant-id").await.ok().flatten() == Some(tenant_id.to_string())
        })
        .await;
    assert_eq!(picker.prop("value").await.unwrap().as_deref(), Some(name));
    assert!(
        browser
            .text_of("user-form-tenant-chosen")
            .await
            .contains(domain)
    );

    browser.click("user-submit").await;
    browser
        .eventually("the new user is listed", || async {
            browser
                .attrs("user-row", "data-username")
                .await
                .is_some_and(|names| names.iter().any(|n| n == "robin"))
        })
        .await;
    let stored = users_of(&browser, tenant_id).await;
    assert!(
        stored.iter().any(|u| u["username"] == "robin"),
        "created in the picked customer: {stored:?}"
    );
}

/// The customers the page fetched one by one (`GET /api/v1/tenants/{id}`) since it loaded.
async fn single_tenant_fetches(browser: &Browser) -> Vec<String> {
    let script = r"
        return performance.getEntriesByType('resource')
            .map(e => new URL(e.name).pathname)
            .filter(p => /^\/api\/v1\/tenants\/\d+$/.test(p));
    ";
    let found = browser.client.execute(script, vec![]).await.unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test]
async fn activity_lists_name_each_customer_from_their_rows_without_a_request_per_customer() {
    let browser = signed_in(30).await;
    for (path, api, row) in [
        ("/orders", "/api/v1/orders", "order-row"),
        ("/invoices", "/api/v1/invoices", "invoice-row"),
        ("/support", "/api/v1/tickets", "ticket-row"),
        ("/users", "/api/v1/users", "user-row"),
    ] {
        let page = browser.api_json(&format!("{api}?per_page=25")).await;
        let expected = item_strs(&page, "tenant_name");
        let customers: std::collections::HashSet<&str> = expected.iter().copied().collect();
        assert!(customers.len() > 1, "{path} lists several customers");
        browser.goto(path).await;
        browser.find(row).await;
        browser
            .eventually(&format!("{path} names every row's customer"), || async {
                let mut shown = Vec::new();
                for link in browser.all(&id("tenant-link")).await {
                    shown.push(link.text().await.unwrap_or_default());
                }
                shown == expected
            })
            .await;
        assert_eq!(
            single_tenant_fetches(&browser).await,
            Vec::<String>::new(),
            "{path} asked for customers one by one"
        );
    }

    // A filter's chip takes the name from the rows when there are any...
    let busy = api_items(&browser, "/api/v1/tenants?per_page=50")
        .await
        .into_iter()
        .find(|t| t["orders_count"].as_i64().unwrap() > 0 && t["domain"] != "management")
        .expect("a customer with orders");
    browser
        .goto(&format!("/orders?tenant={}", busy["id"]))
        .await;
    browser
        .eventually("the chip names the customer", || async {
            browser
                .text_of("tenant-chip")
                .await
                .contains(busy["name"].as_str().unwrap())
        })
        .await;
    assert_eq!(single_tenant_fetches(&browser).await, Vec::<String>::new());

    // ...and asks for it once when there are none.
    let quiet = browser.app.create_tenant("quiet-customer").await;
    browser.goto(&format!("/orders?tenant={}", quiet.id)).await;
    browser.find("orders-empty").await;
    browser
        .eventually("the chip names the customer without rows", || async {
            browser
                .text_of("tenant-chip")
                .await
                .contains("quiet-customer Ltd")
        })
        .await;
    assert_eq!(
        single_tenant_fetches(&browser).await,
        [format!("/api/v1/tenants/{}", quiet.id)]
    );
}
