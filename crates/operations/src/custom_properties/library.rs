//! The custom property library: read by everyone who reads tenants, kept by the management
//! tenant (one library for the whole installation, so a column means the same for every
//! reseller's subtree).

use crate::change::{Change, changed_fields, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::custom_property::{MAX_PROPERTIES, PropertyType};
use landlord_domain::wire::{
    CreateCustomPropertyRequest, CustomPropertyView, UpdateCustomPropertyRequest,
};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::custom_properties::{self as store, PropertyChanges, PropertyRow};
use landlord_persistence::{AnyConnection, Database, StoreError};
use serde_json::{Value, json};

fn view(row: &PropertyRow, tenants_count: i64) -> OpResult<CustomPropertyView> {
    Ok(CustomPropertyView {
        key: row.key.clone(),
        name: row.name.clone(),
        property_type: PropertyType::parse(&row.property_type).ok_or_else(|| {
            StoreError::Corrupt(format!("unknown property type {:?}", row.property_type))
        })?,
        default: row
            .default_value
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("property default: {e}")))?,
        description: row.description.clone(),
        tenants_count,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

fn keeper(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    if !caller.is_management() {
        return Err(OpError::forbidden(
            ErrorCode::ManagementOnly,
            "only the management tenant keeps the custom property library",
        ));
    }
    Ok(caller)
}

fn found(conn: &mut AnyConnection, key: &str) -> OpResult<PropertyRow> {
    store::find(conn, key)?.ok_or(OpError::NotFound("custom property"))
}

fn as_object(view: &CustomPropertyView) -> OpResult<Value> {
    serde_json::to_value(view).map_err(|e| OpError::Internal(e.to_string()))
}

fn default_text(default: &Option<Value>) -> Option<String> {
    default.as_ref().map(Value::to_string)
}

/// The library, by key, with how many tenants hold a value of each property.
pub fn list(db: &Database, ctx: &Context) -> OpResult<Vec<CustomPropertyView>> {
    ctx.caller()?.require(Permission::TenantsRead)?;
    db.read(views)
}

/// The library as its readers see it (the usage table's and the export's columns too).
pub(crate) fn views(conn: &mut AnyConnection) -> OpResult<Vec<CustomPropertyView>> {
    let counts = store::holder_counts(conn)?;
    store::all(conn)?
        .iter()
        .map(|row| {
            let count = counts
                .iter()
                .find(|(key, _)| key == &row.key)
                .map_or(0, |(_, n)| *n);
            view(row, count)
        })
        .collect()
}

pub fn get(db: &Database, ctx: &Context, key: &str) -> OpResult<CustomPropertyView> {
    ctx.caller()?.require(Permission::TenantsRead)?;
    db.read(|conn| {
        let row = found(conn, key)?;
        view(&row, store::holders_count(conn, key)?)
    })
}

pub fn create(
    db: &Database,
    ctx: &Context,
    request: CreateCustomPropertyRequest,
) -> OpResult<CustomPropertyView> {
    let caller = keeper(ctx)?;
    let new = request.parse()?;
    ctx.transaction(db, |tx| {
        if store::all(tx)?.len() >= MAX_PROPERTIES {
            return Err(OpError::conflict(
                ErrorCode::LibraryFull,
                format!("the library holds at most {MAX_PROPERTIES} properties"),
            ));
        }
        let row = PropertyRow {
            key: new.key.as_str().to_owned(),
            name: new.name,
            property_type: new.property_type.as_str().to_owned(),
            default_value: default_text(&new.default),
            description: new.description,
            created_at: ctx.now,
            updated_at: ctx.now,
        };
        store::insert(tx, &row).map_err(|e| match e {
            StoreError::Conflict(_) => OpError::conflict_field(
                ErrorCode::KeyTaken,
                "key",
                "a custom property with this key exists already",
                "is already used",
            ),
            other => other.into(),
        })?;
        let created = view(&row, 0)?;
        let object = as_object(&created)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::CustomPropertyCreated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::CustomProperty, &row.key)
            .details(json!({ "after": object }))
            .object(object),
        )?;
        Ok(created)
    })
}

/// Renames a property or changes its default or description; its key, type and the
/// tenants' values stay.
pub fn update(
    db: &Database,
    ctx: &Context,
    key: &str,
    request: UpdateCustomPropertyRequest,
) -> OpResult<CustomPropertyView> {
    let caller = keeper(ctx)?;
    ctx.transaction(db, |tx| {
        let row = found(tx, key)?;
        let before = view(&row, store::holders_count(tx, key)?)?;
        let changes = request.parse(before.property_type)?;
        let changes = PropertyChanges {
            name: changes.name.unwrap_or(row.name.clone()),
            default_value: match &changes.default {
                Some(default) => default_text(default),
                None => row.default_value.clone(),
            },
            description: changes.description.unwrap_or(row.description.clone()),
            updated_at: ctx.now,
        };
        if (&changes.name, &changes.default_value, &changes.description)
            == (&row.name, &row.default_value, &row.description)
        {
            return Ok(before);
        }
        let after = view(&store::update(tx, key, &changes)?, before.tenants_count)?;
        let (old, new) = changed_fields(&before, &after);
        let object = as_object(&after)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::CustomPropertyUpdated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::CustomProperty, key)
            .details(json!({ "before": old, "after": new }))
            .object(object),
        )?;
        Ok(after)
    })
}

/// Deletes a property and every tenant's value of it, in one transaction.
pub fn delete(db: &Database, ctx: &Context, key: &str) -> OpResult<()> {
    let caller = keeper(ctx)?;
    ctx.transaction(db, |tx| {
        let row = found(tx, key)?;
        let before = view(&row, store::holders_count(tx, key)?)?;
        let holders = store::delete(tx, key)?;
        let object = as_object(&before)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::CustomPropertyDeleted,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::CustomProperty, key)
            .details(json!({ "before": object, "values_removed": holders.len() }))
            .object(object),
        )?;
        Ok(())
    })
}
