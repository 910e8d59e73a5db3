use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Copies `text` to the clipboard. Where the clipboard is unavailable (plain-HTTP pages),
/// tells the user to copy by hand. The button reads `label` ("Copy link" by default).
#[component]
pub fn CopyButton(
    text: String,
    testid: &'static str,
    #[prop(optional)] label: Option<&'static str>,
) -> impl IntoView {
    let state = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let text = text.clone();
        spawn_local(async move {
            let copied = match clipboard() {
                Some(clipboard) => JsFuture::from(clipboard.write_text(&text)).await.is_ok(),
                None => false,
            };
            state.set(Some(if copied {
                "Copied"
            } else {
                "Select the text and press Ctrl+C"
            }));
            TimeoutFuture::new(2_500).await;
            state.set(None);
        });
    };
    view! {
        <button type="button" class="button button-secondary" data-testid=testid on:click=copy>
            {label.unwrap_or("Copy link")}
        </button>
        <span class="copy-state" aria-live="polite" data-testid=format!("{testid}-state")>{move || state.get()}</span>
    }
}

fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    // Browsers only offer the clipboard to secure contexts; calling it when absent would throw.
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .is_some_and(|c| !c.is_undefined() && !c.is_null());
    present.then(|| navigator.clipboard())
}
