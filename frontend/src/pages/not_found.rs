use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="centered-page">
            <div class="card auth-card" data-testid="not-found">
                <h1>"Page not found"</h1>
                <p class="muted">"There is nothing at this address."</p>
                <a class="button button-primary" href="/customers">
                    "Go to customers"
                </a>
            </div>
        </div>
    }
}
