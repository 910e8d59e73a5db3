//! The signed-in frame: sidebar navigation, a header with the signed-in user, and the page.

use crate::api::{self, ApiError};
use crate::auth::{self, use_session};
use crate::components::alert::ErrorAlert;
use crate::components::palette::{Palette, SearchPalette, is_mac};
use crate::query::encode;
use landlord_domain::Permission;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_navigate};

/// Renders the signed-in pages, or sends the user to sign in.
#[component]
pub fn AppShell() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let boot_error = RwSignal::new(None::<ApiError>);
    Palette::provide();

    // No token (never signed in, signed out, or the API said 401): go to the sign-in page,
    // coming back here afterwards.
    Effect::new(move |_| {
        if session.token.with(Option::is_none) {
            // The router's `search` has no leading '?'.
            let search = location.search.get_untracked();
            let search = if search.is_empty() || search.starts_with('?') {
                search
            } else {
                format!("?{search}")
            };
            let here = format!("{}{search}", location.pathname.get_untracked());
            let next = if here == "/" {
                String::new()
            } else {
                format!("?next={}", encode(&here))
            };
            navigate(
                &format!("/login{next}"),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    // Signed in from an earlier visit: find out who we are.
    let load_me = move || {
        boot_error.set(None);
        spawn_local(async move {
            match api::me().await {
                Ok(me) => session.me.set(Some(me)),
                // A 401 has already ended the session.
                Err(error) if error.status() == Some(401) => {}
                Err(error) => boot_error.set(Some(error)),
            }
        });
    };
    Effect::new(move |_| {
        if session.token.with(Option::is_some) && session.me.with_untracked(Option::is_none) {
            load_me();
        }
    });

    view! {
        <Show
            when=move || session.me.with(Option::is_some) && session.token.with(Option::is_some)
            fallback=move || {
                view! {
                    <div class="boot" data-testid="app-loading">
                        {move || match boot_error.get() {
                            Some(error) => {
                                view! {
                                    <div class="boot-error">
                                        <ErrorAlert error testid="boot-error" />
                                        <button type="button" class="button button-secondary" on:click=move |_| load_me()>
                                            "Try again"
                                        </button>
                                    </div>
                                }
                                    .into_any()
                            }
                            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
                        }}
                    </div>
                }
            }
        >
            <div class="shell">
                <Sidebar />
                <div class="shell-main">
                    <Header />
                    <main class="content" id="main">
                        <Outlet />
                    </main>
                </div>
            </div>
            <SearchPalette />
        </Show>
    }
}

#[component]
fn Sidebar() -> impl IntoView {
    let session = use_session();
    view! {
        <nav class="sidebar" aria-label="Main">
            <a class="brand" href="/customers">
                <span class="brand-mark" aria-hidden="true">"L"</span>
                <span class="brand-name">"Landlord"</span>
            </a>
            <ul class="nav-list">
                <li>
                    <A href="/customers" attr:class="nav-link" attr:data-testid="nav-customers">
                        <span class="nav-icon nav-icon-customers" aria-hidden="true"></span>
                        "Customers"
                    </A>
                </li>
                // The operator's own tenant is not one of its customers; its detail is here.
                {move || {
                    session
                        .own_tenant_id()
                        .map(|id| {
                            view! {
                                <li>
                                    <A href=format!("/customers/{id}") attr:class="nav-link" attr:data-testid="nav-organisation">
                                        <span class="nav-icon nav-icon-organisation" aria-hidden="true"></span>
                                        "Your organisation"
                                    </A>
                                </li>
                            }
                        })
                }}
                <Show when=move || session.can(Permission::UsersRead)>
                    <li>
                        <A href="/users" attr:class="nav-link" attr:data-testid="nav-users">
                            <span class="nav-icon nav-icon-users" aria-hidden="true"></span>
                            "Users"
                        </A>
                    </li>
                </Show>
                <Show when=move || session.can(Permission::ActivityRead)>
                    <li>
                        <A href="/orders" attr:class="nav-link" attr:data-testid="nav-orders">
                            <span class="nav-icon nav-icon-orders" aria-hidden="true"></span>
                            "Orders"
                        </A>
                    </li>
                    <li>
                        <A href="/invoices" attr:class="nav-link" attr:data-testid="nav-invoices">
                            <span class="nav-icon nav-icon-invoices" aria-hidden="true"></span>
                            "Invoices"
                        </A>
                    </li>
                    <li>
                        <A href="/support" attr:class="nav-link" attr:data-testid="nav-support">
                            <span class="nav-icon nav-icon-support" aria-hidden="true"></span>
                            "Support"
                        </A>
                    </li>
                </Show>
                // Plans and dunning belong to a catalogue: the management tenant's or a reseller's.
                <Show when=move || session.can(Permission::BillingRead) && session.may_have_subtenants()>
                    <li>
                        <A href="/plans" attr:class="nav-link" attr:data-testid="nav-plans">
                            <span class="nav-icon nav-icon-plans" aria-hidden="true"></span>
                            "Plans"
                        </A>
                    </li>
                    <li>
                        <A href="/settings/billing" attr:class="nav-link" attr:data-testid="nav-billing-settings">
                            <span class="nav-icon nav-icon-settings" aria-hidden="true"></span>
                            "Billing settings"
                        </A>
                    </li>
                </Show>
                <Show when=move || session.can(Permission::UsageRead) && session.may_have_subtenants()>
                    <li>
                        <A href="/usage" attr:class="nav-link" attr:data-testid="nav-usage">
                            <span class="nav-icon nav-icon-usage" aria-hidden="true"></span>
                            "Usage"
                        </A>
                    </li>
                </Show>
                <Show when=move || session.can(Permission::TenantsRead) && session.may_have_subtenants()>
                    <li>
                        <A href="/policies" attr:class="nav-link" attr:data-testid="nav-policies">
                            <span class="nav-icon nav-icon-settings" aria-hidden="true"></span>
                            "Tenant policies"
                        </A>
                    </li>
                    <li>
                        <A href="/settings/properties" attr:class="nav-link" attr:data-testid="nav-custom-properties">
                            <span class="nav-icon nav-icon-settings" aria-hidden="true"></span>
                            "Custom properties"
                        </A>
                    </li>
                </Show>
                <Show when=move || session.can(Permission::TenantsRead) && session.may_have_subtenants()>
                    <li>
                        <A href="/developers" attr:class="nav-link" attr:data-testid="nav-developers">
                            <span class="nav-icon nav-icon-developers" aria-hidden="true"></span>
                            "Developers"
                        </A>
                    </li>
                </Show>
            </ul>
            <p class="sidebar-note">"Audit logs are per customer: open one and choose “Audit log”."</p>
        </nav>
    }
}

#[component]
fn Header() -> impl IntoView {
    let session = use_session();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        spawn_local(async move {
            // Forget the token even if the server cannot be told.
            let _ = api::logout().await;
            auth::end_session(None);
        });
    };
    let user = move || {
        session
            .me
            .with(|me| me.as_ref().map(|me| (me.user.username.clone(), ())))
    };
    let tenant = move || {
        session.me.with(|me| {
            me.as_ref()
                .map(|me| (me.tenant.name.clone(), me.tenant.domain.clone()))
        })
    };
    let palette = Palette::use_context();
    let shortcut = if is_mac() { "⌘K" } else { "Ctrl K" };
    view! {
        <header class="topbar">
            <button
                type="button"
                class="search-trigger"
                data-testid="open-palette"
                aria-haspopup="dialog"
                aria-keyshortcuts="Meta+K Control+K"
                on:click=move |_| palette.open()
            >
                <span class="search-icon" aria-hidden="true"></span>
                <span class="search-trigger-text">"Search…"</span>
                <kbd class="kbd">{shortcut}</kbd>
            </button>
            <div class="topbar-spacer"></div>
            <div class="user-badge" data-testid="user-badge">
                <span class="avatar" aria-hidden="true">
                    {move || user().and_then(|(u, _)| u.chars().next()).map(|c| c.to_uppercase().to_string())}
                </span>
                <span class="user-text">
                    <span class="user-name" data-testid="user-name">
                        {move || user().map(|(u, _)| u)}
                    </span>
                    <span class="user-tenant" data-testid="user-tenant">
                        {move || tenant().map(|(name, domain)| format!("{name} · {domain}"))}
                    </span>
                </span>
            </div>
            <button
                type="button"
                class="button button-secondary button-small"
                data-testid="sign-out"
                disabled=move || signing_out.get()
                on:click=sign_out
            >
                "Sign out"
            </button>
        </header>
    }
}
