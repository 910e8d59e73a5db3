//! The router: public pages (sign-in, password reset) and the signed-in app shell.

use crate::auth::Session;
use crate::components::shell::AppShell;
use crate::components::tenant_name::TenantNames;
use crate::pages::activity::activity_route;
use crate::pages::billing_settings::BillingSettingsPage;
use crate::pages::custom_properties::CustomPropertiesPage;
use crate::pages::customer_detail::CustomerDetailRoute;
use crate::pages::customers::CustomersPage;
use crate::pages::developers::DevelopersPage;
use crate::pages::forgot_password::ForgotPasswordPage;
use crate::pages::new_customer::NewCustomerDialog;
use crate::pages::not_found::NotFoundPage;
use crate::pages::plans::PlansPage;
use crate::pages::policies::PoliciesPage;
use crate::pages::reset_password::ResetPasswordPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::usage::UsagePage;
use crate::pages::users::UsersPage;
use crate::pages::webhook_deliveries::WebhookDeliveriesPage;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

/// Bumped after every change to a tenant so lists and panels showing tenants reload.
#[derive(Clone, Copy)]
pub struct TenantsChanged(pub RwSignal<u64>);

impl TenantsChanged {
    pub fn notify(self) {
        self.0.update(|n| *n += 1);
    }
}

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    provide_context(TenantsChanged(RwSignal::new(0)));
    TenantNames::provide();
    crate::components::customer_row_menu::PanelRequest::provide();

    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=SignInPage />
                <Route path=path!("/reset-password") view=ResetPasswordPage />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <ParentRoute path=path!("") view=AppShell>
                    <Route path=path!("") view=|| view! { <Redirect path="/customers" /> } />
                    <ParentRoute path=path!("/customers") view=CustomersPage>
                        <Route path=path!("") view=|| () />
                        <Route path=path!("/new") view=NewCustomerDialog />
                        <Route path=path!("/:id") view=CustomerDetailRoute />
                    </ParentRoute>
                    <Route path=path!("/users") view=UsersPage />
                    <Route path=path!("/orders") view=activity_route />
                    <Route path=path!("/invoices") view=activity_route />
                    <Route path=path!("/support") view=activity_route />
                    <Route path=path!("/plans") view=PlansPage />
                    <Route path=path!("/usage") view=UsagePage />
                    <Route path=path!("/policies") view=PoliciesPage />
                    <Route path=path!("/settings/billing") view=BillingSettingsPage />
                    <Route path=path!("/settings/properties") view=CustomPropertiesPage />
                    <Route path=path!("/developers") view=DevelopersPage />
                    <Route path=path!("/developers/webhooks/:id") view=WebhookDeliveriesPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
