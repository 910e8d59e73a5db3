use serde::{Deserialize, Serialize};

/// Whether a customer is a business account or a personal one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TenantType {
    #[default]
    Company,
    Individual,
}

impl TenantType {
    pub const ALL: [Self; 2] = [Self::Company, Self::Individual];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Company => "company",
            Self::Individual => "individual",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}
