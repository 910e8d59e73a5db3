//! The all-tenants usage statistics table (seed 003's list): which columns it has (the
//! tenant's own, then per meter its value over the range and, for a gauge, the range's
//! peak), the filter grammar (`api_requests>=1000,name~acme`) and the order. Every column
//! can be shown, exported, filtered and sorted on, by the one key it has here.

use super::MeterKind;
use crate::custom_property::{PropertyType, value_text};
use crate::wire::UsageTableRow;
use chrono::SecondsFormat;
use std::borrow::Cow;
use std::cmp::Ordering;

/// The tenant's own columns, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantColumn {
    Id,
    Domain,
    Name,
    Status,
    ParentId,
    CreatedAt,
}

impl TenantColumn {
    pub const ALL: [Self; 6] = [
        Self::Id,
        Self::Domain,
        Self::Name,
        Self::Status,
        Self::ParentId,
        Self::CreatedAt,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Domain => "domain",
            Self::Name => "name",
            Self::Status => "status",
            Self::ParentId => "parent_id",
            Self::CreatedAt => "created_at",
        }
    }
}

/// What a gauge's peak column is called: `peak_` and the meter's key.
const PEAK_PREFIX: &str = "peak_";
/// What a custom property's column is called: `custom.` and the property's key (a meter
/// and a property may share a key).
pub const PROPERTY_PREFIX: &str = "custom.";

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Tenant(TenantColumn),
    /// A meter's value over the range (counters summed, gauges the last day's).
    Value(String),
    /// A gauge's highest reading over the range.
    Peak(String),
    /// A custom property's value.
    Property(String),
}

impl Column {
    pub fn key(&self) -> String {
        match self {
            Self::Tenant(c) => c.key().to_owned(),
            Self::Value(meter) => meter.clone(),
            Self::Peak(meter) => format!("{PEAK_PREFIX}{meter}"),
            Self::Property(key) => format!("{PROPERTY_PREFIX}{key}"),
        }
    }
}

/// A cell's content, for comparing and writing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Number(f64),
    Text(Cow<'a, str>),
    /// No reading: a gauge with no event in the range, or the root's parent.
    Empty,
}

impl Cell<'_> {
    /// The CSV text: numbers without a needless `.0`, nothing for an empty cell.
    pub fn to_text(&self) -> String {
        match self {
            Self::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Self::Number(n) => n.to_string(),
            Self::Text(t) => t.to_string(),
            Self::Empty => String::new(),
        }
    }
}

/// The table's columns for these meters and custom properties: the tenant's, then each
/// property's, then each meter's value and, for a gauge, its peak.
#[derive(Debug, Clone)]
pub struct Columns {
    all: Vec<Column>,
    kinds: Vec<(String, MeterKind)>,
    properties: Vec<(String, PropertyType)>,
}

impl Columns {
    pub fn new(meters: &[(String, MeterKind)], properties: &[(String, PropertyType)]) -> Self {
        let mut all: Vec<Column> = TenantColumn::ALL.into_iter().map(Column::Tenant).collect();
        all.extend(
            properties
                .iter()
                .map(|(key, _)| Column::Property(key.clone())),
        );
        for (key, kind) in meters {
            all.push(Column::Value(key.clone()));
            if *kind == MeterKind::Gauge {
                all.push(Column::Peak(key.clone()));
            }
        }
        Self {
            all,
            kinds: meters.to_vec(),
            properties: properties.to_vec(),
        }
    }

    pub fn all(&self) -> &[Column] {
        &self.all
    }

    pub fn find(&self, key: &str) -> Result<Column, String> {
        self.all
            .iter()
            .find(|c| c.key() == key)
            .cloned()
            .ok_or_else(|| format!("unknown column {key:?}; choose from {}", self.keys()))
    }

