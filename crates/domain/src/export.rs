//! The columns of the Customers CSV export, which callers may pick and order (`columns=`):
//! the tenant's own and its custom properties' values.

use crate::usage::table::PROPERTY_PREFIX;

/// One exportable column. `key` is both the `columns=` name and the CSV header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportColumn {
    Id,
    Domain,
    Name,
    Type,
    Status,
    /// The contact email, or the administrator's when there is none.
    Email,
    ContactName,
    ContactEmail,
    ContactPhone,
    Country,
    WebAddress,
    SupportEmail,
    BillingEmail,
    CompanySize,
    TimeZone,
    Language,
    AdminFirstName,
    AdminUsername,
    AdminEmail,
    ParentId,
    Users,
    Orders,
    Invoices,
    Tickets,
    /// The creation date (YYYY-MM-DD).
    Created,
    /// The creation instant (RFC 3339).
    CreatedAt,
}

impl ExportColumn {
    pub const ALL: [Self; 26] = [
        Self::Id,
        Self::Domain,
        Self::Name,
        Self::Type,
        Self::Status,
        Self::Email,
        Self::ContactName,
        Self::ContactEmail,
        Self::ContactPhone,
        Self::Country,
        Self::WebAddress,
        Self::SupportEmail,
        Self::BillingEmail,
        Self::CompanySize,
        Self::TimeZone,
        Self::Language,
        Self::AdminFirstName,
        Self::AdminUsername,
        Self::AdminEmail,
        Self::ParentId,
        Self::Users,
        Self::Orders,
        Self::Invoices,
        Self::Tickets,
        Self::Created,
        Self::CreatedAt,
    ];

    /// What the Customers page exports unless told otherwise.
    pub const DEFAULT: [Self; 8] = [
        Self::Name,
        Self::Type,
        Self::Status,
        Self::Email,
        Self::Users,
        Self::Orders,
        Self::Invoices,
        Self::Created,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Domain => "domain",
            Self::Name => "name",
            Self::Type => "type",
            Self::Status => "status",
            Self::Email => "email",
            Self::ContactName => "contact_name",
            Self::ContactEmail => "contact_email",
            Self::ContactPhone => "contact_phone",
            Self::Country => "country",
            Self::WebAddress => "web_address",
            Self::SupportEmail => "support_email",
            Self::BillingEmail => "billing_email",
            Self::CompanySize => "company_size",
            Self::TimeZone => "time_zone",
            Self::Language => "language",
            Self::AdminFirstName => "admin_first_name",
            Self::AdminUsername => "admin_username",
            Self::AdminEmail => "admin_email",
            Self::ParentId => "parent_id",
            Self::Users => "users_count",
            Self::Orders => "orders_count",
            Self::Invoices => "invoices_count",
            Self::Tickets => "tickets_count",
            Self::Created => "created",
            Self::CreatedAt => "created_at",
        }
    }

    /// Parses a comma-separated list of the tenant's own columns; see [`parse_fields`].
    pub fn parse_list(input: &str) -> Result<Vec<Self>, String> {
        parse_fields(input, &[])?
            .into_iter()
            .map(|field| match field {
                ExportField::Own(column) => Ok(column),
                ExportField::Property(key) => Err(format!("unknown column {key:?}")),
            })
            .collect()
    }
}

/// One column of an export: one of the tenant's own, or a custom property's value
/// (`custom.<key>`, as in the usage statistics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportField {
    Own(ExportColumn),
    /// The property's key.
    Property(String),
}

impl ExportField {
    /// The `columns=` name and CSV header.
    pub fn key(&self) -> std::borrow::Cow<'static, str> {
        match self {
            Self::Own(column) => column.key().into(),
            Self::Property(key) => format!("{PROPERTY_PREFIX}{key}").into(),
        }
    }
}

/// Parses a comma-separated list (spaces around names are ignored) of the tenant's own
/// columns and `custom.<key>` for the keys in `properties`; an unknown, empty or repeated
/// name is an error naming it, as the OpenAPI document's array of distinct column names
/// says.
pub fn parse_fields(input: &str, properties: &[String]) -> Result<Vec<ExportField>, String> {
    let mut fields = Vec::new();
    for name in input.split(',').map(|n| n.trim_matches(' ')) {
        let own = ExportColumn::ALL.into_iter().find(|c| c.key() == name);
        let property = name
            .strip_prefix(PROPERTY_PREFIX)
            .filter(|key| properties.iter().any(|p| p == key));
        let field = match (own, property) {
            (Some(column), _) => ExportField::Own(column),
            (None, Some(key)) => ExportField::Property(key.to_owned()),
            (None, None) => {
                let custom: Vec<String> = properties
                    .iter()
                    .map(|p| format!("{PROPERTY_PREFIX}{p}"))
                    .collect();
                return Err(format!(
                    "unknown column {name:?}; choose from {}",
                    ExportColumn::ALL
                        .map(ExportColumn::key)
                        .into_iter()
                        .map(str::to_owned)
                        .chain(custom)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        };
        if fields.contains(&field) {
            return Err(format!("column {name:?} is listed twice"));
        }
        fields.push(field);
    }
    if fields.is_empty() {
        return Err("name at least one column".to_owned());
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_picked_in_the_given_order() {
        assert_eq!(
            ExportColumn::parse_list("email, name"),
            Ok(vec![ExportColumn::Email, ExportColumn::Name])
        );
        assert!(
            ExportColumn::parse_list("name,colour")
                .unwrap_err()
                .contains("colour")
        );
        assert!(ExportColumn::parse_list("name,name").is_err());
        assert!(ExportColumn::parse_list(" , ").is_err());
        assert!(ExportColumn::parse_list("name,,email").is_err());
        assert!(ExportColumn::parse_list("name,").is_err());
        assert!(ExportColumn::parse_list("").is_err());
        for column in ExportColumn::ALL {
            assert_eq!(ExportColumn::parse_list(column.key()), Ok(vec![column]));
        }
    }

    #[test]
    fn custom_properties_are_columns_when_they_are_in_the_library() {
        let library = ["seats".to_owned()];
        assert_eq!(
            parse_fields("name,custom.seats", &library),
            Ok(vec![
                ExportField::Own(ExportColumn::Name),
                ExportField::Property("seats".to_owned())
            ])
        );
        assert!(
            parse_fields("custom.colour", &library)
                .unwrap_err()
                .contains("custom.seats")
        );
        assert!(parse_fields("custom.seats,custom.seats", &library).is_err());
        assert!(ExportColumn::parse_list("custom.seats").is_err());
        assert_eq!(
            ExportField::Property("seats".to_owned()).key(),
            "custom.seats"
        );
    }
}
