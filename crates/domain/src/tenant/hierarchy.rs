use crate::TenantId;

/// A tenant's place in the hierarchy as a materialized path of ids from the root,
/// e.g. `/1/7/12/` for tenant 12 whose parent is 7 under the management tenant 1.
///
/// A path makes "is X in Y's subtree" a prefix test, which both databases answer from an
/// index, and lists a tenant's ancestors without recursion.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantPath(String);

impl TenantPath {
    /// The path of a root tenant (the management tenant).
    pub fn root(id: TenantId) -> Self {
        Self(format!("/{id}/"))
    }

    /// The path of a new child of this tenant.
    pub fn child(&self, id: TenantId) -> Self {
        Self(format!("{}{id}/", self.0))
    }

    /// Rebuilds a path read from storage.
    pub fn from_stored(path: String) -> Self {
        Self(path)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other` is this tenant or one of its descendants.
    pub fn contains(&self, other: &TenantPath) -> bool {
        other.0.starts_with(&self.0)
    }

    /// Whether `other` is a descendant of this tenant, not the tenant itself.
    pub fn strictly_contains(&self, other: &TenantPath) -> bool {
        other.0.len() > self.0.len() && self.contains(other)
    }

    /// The ids from the root down to and including this tenant.
    pub fn ids(&self) -> Vec<TenantId> {
        self.0
            .split('/')
            .filter_map(|part| part.parse().ok())
            .map(TenantId)
            .collect()
    }

    /// The LIKE pattern matching this tenant and its whole subtree. Paths hold only digits
    /// and slashes, so no LIKE metacharacter needs escaping.
    pub fn subtree_pattern(&self) -> String {
        format!("{}%", self.0)
    }

    pub fn depth(&self) -> usize {
        self.ids().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtree_membership_is_by_whole_ids_not_digit_prefixes() {
        let one = TenantPath::root(TenantId(1));
        let seven = one.child(TenantId(7));
        let seventy = one.child(TenantId(70));
        let twelve = seven.child(TenantId(12));
        assert!(one.contains(&twelve));
        assert!(seven.contains(&twelve));
        assert!(seven.contains(&seven));
        assert!(!seven.strictly_contains(&seven));
        assert!(seven.strictly_contains(&twelve));
        assert!(!seven.contains(&seventy), "/1/7/ must not match /1/70/");
        assert!(!twelve.contains(&seven));
    }

    #[test]
    fn lists_ancestors_from_the_root() {
        let path = TenantPath::root(TenantId(1))
            .child(TenantId(7))
            .child(TenantId(12));
        assert_eq!(path.as_str(), "/1/7/12/");
        assert_eq!(path.ids(), vec![TenantId(1), TenantId(7), TenantId(12)]);
        assert_eq!(path.depth(), 3);
        assert_eq!(path.subtree_pattern(), "/1/7/12/%");
    }
}
