//! Request-rate limits: per limited tenant, when its next request may be served
//! (`domain::rate_limit`), shared by every server process.

diesel::table! {
    request_rate_slots (tenant_id) {
        tenant_id -> BigInt,
        next_free_us -> BigInt,
    }
}
