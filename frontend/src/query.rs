//! The URL query of list pages: the single source of truth for their filters, so reloads,
//! back/forward and shared links keep them.

use landlord_domain::{TenantStatus, TenantType};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

/// Percent-encodes one query value or path segment.
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn page_of(params: &ParamsMap) -> u32 {
    params
        .get_str("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// A column the tenant list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    Name,
    Domain,
    Status,
    UsersCount,
    CreatedAt,
}

impl SortField {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Domain => "domain",
            Self::Status => "status",
            Self::UsersCount => "users_count",
            Self::CreatedAt => "created_at",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            Self::Name,
            Self::Domain,
            Self::Status,
            Self::UsersCount,
            Self::CreatedAt,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }

    /// Dates and counts read best largest first.
    fn starts_descending(self) -> bool {
        matches!(self, Self::CreatedAt | Self::UsersCount)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
}

impl Sort {
    /// The server's default order: newest first.
    pub const DEFAULT: Sort = Sort {
        field: SortField::CreatedAt,
        descending: true,
    };

    pub fn parse(s: &str) -> Option<Self> {
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        SortField::parse(name).map(|field| Sort { field, descending })
    }

    pub fn to_param(self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.field.as_str()
        )
    }

    /// The order after clicking `field`'s header: flips the current column, otherwise starts
    /// ascending (newest or largest first for dates and counts).
    pub fn toggled(self, field: SortField) -> Self {
        if self.field == field {
            Sort {
                field,
                descending: !self.descending,
            }
        } else {
            Sort {
                field,
                descending: field.starts_descending(),
            }
        }
    }
}

/// The Customers page's filters: `?q=&type=&status=&billing_state=&property=&sort=&page=`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomerQuery {
    pub q: String,
    pub tenant_type: Option<TenantType>,
    pub status: Option<TenantStatus>,
    /// `ok`, `overdue` (any state but `ok`) or a dunning state's name.
    pub billing_state: Option<String>,
    /// `key:value`: a custom property's value (the API checks both).
    pub property: Option<String>,
    /// `None` is the default order.
    pub sort: Option<Sort>,
    pub page: u32,
}

impl CustomerQuery {
    pub fn from_params(params: &ParamsMap) -> Self {
        Self {
            q: params.get("q").unwrap_or_default(),
            tenant_type: params.get_str("type").and_then(TenantType::parse),
            status: params.get_str("status").and_then(TenantStatus::parse),
            billing_state: params.get("billing_state").filter(|s| is_state_name(s)),
            property: params.get("property").filter(|p| {
                p.len() <= 1100
                    && p.split_once(':')
                        .is_some_and(|(k, v)| !k.is_empty() && !v.trim().is_empty())
            }),
            sort: params
                .get_str("sort")
                .and_then(Sort::parse)
                .filter(|s| *s != Sort::DEFAULT),
            page: page_of(params),
        }
    }

    pub fn sort_or_default(&self) -> Sort {
        self.sort.unwrap_or(Sort::DEFAULT)
    }

    /// `?q=...` (or an empty string when every filter is at its default).
    pub fn to_query_string(&self) -> String {
        query_string(&[
            ("q", self.q.clone()),
            (
                "type",
                self.tenant_type
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default(),
            ),
            (
                "status",
                self.status
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
            ),
            (
                "billing_state",
                self.billing_state.clone().unwrap_or_default(),
            ),
            ("property", self.property.clone().unwrap_or_default()),
            ("sort", self.sort.map(Sort::to_param).unwrap_or_default()),
            (
                "page",
                if self.page > 1 {
                    self.page.to_string()
                } else {
                    String::new()
                },
            ),
        ])
    }
}

/// What a dunning state's name may be (1–40 lowercase letters, digits or `_`), so the URL
/// cannot put anything else into the API's query.
fn is_state_name(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The order of a list whose columns are named by key: `key` ascending, `-key` descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySort {
    pub key: &'static str,
    pub descending: bool,
}

impl KeySort {
    /// Parses `key` or `-key`, accepting only the given keys.
    pub fn parse(s: &str, keys: &[&'static str]) -> Option<Self> {
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        keys.iter()
            .find(|k| **k == name)
            .map(|key| KeySort { key, descending })
    }

    pub fn to_param(self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.key)
    }
}

/// The filters of the Users, Orders, Invoices and Support pages: `?tenant=&status=&sort=&page=`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListQuery {
    /// Only this customer's rows.
    pub tenant: Option<i64>,
    /// One of the page's statuses.
    pub status: Option<&'static str>,
    /// `None` is the server's default order (newest first).
    pub sort: Option<KeySort>,
    pub page: u32,
}

/// What a list page accepts in its URL.
#[derive(Debug, Clone, Copy)]
pub struct ListParams {
    /// The page's path, e.g. `/orders`.
    pub path: &'static str,
    pub statuses: &'static [&'static str],
    pub sort_keys: &'static [&'static str],
    /// The server's default order, which the URL leaves out.
    pub default_sort: Option<KeySort>,
}

impl ListQuery {
    pub fn from_params(params: &ParamsMap, spec: ListParams) -> Self {
        Self {
            tenant: params.get_str("tenant").and_then(|t| t.parse().ok()),
            status: params
                .get_str("status")
                .and_then(|s| spec.statuses.iter().find(|v| **v == s).copied()),
            sort: params
                .get_str("sort")
                .and_then(|s| KeySort::parse(s, spec.sort_keys))
                .filter(|s| Some(*s) != spec.default_sort),
            page: page_of(params),
        }
    }

    /// The order shown: the chosen one or the server's default.
    pub fn sort_or(&self, spec: ListParams) -> Option<KeySort> {
        self.sort.or(spec.default_sort)
    }

    pub fn to_query_string(&self) -> String {
        query_string(&[
            (
                "tenant",
                self.tenant.map(|t| t.to_string()).unwrap_or_default(),
            ),
            ("status", self.status.unwrap_or_default().to_owned()),
            ("sort", self.sort.map(KeySort::to_param).unwrap_or_default()),
            (
                "page",
                if self.page > 1 {
                    self.page.to_string()
                } else {
                    String::new()
                },
            ),
        ])
    }
}

/// The Customers page's filters from the URL, and a setter that navigates to them (keeping
/// the current path, so an open detail panel stays open).
pub fn use_customer_query() -> (
    Memo<CustomerQuery>,
    impl Fn(CustomerQuery, bool) + Clone + 'static,
) {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(CustomerQuery::from_params));
    let navigate = use_navigate();
    let location = use_location();
    let set = move |next: CustomerQuery, replace: bool| {
        let path = location.pathname.get_untracked();
        navigate(
            &format!("{path}{}", next.to_query_string()),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    (query, set)
}

/// A list page's filters from the URL, and a setter that navigates to them.
pub fn use_list_query(spec: ListParams) -> (Memo<ListQuery>, impl Fn(ListQuery) + Clone + 'static) {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ListQuery::from_params(p, spec)));
    let navigate = use_navigate();
    let set = move |next: ListQuery| {
        navigate(
            &format!("{}{}", spec.path, next.to_query_string()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    (query, set)
}
