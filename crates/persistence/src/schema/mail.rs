//! The mail outbox: one row per notification mail, sent by the mail worker.

diesel::table! {
    mail_messages (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        kind -> Text,
        language -> Text,
        recipient -> Text,
        subject -> Text,
        variables -> Text,
        status -> Text,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        next_attempt_at -> Nullable<Timestamp>,
        locked_until -> Nullable<Timestamp>,
        lease -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}
