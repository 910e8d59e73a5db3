use crate::api::ApiError;
use leptos::prelude::*;

/// An error message, with the request id to quote when reporting it.
#[component]
pub fn ErrorAlert(
    error: ApiError,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let request_id = match &error {
        ApiError::Problem(p) => p.request_id.clone(),
        _ => None,
    };
    view! {
        <div class="alert alert-error" role="alert" data-testid=testid>
            <p>{error.message()}</p>
            {request_id.map(|id| view! { <p class="alert-meta">"Request id: " <code>{id}</code></p> })}
        </div>
    }
}

/// The fallback of an `ErrorBoundary`: every error it caught, as alerts.
pub fn error_list(errors: ArcRwSignal<Errors>, testid: &'static str) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert" data-testid=testid>
            {move || errors.with(|errors| errors.iter().map(|(_, e)| view! { <p>{e.to_string()}</p> }).collect::<Vec<_>>())}
        </div>
    }
}
