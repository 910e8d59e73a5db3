//! A customer is a tenant in the caller's subtree other than their own: the list, its total,
//! the CSV export and the summary count the same tenants, whichever path a search takes
//! through either backend's index, and `include_self=true` adds the caller's own tenant.

use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// One list request's total and the ids of the export of the same filters.
struct Counted {
    total: i64,
    exact: bool,
    exported: Vec<i64>,
}

async fn counted(app: &TestApp, token: &str, query: &str) -> Counted {
    let page = app
        .get_json(&format!("/api/v1/tenants?{query}&per_page=1"), token)
        .await;
    let response = app
        .get(&format!("/api/v1/tenants/export?columns=id&{query}"), token)
        .await;
    assert_eq!(response.status(), StatusCode::OK, "export {query}");
    let csv = response.text().await.unwrap();
    let exported = csv
        .lines()
        .skip(1)
        .map(|line| line.parse().unwrap_or_else(|_| panic!("an id: {line:?}")))
        .collect();
    Counted {
        total: page["total"]
            .as_i64()
            .unwrap_or_else(|| panic!("{query}: {page}")),
        exact: page["total_exact"].as_bool().unwrap(),
        exported,
    }
}

/// What the own tenant's search covers, and its type and status, from `/auth/me`.
struct Own {
    id: i64,
    text: String,
    tenant_type: String,
    status: String,
}

async fn own(app: &TestApp, token: &str) -> Own {
    let me = app.get_json("/api/v1/auth/me", token).await;
    let tenant = &me["tenant"];
    let field = |name: &str| tenant[name].as_str().unwrap_or_default().to_lowercase();
    Own {
        id: tenant["id"].as_i64().unwrap(),
        text: ["name", "domain", "contact_email", "admin_email"]
            .map(field)
            .join("\n"),
        tenant_type: field("type"),
        status: field("status"),
    }
}

impl Own {
    /// Whether the own tenant passes the filters of `query` (`q`, `type`, `status`).
    fn matches(&self, query: &str) -> bool {
        query.split('&').filter(|p| !p.is_empty()).all(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            match key {
                "q" => self.text.contains(&value.to_lowercase()),
                "type" => self.tenant_type == value,
                "status" => self.status == value,
                _ => panic!("no such filter in these tests: {key}"),
            }
        })
    }
}

/// Checks one caller: the summary against the unfiltered and typed totals, and for every
/// query the total against the export, without and with `include_self`.
async fn check_caller(app: &TestApp, token: &str, who: &str, queries: &[&str]) {
    let summary = app.get_json("/api/v1/tenants/summary", token).await;
    let own = own(app, token).await;
    for (query, card) in [
        ("", "total_customers"),
        ("type=company", "companies"),
        ("type=individual", "individuals"),
    ] {
        let found = counted(app, token, query).await;
        assert_eq!(
            (found.total, found.exported.len() as i64),
            (
                summary[card].as_i64().unwrap(),
                summary[card].as_i64().unwrap()
            ),
            "{who}: the {card} card, the list's total and the export of {query:?}"
        );
    }
    for query in queries {
        let without = counted(app, token, query).await;
        let with = counted(app, token, &format!("{query}&include_self=true")).await;
        assert!(
            !without.exported.contains(&own.id),
            "{who}: {query:?} leaves out the own tenant"
        );
        let mut added: Vec<i64> = with
            .exported
            .iter()
            .copied()
            .filter(|id| !without.exported.contains(id))
            .collect();
        added.sort();
        let expected: Vec<i64> = own.matches(query).then_some(own.id).into_iter().collect();
        assert_eq!(
            (added, with.exported.len() - without.exported.len()),
            (expected.clone(), expected.len()),
            "{who}: include_self adds the own tenant to {query:?} where it matches"
        );
        for (found, label) in [(&without, ""), (&with, " with include_self")] {
            let rows = found.exported.len() as i64;
            match found.exact {
                true => assert_eq!(found.total, rows, "{who}: {query:?}{label}"),
                false => assert!(
                    found.total == 1_000 && rows > 1_000,
                    "{who}: {query:?}{label}: a capped total ({}) needs more rows ({rows})",
                    found.total
                ),
            }
        }
    }
}

/// Needles of one, two and more characters, common and rare, matching the own tenant or
/// not, alone and with filters: each takes its own path through the search.
const QUERIES: [&str; 16] = [
    "",
    "type=company",
    "type=individual",
    "status=active",
    "status=suspended",
    "type=company&status=active",
    "q=a",
    "q=e&type=company",
    "q=ma",
    "q=re&status=active",
    "q=manage",
    "q=reseller",
    "q=landlord.test",
    "q=owner",
    "q=zqxj",
    "q=ltd&status=suspended",
];

#[tokio::test]
async fn the_list_its_total_the_export_and_the_summary_count_the_same_customers() {
    let app = spawn_app().await;
    // Enough for a common needle to walk the sort order and to reach the count cap.
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || seed_into(&db, 1_500, 7))
        .await
        .unwrap();
    let admin = app.admin_token.clone();
    let reseller = app
        .create_tenant_as(&admin, "reseller", json!({ "allow_subtenants": true }))
        .await;
    let reseller_token = app.token_for(&reseller).await;
    for (domain, extra) in [
        ("re-alpha", json!({ "name": "Alpha Manage" })),
        ("re-beta", json!({ "type": "individual" })),
        ("re-gamma", json!({ "name": "Gamma Ltd" })),
    ] {
        app.create_tenant_as(&reseller_token, domain, extra).await;
    }
    let gamma = app
        .get_json("/api/v1/tenants?q=re-gamma", &reseller_token)
        .await;
    let gamma_id = item_ints(&gamma, "id")[0];
    let suspended = app
        .post(
            &format!("/api/v1/tenants/{gamma_id}/suspend"),
            &reseller_token,
            &json!({ "password": reseller.password }),
        )
        .await;
    assert_eq!(suspended.status(), StatusCode::OK);

    check_caller(&app, &admin, "the management admin", &QUERIES).await;
    check_caller(&app, &reseller_token, "a reseller", &QUERIES).await;
    // The reseller's customers are its three, whichever way they are counted.
    let summary = app
        .get_json("/api/v1/tenants/summary", &reseller_token)
        .await;
    assert_eq!(summary["total_customers"], 3, "{summary}");
}

#[tokio::test]
async fn the_own_tenant_is_one_request_away() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let me = app.get_json("/api/v1/auth/me", &app.admin_token).await;
    let own_id = me["tenant"]["id"].as_i64().unwrap();
    let listed = app
        .get_json("/api/v1/tenants?sort=name", &app.admin_token)
        .await;
    assert_eq!(item_ints(&listed, "id"), [acme.id]);
    let with_self = app
        .get_json(
            "/api/v1/tenants?sort=name&include_self=true",
            &app.admin_token,
        )
        .await;
    let mut ids = item_ints(&with_self, "id");
    ids.sort();
    assert_eq!(ids, [own_id, acme.id]);
    assert_eq!(with_self["total"], 2);
    let detail: Value = app
        .get_json(&format!("/api/v1/tenants/{own_id}"), &app.admin_token)
        .await;
    assert_eq!(detail["domain"], "management", "{detail}");
    let refused = app
        .get("/api/v1/tenants?include_self=maybe", &app.admin_token)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(refused).await), ["include_self"]);
}
