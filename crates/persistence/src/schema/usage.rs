//! Usage metering's tables: meters, the last 35 days of events, daily rollups per tenant
//! and meter (days in the tenant's time zone), and unique_count meters' distinct values.

diesel::table! {
    meters (key) {
        key -> Text,
        name -> Text,
        unit -> Text,
        aggregation -> Text,
        property -> Nullable<Text>,
        kind -> Text,
        created_at -> Timestamp,
        quota_key -> Nullable<Text>,
    }
}

diesel::table! {
    usage_events (id) {
        id -> Text,
        tenant_id -> BigInt,
        meter_key -> Text,
        value -> Nullable<Double>,
        occurred_at -> Timestamp,
        properties -> Nullable<Text>,
        received_at -> Timestamp,
    }
}

diesel::table! {
    usage_daily (tenant_id, meter_key, day) {
        tenant_id -> BigInt,
        meter_key -> Text,
        day -> Date,
        value -> Double,
        peak -> Nullable<Double>,
        last_at -> Timestamp,
    }
}

diesel::table! {
    usage_distinct (tenant_id, meter_key, day, value) {
        tenant_id -> BigInt,
        meter_key -> Text,
        day -> Date,
        value -> Text,
    }
}
