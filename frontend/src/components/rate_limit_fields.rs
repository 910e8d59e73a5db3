//! A customer's request-rate limit (seed 003, "Limiting subtenant request rate"): requests
//! per second and how many may wait, each blank for the system default or -1 for off. Only
//! the customer's parent sets them, so the forms show these fields to the parent alone.

use crate::components::fields::{FormErrors, TextField};
use leptos::prelude::*;

/// The two fields as typed.
#[derive(Clone, Copy)]
pub struct RateLimit {
    pub requests: RwSignal<String>,
    pub queue: RwSignal<String>,
}

impl RateLimit {
    pub fn of(requests: Option<i64>, queue: Option<i64>) -> Self {
        let text = |v: Option<i64>| RwSignal::new(v.map(|v| v.to_string()).unwrap_or_default());
        Self {
            requests: text(requests),
            queue: text(queue),
        }
    }

    pub fn requests(&self) -> Option<i64> {
        limit_value(&self.requests.get_untracked())
    }

    pub fn queue(&self) -> Option<i64> {
        limit_value(&self.queue.get_untracked())
    }
}

/// Blank is "the system default" (`None`); text that is no whole number becomes a value
/// every range refuses, so the form's check names the field like the server would.
pub fn limit_value(text: &str) -> Option<i64> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse::<i64>().unwrap_or(i64::MIN))
}

/// How the customer's limit reads in its overview.
pub fn describe(requests: Option<i64>, queue: Option<i64>) -> String {
    let rate = match requests {
        None => "system default".to_owned(),
        Some(-1) => "unlimited".to_owned(),
        Some(n) => format!("{n} requests/s"),
    };
    match (requests, queue) {
        (Some(-1), _) | (None, None) => rate,
        (_, None) => format!("{rate}, queue: system default"),
        (_, Some(-1)) => format!("{rate}, none may wait"),
        (_, Some(q)) => format!("{rate}, up to {q} waiting"),
    }
}

#[component]
pub fn RateLimitFields(form: &'static str, limit: RateLimit, errors: FormErrors) -> impl IntoView {
    view! {
        <fieldset class="form-section">
            <legend>"Request rate"</legend>
            <TextField
                label="Requests per second"
                field="limit_http_requests"
                value=limit.requests
                testid=format!("{form}-limit-requests")
                errors
                input_type="number"
                hint="Blank: the system default. -1: unlimited."
            />
            <TextField
                label="Waiting requests"
                field="limit_http_queue"
                value=limit.queue
                testid=format!("{form}-limit-queue")
                errors
                input_type="number"
                hint="Served when the rate allows; more get 429. Blank: the system default. -1: none."
            />
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_the_default_and_words_are_refused() {
        assert_eq!(limit_value(" "), None);
        assert_eq!(limit_value("12"), Some(12));
        assert_eq!(limit_value("-1"), Some(-1));
        assert_eq!(limit_value("fast"), Some(i64::MIN));
    }

    #[test]
    fn the_overview_reads_the_limit() {
        assert_eq!(describe(None, None), "system default");
        assert_eq!(describe(Some(-1), Some(5)), "unlimited");
        assert_eq!(
            describe(Some(10), Some(5)),
            "10 requests/s, up to 5 waiting"
        );
        assert_eq!(describe(Some(10), Some(-1)), "10 requests/s, none may wait");
        assert_eq!(
            describe(Some(10), None),
            "10 requests/s, queue: system default"
        );
    }
}
