//! A customer's support tickets on the wire.

use super::common::{FieldErrors, integer};
use crate::support::{TicketPriority, TicketStatus};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A customer's support ticket.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketView {
    pub id: i64,
    pub tenant_id: i64,
    /// The customer's name, read with the row: a list names every row's customer as is.
    pub tenant_name: String,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: TicketPriority,
    pub created_at: DateTime<Utc>,
}

/// Open a support ticket. `status` defaults to `open`, `priority` to `normal`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"tenant_id": 2, "subject": "Cannot export the customer list", "priority": "high"})))]
pub struct CreateTicketRequest {
    #[serde(deserialize_with = "integer::required")]
    pub tenant_id: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\s\S]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][\s\S]*$",
            min_length = 1,
            max_length = 200
        )
    )]
    pub subject: String,
    #[serde(default)]
    pub status: Option<TicketStatus>,
    #[serde(default)]
    pub priority: Option<TicketPriority>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

impl CreateTicketRequest {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::default();
        // Counted as sent, as the OpenAPI document's `maxLength` counts; stored trimmed.
        let subject = self.subject.trim();
        if subject.is_empty() {
            e.push("subject", "blank", "must not be blank");
        } else if self.subject.chars().count() > 200 {
            e.push("subject", "too_long", "must be at most 200 characters long");
        }
        e.into_result()?;
        Ok(subject.to_owned())
    }
}
