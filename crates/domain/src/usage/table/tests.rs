use super::*;
use crate::TenantStatus;
use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn columns() -> Columns {
    Columns::new(
        &[
            ("api_requests".to_owned(), MeterKind::Counter),
            ("storage".to_owned(), MeterKind::Gauge),
        ],
        &[
            ("external_reference".to_owned(), PropertyType::Text),
            ("seats".to_owned(), PropertyType::Number),
        ],
    )
}

fn row(id: i64, name: &str, requests: Option<f64>, storage: Option<(f64, f64)>) -> UsageTableRow {
    let mut values = BTreeMap::new();
    let mut peaks = BTreeMap::new();
    if let Some(r) = requests {
        values.insert("api_requests".to_owned(), r);
    }
    if let Some((last, peak)) = storage {
        values.insert("storage".to_owned(), last);
        peaks.insert("storage".to_owned(), peak);
    }
    UsageTableRow {
        id,
        domain: name.to_lowercase(),
        name: name.to_owned(),
        status: TenantStatus::Active,
        parent_id: Some(1),
        created_at: Utc.with_ymd_and_hms(2026, 1, id as u32, 9, 0, 0).unwrap(),
        values,
        peaks,
        trend: Vec::new(),
        custom_properties: Default::default(),
    }
}

fn with_properties(mut row: UsageTableRow, reference: &str, seats: f64) -> UsageTableRow {
    row.custom_properties.insert(
        "external_reference".to_owned(),
        serde_json::json!(reference),
    );
    row.custom_properties
        .insert("seats".to_owned(), serde_json::json!(seats));
    row
}

#[test]
fn columns_are_the_tenant_s_then_each_meter_with_a_gauge_s_peak() {
    let keys: Vec<String> = columns().all().iter().map(Column::key).collect();
    assert_eq!(
        keys,
        [
            "id",
            "domain",
            "name",
            "status",
            "parent_id",
            "created_at",
            "custom.external_reference",
            "custom.seats",
            "api_requests",
            "storage",
            "peak_storage"
        ]
    );
    assert!(
        columns().find("peak_api_requests").is_err(),
        "counters have no peak"
    );
}

#[test]
fn a_counter_without_events_is_zero_and_a_gauge_without_a_reading_is_empty() {
    let c = columns();
    let quiet = row(1, "Quiet", None, None);
    assert_eq!(
        c.cell(&quiet, &Column::Value("api_requests".into())),
        Cell::Number(0.0)
    );
    assert_eq!(
        c.cell(&quiet, &Column::Value("storage".into())),
        Cell::Empty
    );
    assert_eq!(
        c.cell(&quiet, &Column::Peak("storage".into())).to_text(),
        ""
    );
    assert_eq!(Cell::Number(12.0).to_text(), "12");
    assert_eq!(Cell::Number(1.5).to_text(), "1.5");
}

