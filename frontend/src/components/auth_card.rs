//! The card the signed-out pages stand on (sign in, forgot and reset password): the brand
//! and a title above the page's own content.

use leptos::prelude::*;

#[component]
pub fn AuthCard(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="centered-page">
            <div class="auth-card card">
                <div class="auth-brand">
                    <span class="brand-mark" aria-hidden="true">"L"</span>
                    <span class="brand-name">"Landlord"</span>
                </div>
                <h1>{title}</h1>
                {children()}
            </div>
        </div>
    }
}
