//! A tenant's billing account (how it pays, its tax rate and terms) and its credit balances.

use crate::dialect;
use crate::schema::billing_accounts::dsl as a;
use crate::schema::credit_balances::dsl as c;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = crate::schema::billing_accounts, treat_none_as_null = true)]
pub struct BillingAccountRow {
    pub tenant_id: i64,
    /// `none`, `invoice` or `card`.
    pub payment_method: String,
    pub card_brand: Option<String>,
    pub card_last4: Option<String>,
    pub card_exp_month: Option<i32>,
    pub card_exp_year: Option<i32>,
    /// Who holds the card (`sandbox`), and its token there.
    pub payment_provider: Option<String>,
    pub payment_token: Option<String>,
    pub billing_email: Option<String>,
    pub tax_rate_bp: Option<i32>,
    pub payment_terms_days: i32,
    pub updated_at: Timestamp,
}

impl BillingAccountRow {
    /// The account a tenant has before anything was set: no payment method, 14 days' terms.
    pub fn empty(tenant: TenantId, now: Timestamp) -> Self {
        Self {
            tenant_id: tenant.0,
            payment_method: "none".into(),
            card_brand: None,
            card_last4: None,
            card_exp_month: None,
            card_exp_year: None,
            payment_provider: None,
            payment_token: None,
            billing_email: None,
            tax_rate_bp: None,
            payment_terms_days: 14,
            updated_at: now,
        }
    }
}

pub fn find(
    conn: &mut AnyConnection,
    tenant: TenantId,
) -> Result<Option<BillingAccountRow>, StoreError> {
    Ok(a::billing_accounts
        .find(tenant.0)
        .select(BillingAccountRow::as_select())
        .first(conn)
        .optional()?)
}

/// Writes the whole account, creating it if needed.
pub fn save(conn: &mut AnyConnection, row: &BillingAccountRow) -> Result<(), StoreError> {
    let updated = diesel::update(a::billing_accounts.find(row.tenant_id))
        .set(row)
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(a::billing_accounts)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// The tenant's credit balance in `currency` (0 when it has none).
pub fn credit_balance(
    conn: &mut AnyConnection,
    tenant: TenantId,
    currency: &str,
) -> Result<i64, StoreError> {
    Ok(c::credit_balances
        .filter(c::tenant_id.eq(tenant.0))
        .filter(c::currency.eq(currency))
        .select(c::balance_minor)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Adds `delta` (negative to consume) to the tenant's balance in `currency`; the CHECK keeps
/// it from going below zero.
pub fn add_credit(
    conn: &mut AnyConnection,
    tenant: TenantId,
    currency: &str,
    delta: i64,
) -> Result<(), StoreError> {
    if delta == 0 {
        return Ok(());
    }
    if delta < 0 {
        // Consuming needs a balance: the row exists, and the CHECK refuses going below zero.
        // (An upsert would check its insert values, a negative balance, first.)
        let updated = diesel::update(c::credit_balances.find((tenant.0, currency)))
            .set(c::balance_minor.eq(c::balance_minor + delta))
            .execute(conn)?;
        if updated == 0 {
            return Err(StoreError::Corrupt(format!(
                "no {currency} credit balance to consume"
            )));
        }
        return Ok(());
    }
    dialect::upsert_credit(conn, tenant.0, currency, delta)?;
    Ok(())
}
