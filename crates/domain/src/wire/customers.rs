use super::TenantView;
use crate::money::Currency;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An amount of money in one currency.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyView {
    /// Exact decimal amount, e.g. `"19.90"`.
    pub amount: String,
    pub currency: Currency,
}

/// The four cards above the Customers list, for everything the caller may see (their
/// subtenants, not their own tenant). Maintained as changes commit, so it is always exact.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerSummary {
    pub total_customers: i64,
    pub companies: i64,
    pub individuals: i64,
    /// Users of all customers combined.
    pub users: i64,
    /// Paid invoices, one entry per currency, largest first.
    pub revenue: Vec<MoneyView>,
    /// Monthly recurring revenue of the active and past-due subscriptions to the caller's
    /// plans, per currency, largest first: each at its plan's current price for its cycle,
    /// a quarter or year counted as a third or a twelfth a month.
    pub mrr: Vec<MoneyView>,
}

/// Billing details on file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillingInfo {
    /// e.g. `Visa •••• 4242`.
    pub payment_method: Option<String>,
    pub address: Option<String>,
}

/// One event in a customer's account history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    /// `created`, `suspended`, `activated`, `deactivated` or `order`.
    pub kind: String,
    pub summary: String,
}

/// A tenant with everything its detail panel shows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantDetail {
    #[serde(flatten)]
    pub tenant: TenantView,
    pub billing: BillingInfo,
    /// Creation, status changes and notable orders, newest first.
    pub history: Vec<HistoryEntry>,
    /// Support-user access (seed 003): shown to the management tenant, `null` to others.
    #[serde(default)]
    pub support_access: Option<super::SupportAccessView>,
}

/// One hit of the global search palette.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    /// `tenant`, `user`, `order`, `invoice` or `ticket`.
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub subtitle: String,
    /// The admin-app path to open, e.g. `/customers/42` or `/orders?tenant=42`.
    pub link: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
}
