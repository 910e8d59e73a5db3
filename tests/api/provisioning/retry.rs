//! A step that fails for good: the tenant inactive with the failure shown, then "run
//! provisioning again" or "mark as active".

use super::pipeline::{listen_for_events, wait_for_event};
use super::{advance, create_step, step, tenant_status, wait_provisioning};
use chrono::Duration;
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A tenant whose `first` step (of `first`, `second`) has failed for good after two attempts.
async fn failed_tenant(app: &mut TestApp, receiver: &Receiver) -> Created {
    create_step(
        app,
        "first",
        &format!("{}/1", receiver.url),
        json!({ "max_attempts": 2 }),
    )
    .await;
    create_step(app, "second", &format!("{}/2", receiver.url), json!({})).await;
    receiver.fail_next(usize::MAX);
    let acme = app.create_tenant("acme").await;
    wait_provisioning(app, acme.id, "the first attempt", |p| {
        step(p, "first")["attempts"] == 1 && step(p, "first")["status"] == "pending"
    })
    .await;
    advance(app, Duration::seconds(5)).await;
    let pipeline = wait_provisioning(app, acme.id, "the step to fail", |p| {
        p["status"] == "failed"
    })
    .await;
    let first = step(&pipeline, "first");
    assert_eq!(
        (&first["status"], &first["attempts"]),
        (&json!("failed"), &json!(2))
    );
    assert!(
        first["last_error"].as_str().unwrap().contains("500"),
        "{first}"
    );
    assert_eq!(step(&pipeline, "second")["status"], "pending");
    assert_eq!(tenant_status(app, acme.id).await, "inactive");
    acme
}

#[tokio::test]
async fn a_step_failing_for_good_leaves_the_tenant_inactive_and_running_again_completes_it() {
    let mut app = spawn_app().await;
    let receiver = Receiver::start().await;
    let events = Receiver::start().await;
    listen_for_events(&app, &events).await;
    let acme = failed_tenant(&mut app, &receiver).await;
    let failed = wait_for_event(&events, "provisioning.step_failed").await;
    assert_eq!(failed["tenant_id"], acme.id);
    assert_eq!(failed["data"]["object"]["failed_step"], "first");
    let deactivated = wait_for_event(&events, "tenant.deactivated").await;
    assert_eq!(deactivated["data"]["object"]["status"], "inactive");
    assert_eq!(
        deactivated["data"]["previous_attributes"],
        json!({ "status": "provisioning" })
    );
    assert_eq!(receiver.received().len(), 2, "the second step never ran");

    receiver.fail_next(0);
    // Held, so the tenant is seen provisioning before the steps end.
    receiver.hold();
    let path = format!("/api/v1/tenants/{}/provisioning/retry", acme.id);
    let response = app.post(&path, &app.admin_token, &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let running: Value = response.json().await.unwrap();
    assert_eq!(running["status"], "running");
    assert_eq!(
        step(&running, "first")["attempts"],
        0,
        "a fresh set of attempts"
    );
    assert_eq!(tenant_status(&app, acme.id).await, "provisioning");
    receiver.release();

    let pipeline = wait_provisioning(&app, acme.id, "the pipeline to succeed", |p| {
        p["status"] == "succeeded"
    })
    .await;
    assert_eq!(step(&pipeline, "first")["attempts"], 1);
    assert_eq!(step(&pipeline, "second")["attempts"], 1);
    assert_eq!(step(&pipeline, "create_admin")["status"], "succeeded");
    assert_eq!(tenant_status(&app, acme.id).await, "active");
    let paths: Vec<String> = receiver.received().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/hooks/1", "/hooks/1", "/hooks/1", "/hooks/2"]);

    // Nothing failed now: neither action applies.
    let again = app.post(&path, &app.admin_token, &json!({})).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(problem(again).await["code"], "provisioning_not_failed");
    let missing = app
        .post(
            "/api/v1/tenants/999999/provisioning/mark-active",
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn mark_as_active_skips_the_unfinished_steps_with_a_warning_and_an_audit_record() {
    let mut app = spawn_app().await;
    let receiver = Receiver::start().await;
    let acme = failed_tenant(&mut app, &receiver).await;
    let path = format!("/api/v1/tenants/{}/provisioning/mark-active", acme.id);
    let response = app.post(&path, &app.admin_token, &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let answer: Value = response.json().await.unwrap();
    assert!(
        answer["warning"]
            .as_str()
            .unwrap()
            .contains("never completed"),
        "{answer}"
    );
    assert_eq!(answer["skipped_steps"], json!(["first", "second"]));
    assert_eq!(answer["status"], "succeeded");
    assert_eq!(step(&answer, "first")["status"], "skipped");
    assert!(
        step(&answer, "first")["last_error"].as_str().is_some(),
        "the failure stays visible"
    );
    assert_eq!(step(&answer, "second")["status"], "skipped");
    assert_eq!(step(&answer, "create_admin")["status"], "succeeded");
    assert_eq!(tenant_status(&app, acme.id).await, "active");

    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log", acme.id),
            &app.admin_token,
        )
        .await;
    let entry = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "provisioning.marked_active")
        .unwrap_or_else(|| panic!("no audit record: {log}"));
    assert_eq!(
        entry["details"]["skipped_steps"],
        json!(["first", "second"])
    );

    // The skipped step never runs, and the action does not apply twice.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert_eq!(receiver.received().len(), 2);
    let again = app.post(&path, &app.admin_token, &json!({})).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(problem(again).await["code"], "provisioning_not_failed");
    let missing = app
        .post(
            "/api/v1/tenants/999999/provisioning/mark-active",
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}
