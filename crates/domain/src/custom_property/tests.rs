#![allow(clippy::unwrap_used)]

use super::*;
use proptest::prelude::*;
use serde_json::json;

fn library() -> Vec<PropertyDefinition> {
    vec![
        PropertyDefinition {
            key: EXTERNAL_REFERENCE.to_owned(),
            property_type: PropertyType::Text,
            default: None,
        },
        PropertyDefinition {
            key: "seats".to_owned(),
            property_type: PropertyType::Number,
            default: Some(json!(5)),
        },
        PropertyDefinition {
            key: "vip".to_owned(),
            property_type: PropertyType::Boolean,
            default: Some(json!(false)),
        },
        PropertyDefinition {
            key: "renewal".to_owned(),
            property_type: PropertyType::Date,
            default: None,
        },
    ]
}

fn map(value: Value) -> Values {
    serde_json::from_value(value).unwrap()
}

#[test]
fn keys_are_lowercase_identifiers() {
    for good in ["external_reference", "a", "region2", "x_y_z"] {
        assert!(PropertyKey::parse(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "Region",
        "2fa",
        "_x",
        "a-b",
        "a.b",
        "ä",
        &"a".repeat(65),
    ] {
        assert_eq!(
            PropertyKey::parse(bad),
            Err(PropertyError::InvalidKey),
            "{bad}"
        );
    }
}

#[test]
fn each_type_takes_its_json_type_only() {
    use PropertyType::*;
    assert_eq!(
        Text.parse_value(&json!("  ERP-1 ")).unwrap(),
        Some(json!("ERP-1"))
    );
    assert_eq!(Text.parse_value(&json!("   ")).unwrap(), None);
    assert_eq!(Text.parse_value(&json!(5)), Err(PropertyError::InvalidText));
    assert_eq!(
        Text.parse_value(&json!("a\nb")),
        Err(PropertyError::InvalidText)
    );
    assert_eq!(Number.parse_value(&json!(2.5)).unwrap(), Some(json!(2.5)));
    assert_eq!(
        Number.parse_value(&json!("2.5")),
        Err(PropertyError::InvalidNumber)
    );
    assert_eq!(
        Boolean.parse_value(&json!(true)).unwrap(),
        Some(json!(true))
    );
    assert_eq!(
        Boolean.parse_value(&json!("yes")),
        Err(PropertyError::InvalidBoolean)
    );
    assert_eq!(
        Date.parse_value(&json!("2027-02-28")).unwrap(),
        Some(json!("2027-02-28"))
    );
    for bad in [
        json!("2027-02-29"),
        json!("2027-2-28"),
        json!("28.02.2027"),
        json!(20270228),
    ] {
        assert_eq!(
            Date.parse_value(&bad),
            Err(PropertyError::InvalidDate),
            "{bad}"
        );
    }
    for t in PropertyType::ALL {
        assert_eq!(t.parse_value(&Value::Null).unwrap(), None);
    }
}

#[test]
fn form_text_becomes_the_property_s_json() {
    use PropertyType::*;
    assert_eq!(Number.parse_input(" 12 ").unwrap(), Some(json!(12)));
    assert_eq!(Number.parse_input("2.5").unwrap(), Some(json!(2.5)));
    assert_eq!(Number.parse_input("inf"), Err(PropertyError::InvalidNumber));
    assert_eq!(Boolean.parse_input("true").unwrap(), Some(json!(true)));
    assert_eq!(
        Boolean.parse_input("yes"),
        Err(PropertyError::InvalidBoolean)
    );
    assert_eq!(
        Date.parse_input("2027-01-31").unwrap(),
        Some(json!("2027-01-31"))
    );
    assert_eq!(Text.parse_input("  ").unwrap(), None);
}

#[test]
fn changes_set_replace_and_remove_values_and_report_every_bad_entry() {
    let current = map(json!({"external_reference": "ERP-1", "seats": 5}));
    let changed = apply_values(
        &library(),
        &current,
        &map(json!({"external_reference": null, "vip": true, "seats": 7})),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(changed).unwrap(),
        json!({"seats": 7, "vip": true})
    );

    let errors = apply_values(
        &library(),
        &current,
        &map(json!({"colour": "red", "seats": "many", "vip": true})),
    )
    .unwrap_err();
    assert_eq!(
        errors,
        vec![
            ValueError {
                key: "colour".to_owned(),
                error: PropertyError::UnknownProperty
            },
            ValueError {
                key: "seats".to_owned(),
                error: PropertyError::InvalidNumber
            },
        ]
    );
}

#[test]
fn a_new_tenant_starts_with_the_defaults_it_was_not_given() {
    let values = initial_values(&library(), &map(json!({"seats": 9}))).unwrap();
    assert_eq!(
        serde_json::to_value(values).unwrap(),
        json!({"seats": 9, "vip": false})
    );
    let cleared = initial_values(&library(), &map(json!({"vip": null}))).unwrap();
    assert_eq!(serde_json::to_value(cleared).unwrap(), json!({"seats": 5}));
}

#[test]
fn values_read_as_one_line_of_text() {
    assert_eq!(value_text(&json!("ERP-1")), "ERP-1");
    assert_eq!(value_text(&json!(7)), "7");
    assert_eq!(value_text(&json!(7.0)), "7");
    assert_eq!(value_text(&json!(2.5)), "2.5");
    assert_eq!(value_text(&json!(true)), "true");
}

#[test]
fn stored_text_that_is_not_an_object_reads_as_no_values() {
    assert_eq!(parse_stored("{\"a\":1}").len(), 1);
    assert!(parse_stored("[]").is_empty());
    assert!(parse_stored("").is_empty());
}

proptest! {
    /// Whatever a caller sends, a value that is accepted is one its type accepts again
    /// unchanged: what is stored reads back as valid.
    #[test]
    fn accepted_values_are_stable(text in ".{0,40}", number in any::<f64>(), flag in any::<bool>()) {
        let candidates = [json!(text), json!(number), json!(flag)];
        for t in PropertyType::ALL {
            for candidate in &candidates {
                if let Ok(Some(stored)) = t.parse_value(candidate) {
                    prop_assert_eq!(t.parse_value(&stored).unwrap(), Some(stored.clone()));
                }
            }
        }
    }
}
