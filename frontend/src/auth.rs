//! The signed-in session: the bearer token (kept in `localStorage`), who is signed in, and
//! the notice the sign-in page shows after a session ends.

use landlord_domain::Permission;
use landlord_domain::tenant::{MANAGEMENT_DOMAIN, TenantAction};
use landlord_domain::wire::Me;
use leptos::prelude::*;
use std::cell::Cell;
use web_sys::Storage;

/// Shown on the sign-in page when the API answers 401 to a signed-in call.
pub const SESSION_ENDED: &str = "Your session has ended. Sign in again.";

const TOKEN_KEY: &str = "landlord.token";
const LAST_TENANT_KEY: &str = "landlord.last_tenant";

/// The session's reactive state, provided as context by the app root.
#[derive(Clone, Copy)]
pub struct Session {
    pub token: RwSignal<Option<String>>,
    pub me: RwSignal<Option<Me>>,
    /// A message for the sign-in page, e.g. [`SESSION_ENDED`].
    pub notice: RwSignal<Option<String>>,
}

thread_local! {
    // The API layer ends the session from async tasks that have no reactive owner.
    static CURRENT: Cell<Option<Session>> = const { Cell::new(None) };
}

impl Session {
    /// Creates the session from `localStorage` and provides it as context.
    pub fn provide() -> Self {
        let session = Self {
            token: RwSignal::new(stored_token()),
            me: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        CURRENT.with(|c| c.set(Some(session)));
        provide_context(session);
        session
    }

    /// Whether the signed-in user holds `needed` (tracked). `tenants:change` implies create and
    /// update, as on the server.
    pub fn can(&self, needed: Permission) -> bool {
        self.me.with(|me| {
            me.as_ref().is_some_and(|me| {
                me.permissions.contains(&needed)
                    || (matches!(
                        needed,
                        Permission::TenantsCreate | Permission::TenantsUpdate
                    ) && me.permissions.contains(&Permission::TenantsChange))
            })
        })
    }

    /// Whether the signed-in user belongs to the management tenant (tracked).
    pub fn is_management(&self) -> bool {
        self.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| me.tenant.domain == MANAGEMENT_DOMAIN)
        })
    }

    /// Whether the signed-in user may create customers below their tenant, as the server
    /// says in their own tenant's `allowed_actions` (tracked).
    pub fn can_create_tenants(&self) -> bool {
        self.me.with(|me| {
            me.as_ref().is_some_and(|me| {
                me.tenant
                    .allowed_actions
                    .contains(&TenantAction::CreateSubtenant)
            })
        })
    }

    /// Whether the signed-in user's tenant may have subtenants, and so webhook endpoints
    /// for its subtree (tracked).
    pub fn may_have_subtenants(&self) -> bool {
        self.is_management()
            || self
                .me
                .with(|me| me.as_ref().is_some_and(|me| me.tenant.allow_subtenants))
    }

    /// The signed-in user's own tenant id (tracked).
    pub fn own_tenant_id(&self) -> Option<i64> {
        self.me.with(|me| me.as_ref().map(|me| me.tenant.id))
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The bearer token of the current session, read from `localStorage`.
pub fn stored_token() -> Option<String> {
    storage()?
        .get_item(TOKEN_KEY)
        .ok()?
        .filter(|t| !t.is_empty())
}

/// The tenant domain last signed in to, to prefill the sign-in form.
pub fn last_tenant() -> Option<String> {
    storage()?.get_item(LAST_TENANT_KEY).ok()?
}

/// Keeps a fresh token (and the tenant signed in to) before the session starts, so the
/// first authenticated call can use it.
pub fn store_token(token: &str, tenant: &str) {
    if let Some(storage) = storage() {
        // Without storage the session still works until the page is reloaded.
        let _ = storage.set_item(TOKEN_KEY, token);
        let _ = storage.set_item(LAST_TENANT_KEY, tenant);
    }
}

/// Starts the session once the signed-in user is known.
pub fn begin_session(session: Session, token: String, me: Me) {
    session.notice.set(None);
    session.me.set(Some(me));
    session.token.set(Some(token));
}

/// Forgets the token; the app shell then sends the user to the sign-in page, which shows
/// `notice` if given.
pub fn end_session(notice: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(TOKEN_KEY);
    }
    if let Some(session) = CURRENT.with(Cell::get) {
        session.notice.set(notice.map(str::to_owned));
        session.me.set(None);
        session.token.set(None);
    }
}