    fn keys(&self) -> String {
        self.all
            .iter()
            .map(Column::key)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether a meter's missing value reads as 0 (a counter with no events counted
    /// nothing) or as empty (a gauge with no reading).
    fn missing_is_zero(&self, meter: &str) -> bool {
        self.kinds
            .iter()
            .any(|(key, kind)| key == meter && *kind == MeterKind::Counter)
    }

    /// `row`'s cell in `column`.
    pub fn cell<'a>(&self, row: &'a UsageTableRow, column: &Column) -> Cell<'a> {
        match column {
            Column::Tenant(TenantColumn::Id) => Cell::Number(row.id as f64),
            Column::Tenant(TenantColumn::Domain) => Cell::Text(Cow::Borrowed(&row.domain)),
            Column::Tenant(TenantColumn::Name) => Cell::Text(Cow::Borrowed(&row.name)),
            Column::Tenant(TenantColumn::Status) => Cell::Text(Cow::Borrowed(row.status.as_str())),
            Column::Tenant(TenantColumn::ParentId) => row
                .parent_id
                .map_or(Cell::Empty, |p| Cell::Number(p as f64)),
            Column::Tenant(TenantColumn::CreatedAt) => Cell::Text(Cow::Owned(
                row.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            )),
            Column::Value(meter) => match row.values.get(meter) {
                Some(v) => Cell::Number(*v),
                None if self.missing_is_zero(meter) => Cell::Number(0.0),
                None => Cell::Empty,
            },
            Column::Peak(meter) => row
                .peaks
                .get(meter)
                .map_or(Cell::Empty, |v| Cell::Number(*v)),
            Column::Property(key) => match row.custom_properties.get(key) {
                None => Cell::Empty,
                Some(value) => match value.as_f64() {
                    Some(n) if self.is_number_property(key) => Cell::Number(n),
                    _ => Cell::Text(Cow::Owned(value_text(value))),
                },
            },
        }
    }

    fn is_number_property(&self, key: &str) -> bool {
        self.properties
            .iter()
            .any(|(k, t)| k == key && *t == PropertyType::Number)
    }

    /// Whether `column` holds numbers (compared as numbers, filtered without `~`).
    fn is_numeric(&self, column: &Column) -> bool {
        match column {
            Column::Tenant(
                TenantColumn::Domain
                | TenantColumn::Name
                | TenantColumn::Status
                | TenantColumn::CreatedAt,
            ) => false,
            Column::Property(key) => self.is_number_property(key),
            _ => true,
        }
    }

    /// Parses a comma-separated list of column keys, each once, in the order wanted.
    pub fn parse_list(&self, input: &str) -> Result<Vec<Column>, String> {
        let mut columns = Vec::new();
        for key in input.split(',').map(|k| k.trim_matches(' ')) {
            let column = self.find(key)?;
            if columns.contains(&column) {
                return Err(format!("column {key:?} is listed twice"));
            }
            columns.push(column);
        }
        Ok(columns)
    }
}

/// A comparison in a filter condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Le,
    Ne,
    Gt,
    Lt,
    Eq,
    /// Case-insensitive substring (text columns).
    Contains,
}

impl Op {
    /// Longest first, so `>=` is not read as `>` and `=1`.
    const SPELLINGS: [(&'static str, Self); 7] = [
        (">=", Self::Ge),
        ("<=", Self::Le),
        ("!=", Self::Ne),
        (">", Self::Gt),
        ("<", Self::Lt),
        ("=", Self::Eq),
        ("~", Self::Contains),
    ];

    fn holds(self, order: Ordering) -> bool {
        match self {
            Self::Ge => order != Ordering::Less,
            Self::Le => order != Ordering::Greater,
            Self::Ne => order != Ordering::Equal,
            Self::Gt => order == Ordering::Greater,
            Self::Lt => order == Ordering::Less,
            Self::Eq | Self::Contains => order == Ordering::Equal,
        }
    }
}

/// One condition of a filter: `column`, `op`, `value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub column: Column,
    pub op: Op,
    value: String,
    number: Option<f64>,
}

