use crate::event::{ALL_EVENTS, EventType};

/// Which events an endpoint receives: all of them (`["*"]`), or the types listed.
/// `webhook.test` events reach the endpoint they were sent to whatever it subscribes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscription {
    All,
    /// At least one type, without duplicates, in [`EventType::ALL`] order.
    Only(Vec<EventType>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubscriptionError {
    #[error("must list at least one event type, or \"*\" for every event")]
    Empty,
    #[error("\"*\" means every event and must be the only entry")]
    WildcardNotAlone,
    #[error("{0:?} is not an event type; expected one of {known}, or \"*\" alone", known = known())]
    Unknown(String),
}

fn known() -> String {
    EventType::ALL.map(EventType::as_str).join(", ")
}

impl SubscriptionError {
    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "required",
            Self::WildcardNotAlone => "wildcard_not_alone",
            Self::Unknown(_) => "unknown_event_type",
        }
    }
}

impl Subscription {
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, SubscriptionError> {
        if names.is_empty() {
            return Err(SubscriptionError::Empty);
        }
        if names.iter().any(|n| n.as_ref() == ALL_EVENTS) {
            return if names.len() == 1 {
                Ok(Self::All)
            } else {
                Err(SubscriptionError::WildcardNotAlone)
            };
        }
        let mut types = Vec::new();
        for name in names {
            let name = name.as_ref();
            types.push(
                EventType::parse(name)
                    .ok_or_else(|| SubscriptionError::Unknown(name.to_owned()))?,
            );
        }
        Ok(Self::Only(
            EventType::ALL
                .into_iter()
                .filter(|t| types.contains(t))
                .collect(),
        ))
    }

    pub fn matches(&self, event: EventType) -> bool {
        match self {
            Self::All => true,
            Self::Only(types) => types.contains(&event),
        }
    }

    /// The names as the API shows them: `["*"]` or the types.
    pub fn names(&self) -> Vec<String> {
        match self {
            Self::All => vec![ALL_EVENTS.to_owned()],
            Self::Only(types) => types.iter().map(|t| t.as_str().to_owned()).collect(),
        }
    }

    /// The stored form: the names as a JSON array.
    pub fn to_stored(&self) -> String {
        serde_json::Value::from(self.names()).to_string()
    }

    /// Reads the stored form back; `None` if it is not one [`Self::to_stored`] writes.
    pub fn from_stored(stored: &str) -> Option<Self> {
        let names: Vec<String> = serde_json::from_str(stored).ok()?;
        Self::parse(&names).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_alone_means_every_event() {
        let all = Subscription::parse(&["*"]).unwrap();
        assert!(EventType::ALL.into_iter().all(|t| all.matches(t)));
        assert_eq!(all.names(), ["*"]);
        assert_eq!(
            Subscription::parse(&["*", "tenant.created"]),
            Err(SubscriptionError::WildcardNotAlone)
        );
    }

    #[test]
    fn listed_types_match_only_themselves_in_a_stable_order() {
        let some =
            Subscription::parse(&["user.created", "tenant.created", "user.created"]).unwrap();
        assert_eq!(some.names(), ["tenant.created", "user.created"]);
        assert!(some.matches(EventType::UserCreated));
        assert!(!some.matches(EventType::TenantDeleted));
    }

    #[test]
    fn unknown_and_empty_lists_are_refused() {
        assert_eq!(
            Subscription::parse::<&str>(&[]),
            Err(SubscriptionError::Empty)
        );
        let err = Subscription::parse(&["tenant.created", "tenant.exploded"]).unwrap_err();
        assert_eq!(err.code(), "unknown_event_type");
        assert!(err.to_string().contains("tenant.exploded"), "{err}");
    }

    #[test]
    fn the_stored_form_round_trips() {
        for s in [
            Subscription::All,
            Subscription::parse(&["tenant.suspended", "tenant.activated"]).unwrap(),
        ] {
            assert_eq!(Subscription::from_stored(&s.to_stored()), Some(s));
        }
        assert_eq!(Subscription::from_stored("nonsense"), None);
    }
}
