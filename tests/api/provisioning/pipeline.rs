//! A pipeline with external steps: signed calls, retries with backoff by the injected
//! clock, and the tenant active when every step is done.

use super::{advance, create_step, provisioning, step, tenant_status, wait_provisioning};
use chrono::{DateTime, Duration, Utc};
use landlord_tests::landlord_domain::Clock;
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use serde_json::{Value, json};

fn at(value: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

/// Registers a webhook endpoint for every event at `receiver`.
pub(super) async fn listen_for_events(app: &TestApp, receiver: &Receiver) {
    let response = app
        .post(
            "/api/v1/webhook-endpoints",
            &app.admin_token,
            &json!({ "url": receiver.url, "event_types": ["*"] }),
        )
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
}

/// Waits for a webhook of `event_type` at `receiver`; returns its body.
pub(super) async fn wait_for_event(receiver: &Receiver, event_type: &str) -> Value {
    for _ in 0..300 {
        if let Some(event) = receiver
            .received()
            .iter()
            .map(|r| r.json())
            .find(|e| e["type"] == event_type)
        {
            return event;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no {event_type} webhook arrived");
}

#[tokio::test]
async fn a_step_that_fails_twice_then_succeeds_activates_the_tenant() {
    let mut app = spawn_app().await;
    let receiver = Receiver::start().await;
    let events = Receiver::start().await;
    listen_for_events(&app, &events).await;
    let (_, secret) = create_step(&app, "create-database", &receiver.url, json!({})).await;
    receiver.fail_next(2);
    let acme = app.create_tenant("acme").await;
    assert_eq!(acme.body["status"], "provisioning");

    for (attempts, wait) in [(1, 5), (2, 10)] {
        let pipeline = wait_provisioning(&app, acme.id, "a failed attempt", |p| {
            step(p, "create-database")["attempts"] == attempts
                && step(p, "create-database")["status"] == "pending"
        })
        .await;
        assert_eq!(pipeline["status"], "running");
        let db = step(&pipeline, "create-database");
        assert!(db["last_error"].as_str().unwrap().contains("500"), "{db}");
        let due = at(&db["next_attempt_at"]);
        let now = app.clock.now();
        assert_eq!(
            due - now,
            Duration::seconds(wait),
            "backoff after {attempts} failures: {db}"
        );
        assert_eq!(tenant_status(&app, acme.id).await, "provisioning");
        // Not before it is due.
        app.clock.advance(Duration::seconds(wait - 1));
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        assert_eq!(receiver.received().len(), attempts as usize);
        advance(&mut app, Duration::seconds(1)).await;
    }
    let pipeline = wait_provisioning(&app, acme.id, "the pipeline to succeed", |p| {
        p["status"] == "succeeded"
    })
    .await;
    let db = step(&pipeline, "create-database");
    assert_eq!(
        (
            &db["status"],
            &db["attempts"],
            &db["last_error"],
            &db["kind"]
        ),
        (
            &json!("succeeded"),
            &json!(3),
            &Value::Null,
            &json!("external")
        )
    );
    assert!(db["started_at"].is_string() && db["finished_at"].is_string());
    assert_eq!(tenant_status(&app, acme.id).await, "active");

    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert!(
        received.iter().all(|r| r.signed_by(&secret)),
        "signed with the step's secret"
    );
    assert!(
        received.iter().all(|r| r.id() == received[0].id()),
        "one message id"
    );
    let bodies: Vec<Value> = received.iter().map(|r| r.json()).collect();
    assert_eq!(
        bodies
            .iter()
            .map(|b| b["attempt"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(bodies[0]["tenant_id"], acme.id);
    assert_eq!(bodies[0]["domain"], "acme");
    assert_eq!(bodies[0]["step"], "create-database");

    let completed = wait_for_event(&events, "provisioning.completed").await;
    assert_eq!(completed["tenant_id"], acme.id);
    assert_eq!(completed["data"]["object"]["status"], "succeeded");
    // Integrations following the tenant's lifecycle hear of it as of any activation.
    let activated = wait_for_event(&events, "tenant.activated").await;
    assert_eq!(activated["data"]["object"]["id"], acme.id);
    assert_eq!(activated["data"]["object"]["status"], "active");
    assert_eq!(
        activated["data"]["previous_attributes"],
        json!({ "status": "provisioning" })
    );
    // Each failed attempt is in the audit log with when the next one is due.
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log?per_page=100", acme.id),
            &app.admin_token,
        )
        .await;
    let retries: Vec<&Value> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "provisioning.step_retry_scheduled")
        .collect();
    assert_eq!(retries.len(), 2, "{log}");
    assert!(
        retries
            .iter()
            .all(|e| e["details"]["next_attempt_at"].is_string()
                && e["details"]["step"] == "create-database"),
        "{retries:?}"
    );
}

#[tokio::test]
async fn steps_run_one_after_another_in_position_order() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    create_step(
        &app,
        "second",
        &format!("{}/2", receiver.url),
        json!({ "position": 20 }),
    )
    .await;
    create_step(
        &app,
        "first",
        &format!("{}/1", receiver.url),
        json!({ "position": 10 }),
    )
    .await;
    let acme = app.create_tenant("acme").await;
    let pipeline = wait_provisioning(&app, acme.id, "the pipeline to succeed", |p| {
        p["status"] == "succeeded"
    })
    .await;
    let names: Vec<&str> = pipeline["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "create_admin",
            "apply_policy",
            "subscribe_applications",
            "start_subscription",
            "first",
            "second"
        ]
    );
    let paths: Vec<String> = receiver.received().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/hooks/1", "/hooks/2"]);
    // A step added later leaves this tenant's pipeline as it was.
    create_step(&app, "third", &receiver.url, json!({})).await;
    assert_eq!(
        provisioning(&app, acme.id).await["steps"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
}
