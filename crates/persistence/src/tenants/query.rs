//! What a tenant list asks for: the filters, the sortable fields, the search cap. Every
//! reader of the list (the page, its total, the search backends, the export) takes these,
//! and nothing here depends on how they are answered.

use landlord_domain::billing::BillingStateFilter;
use landlord_domain::tenant::TenantPath;
use landlord_domain::{TenantId, TenantStatus, TenantType};

/// The list filters; every one is optional except the caller's subtree.
#[derive(Debug, Clone)]
pub struct TenantFilter {
    /// Only this tenant and its descendants are visible.
    pub scope: TenantPath,
    /// Whether the scope's own tenant is listed too. Its customers are its descendants, so
    /// by default it is not: the list, its total and the export then agree with the
    /// summary's count.
    pub include_self: bool,
    /// Case-insensitive substring of name, domain, contact email or admin email.
    pub q: Option<String>,
    pub tenant_type: Option<TenantType>,
    pub status: Option<TenantStatus>,
    /// Only direct children of this tenant.
    pub parent: Option<TenantId>,
    /// Only tenants in this billing state (or in any dunning state).
    pub billing_state: Option<BillingStateFilter>,
    /// Only tenants whose value of a custom property folds to this text.
    pub property: Option<PropertyMatch>,
}

/// A custom property's value to match, as `tenant_property_values` holds it: the key and
/// the value folded (`landlord_domain::custom_property::folded`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyMatch {
    pub key: String,
    pub folded: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantSortField {
    Name,
    Domain,
    Status,
    CreatedAt,
    UsersCount,
}

impl TenantSortField {
    /// The columns each sort orders by, the id last to break ties: the one table behind
    /// every ordering of the list (the page, the search walks, the keyset `after` of the
    /// export's batches and the export's own SQL). By name within each status: the
    /// (status, name, id) index serves both that order and a status filter under the name
    /// order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Name => &["name", "id"],
            Self::Domain => &["domain", "id"],
            Self::Status => &["status", "name", "id"],
            Self::CreatedAt => &["created_at", "id"],
            Self::UsersCount => &["users_count", "id"],
        }
    }

    /// The sort's columns qualified by `table`, comma-separated (`t.name, t.id`).
    pub fn qualified_columns(self, table: &str) -> String {
        self.columns()
            .iter()
            .map(|c| format!("{table}.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub const NAMES: [(&'static str, Self); 5] = [
        ("name", Self::Name),
        ("domain", Self::Domain),
        ("status", Self::Status),
        ("created_at", Self::CreatedAt),
        ("users_count", Self::UsersCount),
    ];
}

impl TenantFilter {
    /// The scope's own tenant when it is left out of the list: one `id <> own` condition,
    /// which no index needs and every plan checks in passing.
    pub fn excluded(&self) -> Option<TenantId> {
        match self.include_self {
            true => None,
            false => self.scope.ids().last().copied(),
        }
    }

    /// The search needle: `q` trimmed and lowercased, if anything is left.
    pub fn needle(&self) -> Option<String> {
        self.q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_lowercase)
    }
}

/// Searches count their matches up to this many.
pub const COUNT_CAP: i64 = 1_000;

#[cfg(test)]
mod tests {
    use super::TenantSortField;

    #[test]
    fn every_sort_ends_with_the_id_and_names_each_column_once() {
        for (name, field) in TenantSortField::NAMES {
            let columns = field.columns();
            assert_eq!(columns.last(), Some(&"id"), "{name}");
            assert_eq!(
                columns.first(),
                Some(&name),
                "{name} sorts by its own column first"
            );
            let mut unique = columns.to_vec();
            unique.dedup();
            assert_eq!(unique.len(), columns.len(), "{name}");
        }
        assert_eq!(
            TenantSortField::Status.qualified_columns("t"),
            "t.status, t.name, t.id"
        );
    }
}
