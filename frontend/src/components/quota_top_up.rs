//! A quota's top-ups in the Capabilities tab: the active ones under the usage bar (what each
//! has left, until when), and the "Top up" form (an amount, an optional last day).

use crate::api::{ApiError, capabilities};
use crate::components::alert::ErrorAlert;
use crate::format;
use chrono::{NaiveDate, TimeZone, Utc};
use landlord_domain::wire::TopUpView;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How one active top-up reads: "2 of 5 left, until 2027-01-01".
pub fn top_up_text(top_up: &TopUpView) -> String {
    let left = top_up.remaining.unwrap_or(0);
    let until = top_up
        .expires_at
        .map(|at| format!(", until {}", at.format("%Y-%m-%d %H:%M UTC")))
        .unwrap_or_default();
    format!(
        "Top-up: {} of {} left{until}",
        format::number(left),
        format::number(top_up.amount)
    )
}

#[component]
pub fn TopUpList(top_ups: Vec<TopUpView>) -> impl IntoView {
    (!top_ups.is_empty()).then(|| {
        view! {
            <ul class="top-ups" data-testid="quota-top-ups">
                {top_ups.iter().map(|t| view! {
                    <li class="muted" data-testid="quota-top-up" data-remaining=t.remaining.unwrap_or(0).to_string()>
                        {top_up_text(t)}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn TopUpForm(
    tenant: i64,
    key: String,
    editing: RwSignal<bool>,
    changed: Callback<()>,
    failed: Callback<ApiError>,
) -> impl IntoView {
    let amount = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let invalid = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let key = StoredValue::new(key);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        invalid.set(false);
        let Ok(n) = amount.get().trim().parse::<i64>() else {
            invalid.set(true);
            return;
        };
        if n < 1 {
            invalid.set(true);
            return;
        }
        // A last day given as a date: the top-up counts until the end of that day, UTC.
        let expires_at = NaiveDate::parse_from_str(until.get().trim(), "%Y-%m-%d")
            .ok()
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| Utc.from_utc_datetime(&t));
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = capabilities::create_top_up(tenant, &key.get_value(), n, expires_at).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    editing.set(false);
                    changed.run(());
                }
                Err(e @ ApiError::Problem(_)) => error.set(Some(e)),
                Err(e) => failed.run(e),
            }
        });
    };
    view! {
        <form class="quota-override" data-testid="quota-top-up-form" on:submit=save>
            <label class="field-inline">
                <span>"Amount"</span>
                <input type="number" min="1" step="1" data-testid="quota-top-up-amount"
                    prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
            </label>
            <label class="field-inline">
                <span>"Last day (optional)"</span>
                <input type="date" data-testid="quota-top-up-until"
                    prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="button button-primary button-small" data-testid="quota-top-up-save" disabled=move || busy.get()>
                "Top up"
            </button>
            {move || invalid.get().then(|| view! {
                <p class="field-error" data-testid="quota-top-up-error">"A whole number, 1 or more."</p>
            })}
            {move || error.get().map(|error| view! { <ErrorAlert error testid="quota-top-up-problem" /> })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_top_up_reads_as_what_is_left_and_until_when() {
        let created_at = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let mut top_up = TopUpView {
            id: 1,
            amount: 500,
            remaining: Some(120),
            expires_at: None,
            created_at,
            revoked_at: None,
        };
        assert_eq!(top_up_text(&top_up), "Top-up: 120 of 500 left");
        top_up.expires_at = Some(Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap());
        assert_eq!(
            top_up_text(&top_up),
            "Top-up: 120 of 500 left, until 2027-01-01 00:00 UTC"
        );
    }
}