impl Condition {
    /// Whether `row` passes. A number column compares numerically (its value must be a
    /// number); a text column compares case-insensitively. An empty cell passes only `!=`.
    pub fn matches(&self, columns: &Columns, row: &UsageTableRow) -> bool {
        match (columns.cell(row, &self.column), self.number) {
            (Cell::Number(n), Some(wanted)) => self
                .op
                .holds(n.partial_cmp(&wanted).unwrap_or(Ordering::Equal)),
            (Cell::Text(text), _) => {
                let text = text.to_lowercase();
                let wanted = self.value.to_lowercase();
                if self.op == Op::Contains {
                    text.contains(&wanted)
                } else {
                    self.op.holds(text.as_str().cmp(&wanted))
                }
            }
            (Cell::Empty, _) => self.op == Op::Ne,
            (Cell::Number(_), None) => false,
        }
    }
}

/// Parses `filter=`: conditions separated by commas, each a column key, an operator
/// (`>=`, `<=`, `!=`, `>`, `<`, `=`, or `~` for a substring) and a value, e.g.
/// `api_requests>=1000,name~acme`. A number column needs a number and takes no `~`.
pub fn parse_filter(columns: &Columns, input: &str) -> Result<Vec<Condition>, String> {
    let mut conditions = Vec::new();
    for part in input.split(',').map(str::trim) {
        let key_end = part
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'))
            .ok_or_else(|| {
                format!("condition {part:?} has no operator (>=, <=, !=, >, <, =, ~)")
            })?;
        let (key, rest) = part.split_at(key_end);
        let column = columns.find(key)?;
        let (spelling, op) = Op::SPELLINGS
            .into_iter()
            .find(|(s, _)| rest.starts_with(s))
            .ok_or_else(|| {
                format!("condition {part:?} has no operator (>=, <=, !=, >, <, =, ~)")
            })?;
        let value = rest[spelling.len()..].trim().to_owned();
        let numeric = columns.is_numeric(&column);
        let number = if numeric {
            if op == Op::Contains {
                return Err(format!(
                    "{key} is a number column: use >=, <=, !=, >, < or ="
                ));
            }
            Some(
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| format!("{key} needs a number, not {value:?}"))?,
            )
        } else {
            None
        };
        conditions.push(Condition {
            column,
            op,
            value,
            number,
        });
    }
    Ok(conditions)
}

/// The table's order: one column, ascending or (with a leading `-`) descending, the id
/// breaking ties; empty cells come last either way.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub column: Column,
    pub descending: bool,
}

impl Order {
    pub fn parse(columns: &Columns, input: &str) -> Result<Self, String> {
        let (descending, key) = match input.strip_prefix('-') {
            Some(key) => (true, key),
            None => (false, input),
        };
        Ok(Self {
            column: columns.find(key)?,
            descending,
        })
    }

    /// Sorts `rows` in this order.
    pub fn sort(&self, columns: &Columns, rows: &mut [UsageTableRow]) {
        rows.sort_by(|a, b| {
            let by_cell = match (columns.cell(a, &self.column), columns.cell(b, &self.column)) {
                (Cell::Empty, Cell::Empty) => Ordering::Equal,
                (Cell::Empty, _) => return Ordering::Greater,
                (_, Cell::Empty) => return Ordering::Less,
                (Cell::Number(x), Cell::Number(y)) => x.total_cmp(&y),
                (Cell::Text(x), Cell::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
                (Cell::Number(_), Cell::Text(_)) => Ordering::Less,
                (Cell::Text(_), Cell::Number(_)) => Ordering::Greater,
            };
            let by_cell = if self.descending {
                by_cell.reverse()
            } else {
                by_cell
            };
            by_cell.then(a.id.cmp(&b.id))
        });
    }
}

#[cfg(test)]
mod tests;
