//! The retry schedule and what happens when it runs out, with the clock moved by the test.

use super::{advance, attempts, create_endpoint, wait_deliveries};
use chrono::{DateTime, Duration, Utc};
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use serde_json::{Value, json};

/// The nominal waits after each failed attempt, in seconds.
const SCHEDULE: [i64; 6] = [5, 300, 1800, 7200, 18000, 36000];

/// Just past a retry's latest moment: its wait lengthened by the largest jitter (10 %).
fn past(wait_secs: i64) -> Duration {
    Duration::milliseconds(wait_secs * 1100 + 1000)
}

fn at(value: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn a_receiver_that_fails_twice_gets_the_event_on_the_third_attempt() {
    let mut app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (id, _) = create_endpoint(&app, &app.admin_token, &receiver.url, &["*"]).await;
    receiver.fail_next(2);
    app.post(
        &format!("/api/v1/webhook-endpoints/{id}/test"),
        &app.admin_token,
        &json!({}),
    )
    .await;

    for (failures, wait) in [(1, SCHEDULE[0]), (2, SCHEDULE[1])] {
        let log = wait_deliveries(&app, id, "a failed attempt", |d| {
            attempts(&d[0]) == failures
        })
        .await;
        let delivery = &log[0];
        assert_eq!(delivery["status"], "pending");
        let attempt = &delivery["attempts"][failures - 1];
        assert_eq!(attempt["response_status"], 500);
        assert!(
            attempt["error"].as_str().unwrap().contains("500"),
            "{attempt}"
        );
        assert_eq!(attempt["response_body"], "receiver is failing on purpose");
        let due = at(&delivery["next_attempt_at"]) - at(&attempt["at"]);
        assert!(
            due >= Duration::seconds(wait) && due <= Duration::milliseconds(wait * 1100),
            "retry {failures} is due after {due}, not about {wait} s: {delivery}"
        );
        advance(&mut app, past(wait)).await;
    }
    let log = wait_deliveries(&app, id, "the third attempt", |d| {
        d[0]["status"] == "succeeded"
    })
    .await;
    let statuses: Vec<i64> = log[0]["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["response_status"].as_i64().unwrap())
        .collect();
    assert_eq!(statuses, [500, 500, 200]);
    assert_eq!(log[0]["next_attempt_at"], Value::Null);
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| r.id() == received[0].id()));
}

/// Fails the newest delivery through its whole schedule: seven attempts.
async fn fail_for_good(app: &mut TestApp, endpoint: i64) {
    for tried in 1..=7 {
        wait_deliveries(app, endpoint, "the next failed attempt", |d| {
            attempts(&d[0]) == tried
        })
        .await;
        if let Some(wait) = SCHEDULE.get(tried - 1) {
            advance(app, past(*wait)).await;
        }
    }
    wait_deliveries(app, endpoint, "a failed delivery", |d| {
        d[0]["status"] == "failed"
    })
    .await;
}

#[tokio::test]
async fn an_endpoint_failing_for_five_days_is_disabled_with_a_reason() {
    let mut app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (id, _) = create_endpoint(&app, &app.admin_token, &receiver.url, &["*"]).await;
    let path = format!("/api/v1/webhook-endpoints/{id}");
    receiver.fail_next(usize::MAX);
    app.post(&format!("{path}/test"), &app.admin_token, &json!({}))
        .await;
    fail_for_good(&mut app, id).await;
    let endpoint = app.get_json(&path, &app.admin_token).await;
    assert_eq!(
        endpoint["enabled"], true,
        "under a day of failures disables nothing"
    );
    let failed = app
        .get_json(
            &format!("{path}/deliveries?status=failed"),
            &app.admin_token,
        )
        .await;
    assert_eq!(failed["total"], 1);
    assert_eq!(failed["items"][0]["next_attempt_at"], Value::Null);

    advance(&mut app, Duration::days(5)).await;
    app.post(&format!("{path}/test"), &app.admin_token, &json!({}))
        .await;
    fail_for_good(&mut app, id).await;
    let endpoint = app.get_json(&path, &app.admin_token).await;
    assert_eq!(endpoint["enabled"], false);
    let reason = endpoint["disabled_reason"].as_str().unwrap();
    assert!(reason.contains("5 days"), "{reason}");
    assert_eq!(receiver.received().len(), 14);

    let enabled = app
        .patch(&path, &app.admin_token, &json!({ "enabled": true }))
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        (&enabled["enabled"], &enabled["disabled_reason"]),
        (&json!(true), &Value::Null)
    );
}
