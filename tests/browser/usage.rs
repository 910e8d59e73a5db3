//! A seeded customer's Usage tab: the last 30 days by default, one bar chart per meter with
//! the seeded history's bars, the summary figures, and the device limit's line on the
//! devices chart.

use crate::driver::{css, id, open};
use landlord_tests::ADMIN_PASSWORD;

#[tokio::test]
async fn a_seeded_customer_s_usage_tab_charts_its_meters() {
    let browser = open(3).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    let page = browser.api_json("/api/v1/tenants?per_page=50").await;
    let tenant = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["domain"] != "management")
        .map(|t| t["id"].as_i64().unwrap())
        .min()
        .unwrap();
    browser.goto(&format!("/customers/{tenant}")).await;
    browser.click("tab-usage").await;
    let requests = format!("{}[data-meter=\"api_requests\"]", id("usage-chart"));
    browser
        .eventually("the API requests chart has bars", || async {
            browser
                .all(&format!("{requests} {}", id("usage-bar")))
                .await
                .len()
                > 1
        })
        .await;
    let storage = format!("{}[data-meter=\"storage\"]", id("usage-chart"));
    let summary = browser
        .client
        .find(css(&format!("{storage} {}", id("usage-summary"))))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(summary.contains("peak"), "{summary}");
    let from = browser
        .client
        .find(css(&id("usage-from")))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(from.len(), 10, "{from}");
    // The devices gauge is compared with the device limit: the customer's limit is a line.
    let limit = browser
        .api_json(&format!("/api/v1/tenants/{tenant}/entitlements"))
        .await["quotas"]["max_devices"]["limit"]
        .as_i64()
        .unwrap();
    let devices = format!("{}[data-meter=\"devices\"]", id("usage-chart"));
    let line = browser
        .client
        .find(css(&format!("{devices} {}", id("usage-quota-line"))))
        .await
        .unwrap();
    assert_eq!(
        line.attr("data-limit").await.unwrap(),
        Some(limit.to_string())
    );
    let caption = browser
        .client
        .find(css(&format!("{devices} {}", id("usage-quota"))))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(caption.contains("limit"), "{caption}");
    // A counter without a quota draws none.
    assert!(
        browser
            .all(&format!("{requests} {}", id("usage-quota-line")))
            .await
            .is_empty()
    );
    // The screenshot shows the charts, not only the top of the panel.
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=usage-tab]').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    browser.screenshot("usage-tab").await;
}

/// The `data-domain` of every row of the usage table; `None` while it re-renders.
async fn table_domains(browser: &crate::driver::Browser) -> Option<Vec<String>> {
    browser.attrs("usage-table-row", "data-domain").await
}

#[tokio::test]
async fn the_usage_table_takes_a_range_a_sort_and_a_filter() {
    let browser = open(3).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser.goto("/usage").await;
    browser
        .eventually("the table lists the customers", || async {
            table_domains(&browser).await.is_some_and(|d| d.len() > 1)
        })
        .await;
    // A week's range, typed into the date inputs as a person's date picker would set them.
    let to = browser
        .find("usage-table-to")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    let to_day = chrono::NaiveDate::parse_from_str(&to, "%Y-%m-%d").unwrap();
    let from = (to_day - chrono::Duration::days(6)).to_string();
    browser
        .client
        .execute(
            "const el = document.querySelector('[data-testid=\"usage-table-from\"]');\
             el.value = arguments[0]; el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(from)],
        )
        .await
        .unwrap();
    browser.click("usage-table-apply").await;
    browser
        .eventually("every trend covers the 7 days", || async {
            let mut lines = Vec::new();
            for line in browser.all(".sparkline polyline").await {
                match line.attr("points").await {
                    Ok(points) => lines.push(points.unwrap_or_default()),
                    Err(_) => return false,
                }
            }
            !lines.is_empty() && lines.iter().all(|p| p.split(' ').count() == 7)
        })
        .await;
    let range = format!("from={from}&to={to}");
    browser.click("usage-sort-api_requests").await;
    let busiest = browser
        .api_json(&format!(
            "/api/v1/usage/statistics?{range}&sort=-api_requests&limit=25"
        ))
        .await;
    let expected: Vec<String> = busiest["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["domain"].as_str().unwrap().to_owned())
        .collect();
    browser
        .eventually("the busiest customers come first", || async {
            table_domains(&browser).await.as_ref() == Some(&expected)
        })
        .await;
    let wanted = expected[0].clone();
    browser
        .fill("usage-table-filter", &format!("domain~{wanted}"))
        .await;
    browser.click("usage-table-apply").await;
    let matching = browser
        .api_json(&format!(
            "/api/v1/usage/statistics?{range}&sort=-api_requests&filter=domain~{wanted}"
        ))
        .await;
    let matching: Vec<String> = matching["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["domain"].as_str().unwrap().to_owned())
        .collect();
    assert!(matching.contains(&wanted));
    browser
        .eventually("only the customers the filter matches", || async {
            table_domains(&browser).await.as_ref() == Some(&matching)
        })
        .await;
    browser.fill("usage-table-filter", "").await;
    browser.click("usage-table-apply").await;
    browser
        .eventually("the filter is cleared", || async {
            table_domains(&browser).await.as_ref() == Some(&expected)
        })
        .await;
    browser.screenshot("usage-statistics").await;
}
