//! The tables, in portable column types only (see TOOLCHAIN.md): ids are BigInt, timestamps
//! UTC `Timestamp`, JSON is `Text`.

mod application_tables;
mod capabilities;
mod mail;
mod policies;
mod property_tables;
mod provisioning;
mod rate_limits;
mod support;
mod usage;
pub use application_tables::*;
pub use capabilities::*;
pub use mail::*;
pub use policies::*;
pub use property_tables::*;
pub use provisioning::*;
pub use rate_limits::*;
pub use support::*;
pub use usage::*;

diesel::table! {
    tenants (id) {
        id -> BigInt,
        domain -> Text,
        name -> Text,
        tenant_type -> Text,
        status -> Text,
        parent_id -> Nullable<BigInt>,
        path -> Text,
        contact_name -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        admin_username -> Text,
        admin_email -> Text,
        allow_subtenants -> Bool,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        contact_address -> Nullable<Text>,
        country -> Nullable<Text>,
        billing_payment_method -> Nullable<Text>,
        billing_address -> Nullable<Text>,
        users_count -> BigInt,
        orders_count -> BigInt,
        invoices_count -> BigInt,
        tickets_count -> BigInt,
        billing_state -> Text,
        status_reason -> Nullable<Text>,
        web_address -> Nullable<Text>,
        support_email -> Nullable<Text>,
        billing_email -> Nullable<Text>,
        company_size -> Nullable<Text>,
        time_zone -> Nullable<Text>,
        language -> Nullable<Text>,
        admin_first_name -> Nullable<Text>,
        limit_http_requests -> Nullable<BigInt>,
        limit_http_queue -> Nullable<BigInt>,
        /// The tenant's custom property values, a JSON object (`domain::custom_property`).
        custom_properties -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        username -> Text,
        email -> Text,
        display_name -> Nullable<Text>,
        role -> Text,
        status -> Text,
        password_hash -> Nullable<Text>,
        is_first_admin -> Bool,
        session_generation -> BigInt,
        password_reset_token_hash -> Nullable<Text>,
        password_reset_expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        occurred_at -> Timestamp,
        action -> Text,
        outcome -> Text,
        actor_user_id -> Nullable<BigInt>,
        actor_username -> Nullable<Text>,
        actor_tenant_id -> Nullable<BigInt>,
        target_type -> Text,
        target_id -> Nullable<Text>,
        request_id -> Nullable<Text>,
        details -> Text,
    }
}

diesel::table! {
    tenant_rollups (tenant_id) {
        tenant_id -> BigInt,
        customers -> BigInt,
        companies -> BigInt,
        individuals -> BigInt,
        users -> BigInt,
    }
}

diesel::table! {
    tenant_status_rollups (tenant_id, tenant_type, status) {
        tenant_id -> BigInt,
        tenant_type -> Text,
        status -> Text,
        descendants -> BigInt,
    }
}

diesel::table! {
    subscription_counts (plan_id, cycle) {
        plan_id -> BigInt,
        cycle -> Text,
        recurring -> BigInt,
    }
}

diesel::table! {
    revenue_rollups (tenant_id, currency) {
        tenant_id -> BigInt,
        currency -> Text,
        own_minor -> BigInt,
        descendants_minor -> BigInt,
    }
}

diesel::table! {
    orders (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        number -> Text,
        status -> Text,
        total_minor -> BigInt,
        currency -> Text,
        placed_at -> Timestamp,
    }
}

