//! Tenant options, retention rules and tenant policies (migration 000019).

diesel::table! {
    tenant_options (tenant_id, category, option_key) {
        tenant_id -> BigInt,
        category -> Text,
        option_key -> Text,
        value -> Text,
        encrypted -> Bool,
        locked -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tenant_retention_rules (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        data_type -> Text,
        filter -> Nullable<Text>,
        max_age_days -> BigInt,
    }
}

diesel::table! {
    tenant_policies (id) {
        id -> BigInt,
        owner_tenant_id -> BigInt,
        name -> Text,
        description -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tenant_policy_options (policy_id, category, option_key) {
        policy_id -> BigInt,
        category -> Text,
        option_key -> Text,
        value -> Text,
        encrypted -> Bool,
        locked -> Bool,
    }
}

diesel::table! {
    tenant_policy_rules (id) {
        id -> BigInt,
        policy_id -> BigInt,
        data_type -> Text,
        filter -> Nullable<Text>,
        max_age_days -> BigInt,
    }
}

diesel::table! {
    tenant_policy_links (tenant_id) {
        tenant_id -> BigInt,
        policy_id -> BigInt,
        linked -> Bool,
        applied_at -> Timestamp,
    }
}
