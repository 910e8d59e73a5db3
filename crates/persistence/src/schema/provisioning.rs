//! Provisioning: the operator's external steps and each tenant's pipeline.

diesel::table! {
    provisioning_steps (id) {
        id -> BigInt,
        name -> Text,
        url -> Text,
        secret -> Text,
        timeout_s -> Integer,
        max_attempts -> Integer,
        position -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tenant_provisioning_steps (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        name -> Text,
        kind -> Text,
        position -> Integer,
        url -> Nullable<Text>,
        secret -> Nullable<Text>,
        timeout_s -> Integer,
        max_attempts -> Integer,
        status -> Text,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        next_attempt_at -> Nullable<Timestamp>,
        locked_until -> Nullable<Timestamp>,
        lease -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

use super::tenants;

diesel::joinable!(tenant_provisioning_steps -> tenants (tenant_id));
diesel::allow_tables_to_appear_in_same_query!(tenants, tenant_provisioning_steps);
