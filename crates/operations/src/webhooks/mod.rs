//! Webhook endpoints and deliveries: registering, changing and removing endpoints, rotating
//! their secrets, sending test events and resending deliveries, each one transaction with
//! its audit record; the reads behind the API's lists; and the delivery [`worker`].
//!
//! Who: the management tenant and tenants allowed subtenants register endpoints, which
//! receive the events of their tenant's whole subtree. An endpoint belongs to the tenant
//! that registered it; to everyone else (ancestors included) it does not exist (404).

mod create;
mod delete;
pub(crate) mod destination;
mod queries;
mod resend;
mod rotate_secret;
mod send_test;
mod update;
pub mod worker;

pub use create::create;
pub use delete::delete;
pub use destination::check_url;
pub use queries::{get_endpoint, list_deliveries, list_endpoints};
pub use resend::resend;
pub use rotate_secret::rotate_secret;
pub use send_test::send_test;
pub use update::update;

use crate::context::Caller;
use crate::error::{OpError, OpResult};
use landlord_domain::webhook::{SECRET_BYTES, WebhookSecret};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::AnyConnection;
use landlord_persistence::webhooks::{EndpointRow, endpoints};

/// Whether the caller may work with webhooks at all, with `permission`.
fn require(caller: &Caller, permission: Permission) -> OpResult<()> {
    caller.require(permission)?;
    if caller.may_have_subtenants() {
        Ok(())
    } else {
        Err(OpError::forbidden(
            ErrorCode::SubtenantsNotAllowed,
            "webhook endpoints are for the management tenant and tenants allowed subtenants",
        ))
    }
}

/// The caller's tenant's endpoint `id`; anyone else's is not found.
fn owned(conn: &mut AnyConnection, caller: &Caller, id: i64) -> OpResult<EndpointRow> {
    endpoints::find_owned(conn, caller.tenant_id, id)?.ok_or(OpError::NotFound("webhook endpoint"))
}

/// A new secret: `whsec_` and the base64 of [`SECRET_BYTES`] random bytes.
pub(crate) fn new_secret() -> OpResult<String> {
    use rand::RngCore;
    let mut key = vec![0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut key);
    WebhookSecret::from_key(key)
        .map(|s| s.expose())
        .map_err(|e| OpError::Internal(e.to_string()))
}

fn disabled(endpoint: &EndpointRow) -> OpError {
    let detail = match &endpoint.disabled_reason {
        Some(reason) => format!("the endpoint is disabled ({reason}); enable it first"),
        None => "the endpoint is disabled; enable it first".to_owned(),
    };
    OpError::conflict(ErrorCode::EndpointDisabled, detail)
}
