//! Capabilities' tables: the feature and quota catalogues, what plans include, tenants'
//! overrides, usage counters, consumption keys and service tokens.

diesel::table! {
    features (key) {
        key -> Text,
        name -> Text,
        description -> Nullable<Text>,
        feature_group -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plan_features (plan_id, feature_key) {
        plan_id -> BigInt,
        feature_key -> Text,
    }
}

diesel::table! {
    tenant_features (tenant_id, feature_key) {
        tenant_id -> BigInt,
        feature_key -> Text,
        enabled -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    quota_definitions (key) {
        key -> Text,
        name -> Text,
        unit -> Text,
        kind -> Text,
        default_limit -> BigInt,
        hard -> Bool,
        licence_cap -> Nullable<BigInt>,
        quota_group -> Nullable<Text>,
        created_at -> Timestamp,
        alert_thresholds -> Text,
    }
}

diesel::table! {
    plan_quotas (plan_id, quota_key) {
        plan_id -> BigInt,
        quota_key -> Text,
        limit_value -> BigInt,
    }
}

diesel::table! {
    tenant_quotas (tenant_id, quota_key) {
        tenant_id -> BigInt,
        quota_key -> Text,
        limit_value -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    quota_usage (tenant_id, quota_key, period_key) {
        tenant_id -> BigInt,
        quota_key -> Text,
        period_key -> Text,
        used -> BigInt,
        overage -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    quota_consumptions (tenant_id, quota_key, idempotency_key) {
        tenant_id -> BigInt,
        quota_key -> Text,
        idempotency_key -> Text,
        amount -> BigInt,
        used -> BigInt,
        limit_value -> BigInt,
        overage -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    service_tokens (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        name -> Text,
        scopes -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    quota_top_ups (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        quota_key -> Text,
        period_key -> Text,
        amount -> BigInt,
        expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    quota_alerts (tenant_id, quota_key, period_key, threshold) {
        tenant_id -> BigInt,
        quota_key -> Text,
        period_key -> Text,
        threshold -> BigInt,
        fired_at -> Timestamp,
    }
}

diesel::table! {
    tenant_notifications (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        kind -> Text,
        quota_key -> Text,
        threshold -> BigInt,
        used -> BigInt,
        limit_value -> BigInt,
        period_key -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    quota_leases (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        quota_key -> Text,
        amount -> BigInt,
        expires_at -> Timestamp,
        created_at -> Timestamp,
    }
}
