//! Webhook history is kept for the configured number of days: then the worker deletes
//! finished deliveries and the events no delivery needs, and keeps what is still pending.

use super::{advance, attempts, create_endpoint, wait_deliveries};
use chrono::Duration;
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The public ids of every stored event.
fn stored_events(app: &TestApp) -> Vec<String> {
    app.db
        .read(|conn| {
            use diesel::prelude::*;
            use landlord_persistence::schema::events::dsl as e;
            e::events
                .order(e::id.asc())
                .select(e::public_id)
                .load::<String>(conn)
                .map_err(landlord_persistence::StoreError::from)
        })
        .unwrap()
}

/// Waits (up to 15 s) until the worker has fanned out every stored event.
async fn wait_dispatched(app: &TestApp) {
    for _ in 0..300 {
        let undispatched = app
            .db
            .read(|conn| {
                use diesel::prelude::*;
                use landlord_persistence::schema::events::dsl as e;
                e::events
                    .filter(e::dispatched_at.is_null())
                    .count()
                    .get_result::<i64>(conn)
                    .map_err(landlord_persistence::StoreError::from)
            })
            .unwrap();
        if undispatched == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("events were not dispatched");
}

fn event_ids(deliveries: &[Value]) -> Vec<String> {
    deliveries
        .iter()
        .map(|d| d["event_id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn finished_history_older_than_the_retention_goes_and_pending_deliveries_stay() {
    let mut app = spawn_app_configured(None, |args| args.webhook_retention_days = 10).await;
    // An event no endpoint hears: dispatched with no delivery at all.
    app.create_tenant("unheard").await;
    wait_dispatched(&app).await;
    let (healthy, failing) = (Receiver::start().await, Receiver::start().await);
    let (ok_id, _) = create_endpoint(&app, &app.admin_token, &healthy.url, &["*"]).await;
    let (failing_id, _) = create_endpoint(&app, &app.admin_token, &failing.url, &["*"]).await;
    failing.fail_next(1_000);
    app.create_tenant("old").await;
    let old = wait_deliveries(&app, ok_id, "the old event delivered", |d| {
        d.len() == 1 && d[0]["status"] == "succeeded"
    })
    .await;
    let pending = wait_deliveries(&app, failing_id, "a failed first attempt", |d| {
        d.len() == 1 && attempts(&d[0]) == 1
    })
    .await;
    // Disabled, its pending delivery waits (unclaimed) however long.
    let disabled = app
        .patch(
            &format!("/api/v1/webhook-endpoints/{failing_id}"),
            &app.admin_token,
            &json!({ "enabled": false }),
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    let before = stored_events(&app);
    assert_eq!(before.len(), 2, "{before:?}");

    // Nine days on, nothing is old enough yet.
    advance(&mut app, Duration::days(9)).await;
    app.create_tenant("nine-days").await;
    wait_deliveries(&app, ok_id, "the nine-day event delivered", |d| {
        d.len() == 2 && d.iter().all(|d| d["status"] == "succeeded")
    })
    .await;
    assert_eq!(stored_events(&app).len(), 3);

    // Two days more (the purge runs hourly by the clock): the old delivery and the unheard
    // event are past ten days; the pending delivery and its event stay, and so does what is
    // younger.
    advance(&mut app, Duration::days(2)).await;
    let kept = wait_deliveries(&app, ok_id, "the old delivery purged", |d| d.len() == 1).await;
    assert_ne!(event_ids(&kept), event_ids(&old));
    let still_pending =
        wait_deliveries(&app, failing_id, "the pending one", |d| d.len() == 1).await;
    assert_eq!(event_ids(&still_pending), event_ids(&pending));
    assert_eq!(still_pending[0]["status"], "pending");
    assert_eq!(
        attempts(&still_pending[0]),
        1,
        "its attempts are kept with it"
    );
    let events = stored_events(&app);
    assert_eq!(
        events,
        [event_ids(&pending), event_ids(&kept)].concat(),
        "the unheard event went; the pending delivery's and the nine-day one stay"
    );
    assert_eq!(before[1], event_ids(&pending)[0]);
}
