//! Applications' tables: the catalogue, tenants' subscriptions, and microservices' reported
//! instances.

diesel::table! {
    applications (key) {
        key -> Text,
        name -> Text,
        application_type -> Text,
        owner_tenant_id -> BigInt,
        billing_mode -> Nullable<Text>,
        isolation -> Nullable<Text>,
        cpu_millicores -> Nullable<BigInt>,
        memory_mb -> Nullable<BigInt>,
        price_minor -> Nullable<BigInt>,
        price_currency -> Nullable<Text>,
        is_default -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    application_subscriptions (tenant_id, application_key) {
        tenant_id -> BigInt,
        application_key -> Text,
        subscribed_at -> Timestamp,
    }
}

diesel::table! {
    application_instances (application_key, scope_key) {
        application_key -> Text,
        scope_key -> Text,
        tenant_id -> Nullable<BigInt>,
        active -> BigInt,
        unhealthy -> BigInt,
        desired -> BigInt,
        instances -> Text,
        reported_at -> Timestamp,
    }
}

diesel::table! {
    application_subscription_periods (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        application_key -> Text,
        subscribed_at -> Timestamp,
        unsubscribed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    application_instance_segments (id) {
        id -> BigInt,
        application_key -> Text,
        scope_key -> Text,
        tenant_id -> Nullable<BigInt>,
        active -> BigInt,
        started_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(application_subscription_periods -> applications (application_key));
diesel::joinable!(application_subscriptions -> applications (application_key));
diesel::allow_tables_to_appear_in_same_query!(
    applications,
    application_subscriptions,
    application_subscription_periods
);
