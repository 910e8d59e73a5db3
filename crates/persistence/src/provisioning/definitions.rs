//! The operator's external steps, in the order they run.

use super::{DefinitionRow, NewDefinitionRow};
use crate::schema::provisioning_steps::dsl as p;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::listing::PageRequest;

pub fn insert(
    conn: &mut AnyConnection,
    row: NewDefinitionRow,
) -> Result<DefinitionRow, StoreError> {
    Ok(diesel::insert_into(p::provisioning_steps)
        .values(row)
        .returning(crate::schema::provisioning_steps::all_columns)
        .get_result(conn)?)
}

pub fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<DefinitionRow>, StoreError> {
    Ok(p::provisioning_steps
        .filter(p::id.eq(id))
        .select(DefinitionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Whether a step is named `name`.
pub fn name_taken(conn: &mut AnyConnection, name: &str) -> Result<bool, StoreError> {
    Ok(diesel::select(diesel::dsl::exists(
        p::provisioning_steps.filter(p::name.eq(name)),
    ))
    .get_result(conn)?)
}

/// The position after the last step's.
pub fn next_position(conn: &mut AnyConnection) -> Result<i32, StoreError> {
    let last: Option<i32> = p::provisioning_steps
        .select(diesel::dsl::max(p::position))
        .first(conn)?;
    Ok(last.map_or(1, |l| l.saturating_add(1)))
}

/// Every step, in the order they run (position, then age).
pub fn all(conn: &mut AnyConnection) -> Result<Vec<DefinitionRow>, StoreError> {
    Ok(p::provisioning_steps
        .order((p::position.asc(), p::id.asc()))
        .select(DefinitionRow::as_select())
        .load(conn)?)
}

/// One page of the steps in the order they run, with their total.
pub fn list(
    conn: &mut AnyConnection,
    page: PageRequest,
) -> Result<(Vec<DefinitionRow>, i64), StoreError> {
    let total = p::provisioning_steps.count().get_result(conn)?;
    let rows = p::provisioning_steps
        .order((p::position.asc(), p::id.asc()))
        .offset(page.offset())
        .limit(i64::from(page.per_page))
        .select(DefinitionRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// What an edit changes; `None` keeps a field.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = crate::schema::provisioning_steps)]
pub struct DefinitionChanges {
    pub url: Option<String>,
    pub timeout_s: Option<i32>,
    pub max_attempts: Option<i32>,
    pub position: Option<i32>,
    pub updated_at: Option<Timestamp>,
}

pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    changes: DefinitionChanges,
) -> Result<DefinitionRow, StoreError> {
    Ok(diesel::update(p::provisioning_steps.filter(p::id.eq(id)))
        .set(changes)
        .returning(crate::schema::provisioning_steps::all_columns)
        .get_result(conn)?)
}

pub fn delete(conn: &mut AnyConnection, id: i64) -> Result<usize, StoreError> {
    Ok(diesel::delete(p::provisioning_steps.filter(p::id.eq(id))).execute(conn)?)
}
