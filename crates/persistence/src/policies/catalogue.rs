//! Tenant policies: their options and rules, and the tenants created with them.

use super::RuleRow;
use crate::schema::tenant_policies::dsl as p;
use crate::schema::tenant_policy_links::dsl as l;
use crate::schema::tenant_policy_options::dsl as po;
use crate::schema::tenant_policy_rules::dsl as pr;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::tenant_policies)]
pub struct PolicyRow {
    pub id: i64,
    pub owner_tenant_id: i64,
    pub name: String,
    pub description: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One option of a policy (a credential's value already encrypted).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::tenant_policy_options)]
pub struct PolicyOptionRow {
    pub policy_id: i64,
    pub category: String,
    pub option_key: String,
    pub value: String,
    pub encrypted: bool,
    pub locked: bool,
}

/// Which policy a tenant was created with.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::tenant_policy_links)]
pub struct PolicyLinkRow {
    pub tenant_id: i64,
    pub policy_id: i64,
    pub linked: bool,
    pub applied_at: Timestamp,
}

pub fn insert_policy(
    conn: &mut AnyConnection,
    owner: i64,
    name: &str,
    description: &str,
    at: Timestamp,
) -> Result<PolicyRow, StoreError> {
    Ok(diesel::insert_into(p::tenant_policies)
        .values((
            p::owner_tenant_id.eq(owner),
            p::name.eq(name),
            p::description.eq(description),
            p::created_at.eq(at),
            p::updated_at.eq(at),
        ))
        .returning(crate::schema::tenant_policies::all_columns)
        .get_result(conn)?)
}

pub fn update_policy(
    conn: &mut AnyConnection,
    id: i64,
    name: &str,
    description: &str,
    at: Timestamp,
) -> Result<PolicyRow, StoreError> {
    Ok(diesel::update(p::tenant_policies.find(id))
        .set((
            p::name.eq(name),
            p::description.eq(description),
            p::updated_at.eq(at),
        ))
        .returning(crate::schema::tenant_policies::all_columns)
        .get_result(conn)?)
}

pub fn delete_policy(conn: &mut AnyConnection, id: i64) -> Result<usize, StoreError> {
    Ok(diesel::delete(p::tenant_policies.find(id)).execute(conn)?)
}

/// The owner's policy `id`.
pub fn find_policy(
    conn: &mut AnyConnection,
    owner: i64,
    id: i64,
) -> Result<Option<PolicyRow>, StoreError> {
    Ok(p::tenant_policies
        .filter(p::owner_tenant_id.eq(owner))
        .filter(p::id.eq(id))
        .select(PolicyRow::as_select())
        .first(conn)
        .optional()?)
}

/// The policy `id`, whoever owns it.
pub fn policy_by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<PolicyRow>, StoreError> {
    Ok(p::tenant_policies
        .find(id)
        .select(PolicyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Whether the owner has another policy named `name`.
pub fn name_taken(
    conn: &mut AnyConnection,
    owner: i64,
    name: &str,
    except: Option<i64>,
) -> Result<bool, StoreError> {
    let n: i64 = p::tenant_policies
        .filter(p::owner_tenant_id.eq(owner))
        .filter(p::name.eq(name))
        .filter(p::id.ne(except.unwrap_or(0)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The owner's policies, by name.
pub fn policies_of(conn: &mut AnyConnection, owner: i64) -> Result<Vec<PolicyRow>, StoreError> {
    Ok(p::tenant_policies
        .filter(p::owner_tenant_id.eq(owner))
        .order((p::name, p::id))
        .select(PolicyRow::as_select())
        .load(conn)?)
}

/// How many options and rules each of `ids` has: (policy, options, rules).
pub fn counts(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    let options: Vec<(i64, i64)> = po::tenant_policy_options
        .filter(po::policy_id.eq_any(ids))
        .group_by(po::policy_id)
        .select((po::policy_id, diesel::dsl::count_star()))
        .load(conn)?;
    let rules: Vec<(i64, i64)> = pr::tenant_policy_rules
        .filter(pr::policy_id.eq_any(ids))
        .group_by(pr::policy_id)
        .select((pr::policy_id, diesel::dsl::count_star()))
        .load(conn)?;
    let of = |list: &[(i64, i64)], id: i64| list.iter().find(|(p, _)| *p == id).map_or(0, |x| x.1);
    Ok(ids
        .iter()
        .map(|&id| (id, of(&options, id), of(&rules, id)))
        .collect())
}

pub fn policy_options(
    conn: &mut AnyConnection,
    policy: i64,
) -> Result<Vec<PolicyOptionRow>, StoreError> {
    Ok(po::tenant_policy_options
        .filter(po::policy_id.eq(policy))
        .order((po::category, po::option_key))
        .select(PolicyOptionRow::as_select())
        .load(conn)?)
}

pub fn policy_rules(conn: &mut AnyConnection, policy: i64) -> Result<Vec<RuleRow>, StoreError> {
    let rows: Vec<(String, Option<String>, i64)> = pr::tenant_policy_rules
        .filter(pr::policy_id.eq(policy))
        .order(pr::id)
        .select((pr::data_type, pr::filter, pr::max_age_days))
        .load(conn)?;
    Ok(rows.into_iter().map(RuleRow::from).collect())
}

/// Replaces the policy's options and rules.
pub fn set_policy_contents(
    conn: &mut AnyConnection,
    policy: i64,
    options: &[PolicyOptionRow],
    rules: &[RuleRow],
) -> Result<(), StoreError> {
    diesel::delete(po::tenant_policy_options.filter(po::policy_id.eq(policy))).execute(conn)?;
    diesel::delete(pr::tenant_policy_rules.filter(pr::policy_id.eq(policy))).execute(conn)?;
    for option in options {
        diesel::insert_into(po::tenant_policy_options)
            .values(option)
            .execute(conn)?;
    }
    for rule in rules {
        diesel::insert_into(pr::tenant_policy_rules)
            .values((
                pr::policy_id.eq(policy),
                pr::data_type.eq(&rule.data_type),
                pr::filter.eq(&rule.filter),
                pr::max_age_days.eq(rule.max_age_days),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records (or replaces) which policy the tenant has.
pub fn set_link(conn: &mut AnyConnection, link: &PolicyLinkRow) -> Result<(), StoreError> {
    diesel::delete(l::tenant_policy_links.find(link.tenant_id)).execute(conn)?;
    diesel::insert_into(l::tenant_policy_links)
        .values(link)
        .execute(conn)?;
    Ok(())
}

pub fn link_of(conn: &mut AnyConnection, tenant: i64) -> Result<Option<PolicyLinkRow>, StoreError> {
    Ok(l::tenant_policy_links
        .find(tenant)
        .select(PolicyLinkRow::as_select())
        .first(conn)
        .optional()?)
}

/// The tenants that stay linked to `policy`.
pub fn linked_tenants(conn: &mut AnyConnection, policy: i64) -> Result<Vec<i64>, StoreError> {
    Ok(l::tenant_policy_links
        .filter(l::policy_id.eq(policy))
        .filter(l::linked.eq(true))
        .order(l::tenant_id)
        .select(l::tenant_id)
        .load(conn)?)
}
