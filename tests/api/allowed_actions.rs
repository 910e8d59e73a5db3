//! A tenant's `allowed_actions` promise exactly what its endpoints do: for every role, in
//! the management tenant and in a reseller, on the caller's own tenant and on a customer in
//! each status, an action is listed if and only if its endpoint succeeds, and a refusal
//! answers with the reason the domain rule gives. A refused change leaves the tenant as it
//! was.

use landlord_tests::landlord_domain::tenant::{Caller, Target, TenantAction};
use landlord_tests::landlord_domain::{Role, TenantId, TenantStatus};
use landlord_tests::*;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

/// A signed-in user whose view of tenants is checked.
struct Signed {
    label: String,
    token: String,
    password: String,
    caller: Caller,
}

async fn sign_in(
    app: &TestApp,
    tenant: (&str, i64),
    username: &str,
    password: &str,
    role: Role,
) -> Signed {
    let (domain, id) = tenant;
    Signed {
        label: format!("{} of {domain}", role.as_str()),
        token: app.login_ok(domain, username, password).await,
        password: password.to_owned(),
        caller: Caller {
            role,
            tenant: TenantId(id),
            management: domain == "management",
        },
    }
}

/// Adds a user with `role` to the tenant and signs them in.
async fn user(app: &TestApp, tenant: (&str, i64), role: Role) -> Signed {
    let username = role.as_str();
    let password = format!("{username}-pass-1");
    let body = json!({
        "tenant_id": tenant.1,
        "username": username,
        "email": format!("{username}@{}.test", tenant.0),
        "role": username,
        "password": password,
    });
    let response = app.post("/api/v1/users", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    sign_in(app, tenant, username, &password, role).await
}

async fn tenant(app: &TestApp, id: i64) -> Value {
    app.get_json(&format!("/api/v1/tenants/{id}"), &app.admin_token)
        .await
}

/// Brings the tenant to `status` as the management administrator.
async fn set_status(app: &TestApp, id: i64, status: TenantStatus) {
    let current = tenant(app, id).await["status"].as_str().unwrap().to_owned();
    if current == status.as_str() {
        return;
    }
    let admin = &app.admin_token;
    let post = |verb: &'static str, body: Value| async move {
        let path = format!("/api/v1/tenants/{id}/{verb}");
        let response = app.post(&path, admin, &body).await;
        assert_eq!(response.status(), StatusCode::OK, "{verb} {id}");
    };
    if current != "active" {
        post("activate", json!({})).await;
    }
    match status {
        TenantStatus::Suspended => post("suspend", json!({ "password": ADMIN_PASSWORD })).await,
        TenantStatus::Inactive => post("deactivate", json!({})).await,
        _ => {}
    }
}

/// Tries `action` on tenant `id` as `who`; `None` when no endpoint does it to this tenant.
async fn attempt(
    app: &TestApp,
    who: &Signed,
    id: i64,
    action: TenantAction,
    n: usize,
) -> Option<Response> {
    let path = format!("/api/v1/tenants/{id}");
    let token = &who.token;
    let response = match action {
        // A field only the parent changes.
        TenantAction::Update => {
            app.patch(&path, token, &json!({ "domain": format!("renamed-{n}") }))
                .await
        }
        TenantAction::UpdateProfile => {
            app.patch(&path, token, &json!({ "name": format!("Renamed {n}") }))
                .await
        }
        TenantAction::GrantSubtenants => {
            app.patch(&path, token, &json!({ "allow_subtenants": true }))
                .await
        }
        TenantAction::Suspend => {
            app.post(
                &format!("{path}/suspend"),
                token,
                &json!({ "password": who.password }),
            )
            .await
        }
        TenantAction::Activate => {
            app.post(&format!("{path}/activate"), token, &json!({}))
                .await
        }
        TenantAction::Deactivate => {
            app.post(&format!("{path}/deactivate"), token, &json!({}))
                .await
        }
        TenantAction::Delete => app.delete(&path, token).await,
        TenantAction::ViewAuditLog => app.get(&format!("{path}/audit-log"), token).await,
        // Customers are created below the caller's own tenant only.
        TenantAction::CreateSubtenant if id == who.caller.tenant.0 => {
            let body = json!({
                "domain": format!("made-{n}"),
                "name": "Made",
                "admin_username": "owner",
                "admin_email": format!("owner@made-{n}.test"),
                "admin_password": "made-pass-1",
            });
            app.post("/api/v1/tenants", token, &body).await
        }
        TenantAction::CreateSubtenant => return None,
    };
    Some(response)
}

/// The tenant's `allowed_actions` as `who` sees it, checked to agree between the detail and
/// the list row.
async fn allowed(app: &TestApp, who: &Signed, id: i64) -> Vec<String> {
    let detail = app
        .get_json(&format!("/api/v1/tenants/{id}"), &who.token)
        .await;
    let listed = app
        .get_json("/api/v1/tenants?include_self=true&per_page=200", &who.token)
        .await;
    let row = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("{}: {id} is listed", who.label));
    assert_eq!(
        row["allowed_actions"], detail["allowed_actions"],
        "{}: {id}",
        who.label
    );
    serde_json::from_value(detail["allowed_actions"].clone()).unwrap()
}

