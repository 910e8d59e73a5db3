//! Custom properties: the library, and each tenant's values folded to text for the list's
//! filter (the values themselves are the tenant's `custom_properties` column).

diesel::table! {
    custom_properties (key) {
        key -> Text,
        name -> Text,
        property_type -> Text,
        default_value -> Nullable<Text>,
        description -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tenant_property_values (tenant_id, property_key) {
        tenant_id -> BigInt,
        property_key -> Text,
        folded_text -> Text,
    }
}

diesel::joinable!(tenant_property_values -> custom_properties (property_key));
