//! The sign-in handler's side of throttling: runs the operations on a blocking thread and
//! answers a refusal with 429 and `Retry-After`.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::web;
use landlord_operations::sign_in_throttle::{self, Admitted, SignInAttempt};
use landlord_operations::{Context, OpError};

/// Admits the attempt (charging it one failure in advance), or refuses it with 429.
pub async fn admit(
    state: &AppState,
    ctx: &Context,
    attempt: &SignInAttempt,
) -> ApiResult<Admitted> {
    let (db, ctx, attempt) = (state.db.clone(), ctx.clone(), attempt.clone());
    web::block(move || sign_in_throttle::admit(&ctx, &db, &attempt))
        .await?
        .map_err(api_error)
}

/// Clears the attempt's account streak and refunds its address after it signed in.
pub async fn succeeded(state: &AppState, ctx: &Context, admitted: Admitted) -> ApiResult<()> {
    let (db, ctx) = (state.db.clone(), ctx.clone());
    web::block(move || sign_in_throttle::succeeded(&ctx, &db, &admitted))
        .await?
        .map_err(api_error)
}

/// What these two operations can fail with, as the API answers it.
fn api_error(err: OpError) -> ApiError {
    match err {
        OpError::TooManyAttempts {
            retry_after_secs,
            detail,
        } => ApiError::TooManyRequests {
            retry_after_secs,
            detail,
        },
        OpError::Store(err) => err.into(),
        other => ApiError::Internal(other.to_string()),
    }
}
