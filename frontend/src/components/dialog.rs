use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A modal dialog: closes on Escape, the close button or a click on the backdrop, and
/// focuses its first field when it opens.
#[component]
pub fn Dialog<F>(
    #[prop(into)] title: Signal<String>,
    testid: &'static str,
    on_close: F,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView
where
    F: Fn() + Clone + 'static,
{
    let node = NodeRef::<Div>::new();
    node.on_load(|dialog| {
        let first = dialog
            .query_selector(
                "[autofocus], input:not([readonly]), select, textarea, button.button-primary",
            )
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(first) = first {
            let _ = first.focus();
        }
    });
    let title_id = format!("{testid}-title");
    let labelled_by = title_id.clone();
    let (on_backdrop, on_key, on_button) = (on_close.clone(), on_close.clone(), on_close);
    view! {
        <div
            class="dialog-backdrop"
            on:mousedown=move |ev| {
                if ev.target() == ev.current_target() {
                    on_backdrop();
                }
            }
        >
            <div
                node_ref=node
                class="dialog"
                class:dialog-wide=wide
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                data-testid=testid
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_key();
                    }
                }
            >
                <header class="dialog-header">
                    <h2 id=title_id>{move || title.get()}</h2>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label="Close"
                        data-testid=format!("{testid}-close")
                        on:click=move |_| on_button()
                    >
                        "✕"
                    </button>
                </header>
                {children()}
            </div>
        </div>
    }
}
