//! Feature switches: a tenant's override, else its plan; and never more than its parent has.

use super::LimitSource;

/// A tenant's feature as its sources say: its own override, whether its plan includes it, and
/// whether its parent has it (the management tenant's subtenants: always).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSources {
    pub override_enabled: Option<bool>,
    pub in_plan: bool,
    pub parent_has: bool,
}

impl FeatureSources {
    /// Whether the feature is on, and why. A parent can only pass on what it has itself, so
    /// a feature its parent lacks is off whatever the tenant's plan or override says.
    pub fn effective(self) -> (bool, LimitSource) {
        let (wanted, source) = match (self.override_enabled, self.in_plan) {
            (Some(enabled), _) => (enabled, LimitSource::Override),
            (None, true) => (true, LimitSource::Plan),
            (None, false) => (false, LimitSource::Default),
        };
        (wanted && self.parent_has, source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(override_enabled: Option<bool>, in_plan: bool, parent_has: bool) -> FeatureSources {
        FeatureSources {
            override_enabled,
            in_plan,
            parent_has,
        }
    }

    #[test]
    fn the_override_wins_over_the_plan() {
        assert_eq!(
            sources(Some(false), true, true).effective(),
            (false, LimitSource::Override)
        );
        assert_eq!(
            sources(Some(true), false, true).effective(),
            (true, LimitSource::Override)
        );
        assert_eq!(
            sources(None, true, true).effective(),
            (true, LimitSource::Plan)
        );
        assert_eq!(
            sources(None, false, true).effective(),
            (false, LimitSource::Default)
        );
    }

    #[test]
    fn nothing_the_parent_lacks_is_on() {
        assert!(!sources(Some(true), true, false).effective().0);
        assert!(!sources(None, true, false).effective().0);
    }
}