#[test]
fn filters_compare_numbers_numerically_and_text_case_insensitively() {
    let c = columns();
    let rows = [
        row(1, "Acme", Some(900.0), Some((5.0, 9.0))),
        row(2, "Globex", Some(1000.0), None),
        row(3, "Acme Labs", Some(20000.0), Some((1.0, 2.0))),
    ];
    let pass = |filter: &str| -> Vec<i64> {
        let conditions = parse_filter(&c, filter).unwrap();
        rows.iter()
            .filter(|r| conditions.iter().all(|k| k.matches(&c, r)))
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(pass("api_requests>=1000"), [2, 3]);
    assert_eq!(pass("api_requests>1000"), [3]);
    // 900 < 1000 numerically though "900" > "1000" as text.
    assert_eq!(pass("api_requests<1000"), [1]);
    assert_eq!(pass("name~ACME"), [1, 3]);
    assert_eq!(pass("name~acme, peak_storage<5"), [3]);
    assert_eq!(pass("storage!=5"), [2, 3], "an empty cell passes only !=");
    assert_eq!(pass("name=acme"), [1]);
    assert_eq!(pass("created_at>=2026-01-02"), [2, 3]);
    assert_eq!(pass("status=active"), [1, 2, 3]);
}

#[test]
fn bad_filters_name_what_is_wrong() {
    let c = columns();
    let err = |f: &str| parse_filter(&c, f).unwrap_err();
    assert!(err("colour=red").contains("colour"));
    assert!(err("api_requests").contains("operator"));
    assert!(err("api_requests>=lots").contains("number"));
    assert!(err("api_requests~1").contains("number column"));
    assert!(err("name=a,").contains("operator"));
    assert!(err("api_requests>=NaN").contains("number"));
}

#[test]
fn the_order_breaks_ties_by_id_and_puts_empty_cells_last() {
    let c = columns();
    let mut rows = vec![
        row(3, "c", Some(5.0), None),
        row(1, "a", Some(5.0), Some((1.0, 1.0))),
        row(2, "b", Some(7.0), Some((3.0, 3.0))),
    ];
    let ids = |rows: &[UsageTableRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
    Order::parse(&c, "-api_requests")
        .unwrap()
        .sort(&c, &mut rows);
    assert_eq!(ids(&rows), [2, 1, 3]);
    Order::parse(&c, "storage").unwrap().sort(&c, &mut rows);
    assert_eq!(ids(&rows), [1, 2, 3]);
    Order::parse(&c, "-storage").unwrap().sort(&c, &mut rows);
    assert_eq!(ids(&rows), [2, 1, 3], "empty last when descending too");
    Order::parse(&c, "-name").unwrap().sort(&c, &mut rows);
    assert_eq!(ids(&rows), [3, 2, 1]);
    assert!(Order::parse(&c, "-").is_err());
}

#[test]
fn column_lists_keep_the_order_given_and_refuse_repeats() {
    let c = columns();
    let list = c.parse_list("peak_storage, name").unwrap();
    assert_eq!(
        list,
        [
            Column::Peak("storage".into()),
            Column::Tenant(TenantColumn::Name)
        ]
    );
    assert!(c.parse_list("name,name").is_err());
    assert!(c.parse_list("name,").is_err());
}

proptest! {
    /// Sorting is a permutation that respects the column whichever rows come in.
    #[test]
    fn sorting_orders_by_the_column_then_the_id(
        figures in proptest::collection::vec((0u8..5, proptest::option::of(0u8..3)), 0..30),
        descending: bool,
    ) {
        let c = columns();
        let mut rows: Vec<UsageTableRow> = figures
            .iter()
            .enumerate()
            .map(|(i, (r, s))| row(i as i64 + 1, "t", Some(f64::from(*r)), s.map(|s| (f64::from(s), 9.0))))
            .collect();
        let order = Order { column: Column::Value("storage".into()), descending };
        order.sort(&c, &mut rows);
        prop_assert_eq!(rows.len(), figures.len());
        for pair in rows.windows(2) {
            let (a, b) = (pair[0].values.get("storage"), pair[1].values.get("storage"));
            match (a, b) {
                (None, Some(_)) => prop_assert!(false, "an empty cell before a reading"),
                (Some(x), Some(y)) if x == y => prop_assert!(pair[0].id < pair[1].id),
                (Some(x), Some(y)) => {
                    let in_order = if descending { x > y } else { x < y };
                    prop_assert!(in_order);
                }
                (None, None) => prop_assert!(pair[0].id < pair[1].id),
                (Some(_), None) => {}
            }
        }
    }
}

#[test]
fn custom_properties_are_columns_to_filter_and_sort_by_their_type() {
    let c = columns();
    let rows = [
        with_properties(row(1, "a", None, None), "ERP-10", 9.0),
        with_properties(row(2, "b", None, None), "ERP-9", 10.0),
        row(3, "c", None, None),
    ];
    let pass = |f: &str| {
        let conditions = parse_filter(&c, f).unwrap();
        rows.iter()
            .filter(|r| conditions.iter().all(|k| k.matches(&c, r)))
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(pass("custom.seats>=10"), [2], "numbers compare as numbers");
    assert_eq!(pass("custom.external_reference~erp-1"), [1]);
    assert_eq!(pass("custom.external_reference!=ERP-9"), [1, 3]);
    assert!(parse_filter(&c, "custom.seats~1").is_err());
    assert!(parse_filter(&c, "custom.colour=red").is_err());
    let mut sorted = rows.to_vec();
    Order::parse(&c, "-custom.seats")
        .unwrap()
        .sort(&c, &mut sorted);
    assert_eq!(sorted.iter().map(|r| r.id).collect::<Vec<_>>(), [2, 1, 3]);
    assert_eq!(
        c.cell(&rows[0], &Column::Property("seats".to_owned()))
            .to_text(),
        "9"
    );
}
