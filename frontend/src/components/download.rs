//! Offering bytes fetched with the session's token to the user as a file download.

use gloo_timers::future::TimeoutFuture;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Saves `bytes` as `file_name` through a temporary Blob link.
pub fn save_file(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: HtmlAnchorElement = document
        .create_element("a")?
        .dyn_into()
        .map_err(JsValue::from)?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    spawn_local(async move {
        // Give the browser time to start the download before the URL goes away.
        TimeoutFuture::new(10_000).await;
        let _ = Url::revoke_object_url(&url);
    });
    Ok(())
}

/// Fetches a customer's setup instructions (seed 004) and saves them as their Markdown file.
pub async fn save_setup_instructions(tenant: i64) -> Result<(), crate::api::ApiError> {
    let file = crate::api::support::setup_instructions(tenant).await?;
    let name = file.file_name.as_deref().unwrap_or("setup-instructions.md");
    save_file(&file.bytes, name, "text/markdown")
        .map_err(|_| crate::api::ApiError::Decode("the file could not be saved".into()))
}
