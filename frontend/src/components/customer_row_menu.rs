//! The triple-dot menu at the end of each customer row: seed 004's common tenant operations
//! without opening the customer first. "Associate package" and "Activate tenant" (for an
//! inactive customer: run provisioning again or mark as active) open the customer's panel
//! on the tab that does them; "Download setup instructions" saves the file at once.

use crate::api::ApiError;
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use landlord_domain::tenant::TenantAction;
use landlord_domain::wire::TenantView;
use landlord_domain::{Permission, TenantStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The most the menu's items take up (four items and the padding), to open it upward
/// when there is less room below the button.
const MENU_HEIGHT: f64 = 180.0;

/// A tab the detail panel should show once it opens `id` (by the tab's test id), asked by a
/// row menu; the panel takes it and clears it.
#[derive(Clone, Copy)]
pub struct PanelRequest(pub RwSignal<Option<(i64, &'static str)>>);

impl PanelRequest {
    pub fn provide() {
        provide_context(Self(RwSignal::new(None)));
    }

    pub fn use_context() -> Option<Self> {
        use_context::<Self>()
    }
}

/// The menu of one row; `open_on(tab)` opens the customer's panel on that tab.
#[component]
pub fn CustomerRowMenu(tenant: TenantView, open_on: Callback<&'static str>) -> impl IntoView {
    let session = use_session();
    let shown = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    // Where the menu opens, in the viewport, as its style.
    let place = RwSignal::new(String::new());
    let root = NodeRef::<leptos::html::Div>::new();
    let id = tenant.id;
    let own = session.own_tenant_id() == Some(id);
    let can_billing = !own && session.can(Permission::BillingRead);
    let can_audit = tenant.allowed_actions.contains(&TenantAction::ViewAuditLog);
    // Activating an inactive customer is what its Provisioning tab does (seed 004's two ways).
    let inactive = tenant.status == TenantStatus::Inactive
        && tenant.allowed_actions.contains(&TenantAction::Activate);

    // A click anywhere outside the menu, or Escape, closes it.
    let clicks = window_event_listener(leptos::ev::click, move |ev| {
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(root.get_untracked())
            .is_some_and(|(target, root)| root.contains(Some(&target)));
        if !inside && shown.get_untracked() {
            shown.set(false);
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && shown.get_untracked() {
            shown.set(false);
        }
    });
    on_cleanup(move || {
        clicks.remove();
        keys.remove();
    });

    let go = move |tab: &'static str| {
        shown.set(false);
        open_on.run(tab);
    };
    let download = move |_| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = crate::components::download::save_setup_instructions(id).await;
            busy.set(false);
            match result {
                Ok(()) => shown.set(false),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let name = tenant.name.clone();
    view! {
        // Clicks here are the menu's, not the row's (which would open the panel).
        <div class="row-menu" node_ref=root on:click=|ev| ev.stop_propagation()>
            <button type="button" class="icon-button row-menu-toggle" data-testid="row-menu"
                aria-haspopup="menu" aria-expanded=move || shown.get().to_string()
                aria-label=format!("Actions for {name}") title="Actions"
                on:click=move |ev| {
                    // Placed by the viewport: the table's card clips what overflows it.
                    if let Some(button) = ev
                        .current_target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    {
                        let rect = button.get_bounding_client_rect();
                        let window = web_sys::window();
                        let size = |f: fn(&web_sys::Window) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>| {
                            window.as_ref().and_then(|w| f(w).ok()).and_then(|v| v.as_f64())
                        };
                        let width = size(web_sys::Window::inner_width).unwrap_or(rect.right());
                        let height = size(web_sys::Window::inner_height).unwrap_or(rect.bottom());
                        let right = (width - rect.right()).max(0.0);
                        // Below the button, or above it where the viewport ends too soon.
                        place.set(if rect.bottom() + MENU_HEIGHT > height {
                            format!("bottom: {:.0}px; right: {right:.0}px", height - rect.top() + 4.0)
                        } else {
                            format!("top: {:.0}px; right: {right:.0}px", rect.bottom() + 4.0)
                        });
                    }
                    shown.update(|s| *s = !*s);
                }>
                "⋯"
            </button>
            <Show when=move || shown.get()>
                <div class="row-menu-items" role="menu" data-testid="row-menu-items"
                    style=move || place.get()>
                    {can_billing.then(|| view! {
                        <button type="button" role="menuitem" data-testid="row-menu-package"
                            on:click=move |_| go("tab-subscription")>
                            "Associate package"
                        </button>
                    })}
                    {(!own).then(|| view! {
                        <button type="button" role="menuitem" data-testid="row-menu-setup-instructions"
                            disabled=move || busy.get() on:click=download>
                            "Download setup instructions"
                        </button>
                    })}
                    {inactive.then(|| view! {
                        <button type="button" role="menuitem" data-testid="row-menu-activate"
                            on:click=move |_| go("tab-provisioning")>
                            "Activate tenant…"
                        </button>
                    })}
                    {can_audit.then(|| view! {
                        <button type="button" role="menuitem" data-testid="row-menu-audit"
                            on:click=move |_| go("tab-audit")>
                            "Audit log"
                        </button>
                    })}
                    {move || failure.get().map(|error| view! { <ErrorAlert error testid="row-menu-error" /> })}
                </div>
            </Show>
        </div>
    }
}
