//! Landlord's admin app: a Leptos client-side-rendered single-page app.

mod api;
mod app;
mod auth;
mod components;
mod format;
mod listbox;
mod loader;
mod pages;
mod query;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