diesel::table! {
    invoices (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        issuer_tenant_id -> Nullable<BigInt>,
        number -> Nullable<Text>,
        status -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        issued_at -> Timestamp,
        due_at -> Nullable<Timestamp>,
        subscription_id -> Nullable<BigInt>,
        billing_key -> Nullable<Text>,
        period_start -> Nullable<Timestamp>,
        period_end -> Nullable<Timestamp>,
        subtotal_minor -> BigInt,
        tax_minor -> BigInt,
        tax_rate_bp -> Nullable<Integer>,
        credit_applied_minor -> BigInt,
        amount_paid_minor -> BigInt,
        collection -> Text,
        collection_attempts -> Integer,
        next_collection_at -> Nullable<Timestamp>,
        last_collection_error -> Nullable<Text>,
        finalized_at -> Nullable<Timestamp>,
        paid_at -> Nullable<Timestamp>,
        voided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    invoice_lines (id) {
        id -> BigInt,
        invoice_id -> BigInt,
        position -> Integer,
        kind -> Text,
        description -> Text,
        period_start -> Nullable<Timestamp>,
        period_end -> Nullable<Timestamp>,
        quantity -> BigInt,
        unit_amount_minor -> BigInt,
        amount_minor -> BigInt,
    }
}

diesel::table! {
    invoice_number_sequences (issuer_tenant_id, year) {
        issuer_tenant_id -> BigInt,
        year -> Integer,
        last_value -> BigInt,
    }
}

diesel::table! {
    plans (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        code -> Text,
        name -> Text,
        description -> Nullable<Text>,
        currency -> Text,
        monthly_minor -> Nullable<BigInt>,
        quarterly_minor -> Nullable<BigInt>,
        yearly_minor -> Nullable<BigInt>,
        trial_days -> Nullable<Integer>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cpu_day_price_micros -> Nullable<BigInt>,
        gb_day_price_micros -> Nullable<BigInt>,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        plan_id -> BigInt,
        cycle -> Text,
        status -> Text,
        anchor_at -> Timestamp,
        current_period_start -> Timestamp,
        current_period_end -> Timestamp,
        trial_end -> Nullable<Timestamp>,
        cancel_at_period_end -> Bool,
        scheduled_plan_id -> Nullable<BigInt>,
        scheduled_cycle -> Nullable<Text>,
        started_at -> Timestamp,
        paused_at -> Nullable<Timestamp>,
        canceled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    billing_accounts (tenant_id) {
        tenant_id -> BigInt,
        payment_method -> Text,
        card_brand -> Nullable<Text>,
        card_last4 -> Nullable<Text>,
        card_exp_month -> Nullable<Integer>,
        card_exp_year -> Nullable<Integer>,
        payment_provider -> Nullable<Text>,
        payment_token -> Nullable<Text>,
        billing_email -> Nullable<Text>,
        tax_rate_bp -> Nullable<Integer>,
        payment_terms_days -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    credit_balances (tenant_id, currency) {
        tenant_id -> BigInt,
        currency -> Text,
        balance_minor -> BigInt,
    }
}

diesel::table! {
    payments (id) {
        id -> BigInt,
        invoice_id -> BigInt,
        tenant_id -> BigInt,
        amount_minor -> BigInt,
        currency -> Text,
        method -> Text,
        provider -> Text,
        reference -> Nullable<Text>,
        status -> Text,
        failure_code -> Nullable<Text>,
        paid_at -> Timestamp,
        recorded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dunning_policies (tenant_id) {
        tenant_id -> BigInt,
        steps -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    billing_runs (id) {
        id -> BigInt,
        as_of -> Timestamp,
        triggered_by -> Text,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        periods_billed -> BigInt,
        invoices_created -> BigInt,
        collections_attempted -> BigInt,
        dunning_transitions -> BigInt,
    }
}

diesel::table! {
    tickets (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        subject -> Text,
        status -> Text,
        priority -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        public_id -> Text,
        event_type -> Text,
        tenant_id -> BigInt,
        tenant_path -> Text,
        created_at -> Timestamp,
        payload -> Text,
        dispatched_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (id) {
        id -> BigInt,
        user_id -> BigInt,
        idempotency_key -> Text,
        fingerprint -> Text,
        state -> Text,
        locked_until -> Timestamp,
        response_status -> Nullable<Integer>,
        response_content_type -> Nullable<Text>,
        response_location -> Nullable<Text>,
        response_body -> Nullable<Binary>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    /// Sign-in throttling: one row per throttled key (see `sign_in_throttle`).
    sign_in_throttle (id) {
        id -> BigInt,
        scope -> Text,
        tenant -> Text,
        subject -> Text,
        failures -> Integer,
        first_failure_at -> Timestamp,
        last_failure_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        url -> Text,
        description -> Nullable<Text>,
        event_types -> Text,
        enabled -> Bool,
        disabled_reason -> Nullable<Text>,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_secret_expires_at -> Nullable<Timestamp>,
        failing_since -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        endpoint_id -> BigInt,
        event_id -> BigInt,
        tenant_id -> BigInt,
        event_type -> Text,
        status -> Text,
        failures -> Integer,
        next_attempt_at -> Nullable<Timestamp>,
        locked_until -> Nullable<Timestamp>,
        lease -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> BigInt,
        delivery_id -> BigInt,
        attempted_at -> Timestamp,
        response_status -> Nullable<Integer>,
        latency_ms -> BigInt,
        error -> Nullable<Text>,
        response_body -> Nullable<Text>,
    }
}

diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(webhook_endpoints -> tenants (tenant_id));
diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
diesel::joinable!(webhook_deliveries -> events (event_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::joinable!(tenant_rollups -> tenants (tenant_id));
diesel::joinable!(orders -> tenants (tenant_id));
diesel::joinable!(invoices -> tenants (tenant_id));
diesel::joinable!(invoice_lines -> invoices (invoice_id));
diesel::joinable!(plans -> tenants (tenant_id));
diesel::joinable!(subscriptions -> tenants (tenant_id));
diesel::joinable!(subscription_counts -> plans (plan_id));
diesel::joinable!(payments -> invoices (invoice_id));
diesel::joinable!(tickets -> tenants (tenant_id));
diesel::joinable!(audit_events -> tenants (tenant_id));
diesel::allow_tables_to_appear_in_same_query!(
    tenants,
    tenant_property_values,
    custom_properties,
    invoice_lines,
    plans,
    subscriptions,
    billing_accounts,
    credit_balances,
    payments,
    users,
    audit_events,
    tenant_rollups,
    tenant_status_rollups,
    revenue_rollups,
    subscription_counts,
    orders,
    invoices,
    tickets,
    events,
    idempotency_keys,
    webhook_endpoints,
    webhook_deliveries,
    webhook_attempts,
    features,
    plan_features,
    tenant_features,
    quota_definitions,
    plan_quotas,
    tenant_quotas,
    quota_usage,
    quota_consumptions,
    service_tokens,
    quota_top_ups,
    quota_alerts,
    tenant_notifications,
    quota_leases,
    support_access_grants,
    support_access_settings
);
