//! Support-user access: tenants' grants to the management tenant's support users, and the
//! platform switch (one row per management tenant; absent: on).

diesel::table! {
    support_access_grants (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        granted_by_user_id -> Nullable<BigInt>,
        granted_by_username -> Text,
        granted_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    support_access_settings (tenant_id) {
        tenant_id -> BigInt,
        enabled -> Bool,
        updated_at -> Timestamp,
    }
}