/// Every action on tenant `id` in `status` as `who`. Deletion goes last; every other
/// successful change is undone before the next action.
async fn check(app: &TestApp, who: &Signed, id: i64, status: TenantStatus, n: &mut usize) {
    set_status(app, id, status).await;
    let mut before = tenant(app, id).await;
    let own = id == who.caller.tenant.0;
    let target = Target {
        own,
        status,
        allow_subtenants: before["allow_subtenants"].as_bool().unwrap(),
    };
    let listed = allowed(app, who, id).await;
    let scenario = format!(
        "{} on {} ({})",
        who.label,
        if own { "its own tenant" } else { "a customer" },
        status.as_str()
    );
    for action in TenantAction::ALL {
        *n += 1;
        let promised = listed.iter().any(|a| a == action.as_str());
        let rule = who.caller.check(action, target);
        assert_eq!(
            promised,
            rule.is_ok(),
            "{scenario}: {action:?} listed as the rule says"
        );
        let Some(response) = attempt(app, who, id, action, *n).await else {
            assert!(!promised, "{scenario}: {action:?} has no endpoint here");
            continue;
        };
        let code = response.status();
        assert_eq!(
            code.is_success(),
            promised,
            "{scenario}: {action:?} answered {code}"
        );
        if !promised {
            let problem = problem(response).await;
            let expected = rule.err().map(|r| r.code().as_str().to_owned());
            assert_eq!(
                problem["code"].as_str().map(str::to_owned),
                expected,
                "{scenario}: {action:?}"
            );
            let after = tenant(app, id).await;
            assert_eq!(
                after, before,
                "{scenario}: a refused {action:?} changes nothing"
            );
            continue;
        }
        if action.status_change().is_some() {
            // A mutation's answer carries the actions that hold after it, as a read would.
            let answer: Value = response.json().await.unwrap();
            let now: Vec<String> = allowed(app, who, id).await;
            assert_eq!(
                answer["allowed_actions"],
                json!(now),
                "{scenario}: {action:?}"
            );
        }
        match action {
            TenantAction::Delete => return,
            TenantAction::GrantSubtenants => {
                let path = format!("/api/v1/tenants/{id}");
                let undo = app
                    .patch(
                        &path,
                        &app.admin_token,
                        &json!({ "allow_subtenants": false }),
                    )
                    .await;
                assert_eq!(undo.status(), StatusCode::OK);
            }
            _ => set_status(app, id, status).await,
        }
        before = tenant(app, id).await;
    }
}

#[tokio::test]
async fn allowed_actions_are_exactly_the_actions_that_succeed() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let management = ("management", 1);
    let resold = ("reseller", reseller.id);
    let callers = vec![
        sign_in(&app, management, "admin", ADMIN_PASSWORD, Role::Admin).await,
        user(&app, management, Role::Manager).await,
        user(&app, management, Role::Viewer).await,
        sign_in(
            &app,
            resold,
            &reseller.admin,
            &reseller.password,
            Role::Admin,
        )
        .await,
        user(&app, resold, Role::Manager).await,
        user(&app, resold, Role::Viewer).await,
    ];
    let reseller_token = app.token_for(&reseller).await;
    let mut n = 0;
    for who in &callers {
        check(&app, who, who.caller.tenant.0, TenantStatus::Active, &mut n).await;
        for status in [
            TenantStatus::Active,
            TenantStatus::Suspended,
            TenantStatus::Inactive,
        ] {
            n += 1;
            let parent = match who.caller.management {
                true => &app.admin_token,
                false => &reseller_token,
            };
            let customer = app
                .create_tenant_as(parent, &format!("customer-{n}"), json!({}))
                .await;
            check(&app, who, customer.id, status, &mut n).await;
        }
    }
}

#[tokio::test]
async fn a_member_is_offered_nothing_on_its_own_tenant() {
    let app = spawn_app().await;
    let body =
        json!({ "username": "plain", "email": "p@landlord.test", "password": "member-pass-1" });
    let created = app.post("/api/v1/users", &app.admin_token, &body).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let token = app.login_ok("management", "plain", "member-pass-1").await;
    let me = app.get_json("/api/v1/auth/me", &token).await;
    assert_eq!(me["tenant"]["allowed_actions"], json!([]), "{me}");
    let admin = app.get_json("/api/v1/auth/me", &app.admin_token).await;
    assert_eq!(
        admin["tenant"]["allowed_actions"],
        json!(["update_profile", "create_subtenant", "view_audit_log"]),
        "the management administrator edits its own profile and creates customers below its own tenant"
    );
}
