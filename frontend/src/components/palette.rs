//! The search palette: Cmd+K / Ctrl+K (or the search button in the header) searches
//! customers, users, orders, invoices and tickets at once; Up/Down choose, Enter opens,
//! Escape closes.

use crate::api;
use crate::components::alert::ErrorAlert;
use crate::listbox::Highlight;
use crate::loader::latest;
use gloo_timers::future::TimeoutFuture;
use landlord_domain::wire::{SearchHit, SearchResults};
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

/// How long typing must pause before searching.
const DEBOUNCE_MS: u32 = 150;
/// Hits per kind.
const LIMIT: u32 = 5;

/// The kinds of hit, in the order the palette groups them, with their headings.
const KINDS: [(&str, &str, &str); 5] = [
    ("tenant", "Customers", "C"),
    ("user", "Users", "U"),
    ("order", "Orders", "O"),
    ("invoice", "Invoices", "I"),
    ("ticket", "Support tickets", "T"),
];

fn kind_rank(kind: &str) -> usize {
    KINDS
        .iter()
        .position(|(k, _, _)| *k == kind)
        .unwrap_or(KINDS.len())
}

/// Whether the palette is open; provided by the app shell.
#[derive(Clone, Copy)]
pub struct Palette(pub RwSignal<bool>);

impl Palette {
    pub fn provide() -> Self {
        let palette = Self(RwSignal::new(false));
        provide_context(palette);
        palette
    }

    pub fn use_context() -> Self {
        expect_context::<Self>()
    }

    pub fn open(self) {
        self.0.set(true);
    }
}

/// Whether this is a Mac, to show ⌘K rather than Ctrl K.
pub fn is_mac() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac") || p.starts_with("iP"))
}

/// Listens for Cmd+K / Ctrl+K anywhere and shows the palette while it is open.
#[component]
pub fn SearchPalette() -> impl IntoView {
    let palette = Palette::use_context();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.meta_key() || ev.ctrl_key()) && !ev.alt_key() && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            palette.0.update(|open| *open = !*open);
        }
    });
    on_cleanup(move || handle.remove());
    move || palette.0.get().then(|| view! { <PaletteDialog /> })
}

/// The hits grouped by kind, in display order (kinds the palette does not know last).
fn grouped(results: SearchResults) -> Vec<SearchHit> {
    let mut hits = results.hits;
    let mut ordered = Vec::with_capacity(hits.len());
    for rank in 0..=KINDS.len() {
        let (this, rest) = hits.into_iter().partition(|h| kind_rank(&h.kind) == rank);
        ordered.extend::<Vec<SearchHit>>(this);
        hits = rest;
    }
    ordered
}

#[component]
fn PaletteDialog() -> impl IntoView {
    let palette = Palette::use_context();
    let navigate = use_navigate();
    let input = NodeRef::<Input>::new();
    let text = RwSignal::new(String::new());
    let searched = RwSignal::new(String::new());
    let typed = StoredValue::new(0_u64);

    // Where the focus was, to give it back on close.
    let previous = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let previous = StoredValue::new_local(previous);
    input.on_load(|input| {
        let _ = input.focus();
    });

    let key = Memo::new(move |_| searched.get());
    // Only the newest search's answer is shown: older ones are aborted or dropped.
    let results = latest(key, |q: String, abort| async move {
        let hits = if q.trim().is_empty() {
            Vec::new()
        } else {
            grouped(api::search(&q, LIMIT, abort.as_ref()).await?)
        };
        Ok((q, hits))
    });
    let hits = Memo::new(move |_| {
        results
            .data
            .with(|d| {
                d.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|(_, h)| h.clone())
            })
            .unwrap_or_default()
    });
    // The text the shown hits answer.
    let answered = Memo::new(move |_| {
        results.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|(q, _)| q.clone())
        })
    });
    let highlight = Highlight::new(hits, text, answered);
    // Keep the chosen hit in view.
    Effect::new(move |_| {
        let index = highlight.index();
        if hits.with(Vec::is_empty) {
            return;
        }
        request_animation_frame(move || {
            let element = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("palette-hit-{index}")));
            if let Some(element) = element {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                element.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });

    let on_input = move |ev| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        spawn_local(async move {
            TimeoutFuture::new(DEBOUNCE_MS).await;
            if typed.try_get_value() == Some(mine) {
                searched.set(value);
            }
        });
    };

    let close = move || {
        palette.0.set(false);
        previous.with_value(|p| {
            if let Some(p) = p {
                let _ = p.focus();
            }
        });
    };
    let open_hit = {
        let navigate = navigate.clone();
        move |index: usize| {
            if let Some(hit) = hits.with_untracked(|h| h.get(index).cloned()) {
                palette.0.set(false);
                navigate(&hit.link, Default::default());
            }
        }
    };
    // Enter before the debounced search ran: search now, open the first hit once it answers.
    highlight.choose_when_answered(open_hit.clone());
    let open_on_enter = open_hit.clone();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        match ev.key().as_str() {
            "ArrowDown" => highlight.next(&ev),
            "ArrowUp" => highlight.previous(&ev),
            "Home" if ev.ctrl_key() => highlight.first(),
            "End" if ev.ctrl_key() => highlight.last(),
            "Enter" => {
                ev.prevent_default();
                highlight.enter(&open_on_enter, |current| {
                    if current.trim().is_empty() {
                        return false;
                    }
                    // Search right away rather than after the debounce.
                    typed.update_value(|n| *n += 1);
                    searched.set(current);
                    true
                });
            }
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                close();
            }
            // The input is the only stop: keep the focus inside the dialog.
            "Tab" => ev.prevent_default(),
            _ => {}
        }
    };

    let status = move || {
        let q = searched.get();
        if text.with(|t| t.trim().is_empty()) {
            return Some("Search customers by name, domain or email; users; order and invoice numbers; ticket subjects.".to_owned());
        }
        if results.data.with(|d| matches!(d, Some(Err(_)))) && !results.loading.get() {
            return None;
        }
        if answered.with(|a| a.as_ref() != Some(&q)) || q != text.get() {
            return Some("Searching…".to_owned());
        }
        if hits.with(Vec::is_empty) {
            return Some(format!("No matches for “{}”.", q.trim()));
        }
        None
    };
    let expanded = move || (!hits.with(Vec::is_empty)).to_string();
    let active_id =
        move || (!hits.with(Vec::is_empty)).then(|| format!("palette-hit-{}", highlight.index()));

    view! {
        <div
            class="palette-backdrop"
            on:mousedown=move |ev| {
                if ev.target() == ev.current_target() {
                    close();
                }
            }
        >
            <div
                class="palette"
                role="dialog"
                aria-modal="true"
                aria-label="Search"
                data-testid="palette"
                on:keydown=on_keydown
                on:mousedown=move |ev| {
                    // Clicks inside keep the focus in the search field.
                    let on_input = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .is_some();
                    if !on_input {
                        ev.prevent_default();
                    }
                }
            >
                <div class="palette-search">
                    <span class="search-icon" aria-hidden="true"></span>
                    <input
                        node_ref=input
                        type="text"
                        role="combobox"
                        aria-label="Search everything"
                        aria-autocomplete="list"
                        aria-expanded=expanded
                        aria-controls="palette-listbox"
                        aria-activedescendant=active_id
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="Search customers, users, orders, invoices, tickets…"
                        data-testid="palette-input"
                        prop:value=move || text.get()
                        on:input=on_input
                    />
                    <kbd class="kbd">"Esc"</kbd>
                </div>
                <div class="palette-results" id="palette-listbox" role="listbox" aria-label="Results">
                    {move || {
                        let open_hit = open_hit.clone();
                        hits.with(|hits| render_groups(hits, highlight, open_hit))
                    }}
                </div>
                {move || results.data.with(|d| match d {
                    Some(Err(error)) if !text.with(|t| t.trim().is_empty()) => {
                        Some(view! { <div class="palette-error"><ErrorAlert error=error.clone() testid="palette-error" /></div> })
                    }
                    _ => None,
                })}
                <p class="palette-status" role="status" aria-live="polite" data-testid="palette-status">
                    {status}
                </p>
                <footer class="palette-footer" aria-hidden="true">
                    <span><kbd class="kbd">"↑"</kbd><kbd class="kbd">"↓"</kbd>" to move"</span>
                    <span><kbd class="kbd">"↵"</kbd>" to open"</span>
                    <span><kbd class="kbd">"esc"</kbd>" to close"</span>
                </footer>
            </div>
        </div>
    }
}

fn render_groups<F>(hits: &[SearchHit], highlight: Highlight, open_hit: F) -> AnyView
where
    F: Fn(usize) + Clone + 'static,
{
    let mut groups: Vec<(&str, Vec<(usize, &SearchHit)>)> = Vec::new();
    for (index, hit) in hits.iter().enumerate() {
        match groups.last_mut() {
            Some((kind, members)) if *kind == hit.kind => members.push((index, hit)),
            _ => groups.push((hit.kind.as_str(), vec![(index, hit)])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, members)| {
            let (heading, letter) = KINDS
                .iter()
                .find(|(k, _, _)| *k == kind)
                .map(|(_, h, l)| (*h, *l))
                .unwrap_or(("Other", "•"));
            let heading_id = format!("palette-group-{kind}");
            let labelled_by = heading_id.clone();
            view! {
                <div class="palette-group" role="group" aria-labelledby=labelled_by>
                    <p class="palette-group-label" id=heading_id>{heading}</p>
                    {members
                        .into_iter()
                        .map(|(index, hit)| {
                            let open_hit = open_hit.clone();
                            view! {
                                <div
                                    class="palette-hit"
                                    class:active=move || highlight.is(index)
                                    id=format!("palette-hit-{index}")
                                    role="option"
                                    aria-selected=move || highlight.is(index).to_string()
                                    data-testid="palette-hit"
                                    data-kind=hit.kind.clone()
                                    data-link=hit.link.clone()
                                    on:mousemove=move |_| highlight.hover(index)
                                    on:click=move |_| open_hit(index)
                                >
                                    <span class=format!("palette-kind palette-kind-{kind}") aria-hidden="true">{letter}</span>
                                    <span class="palette-hit-text">
                                        <span class="palette-hit-title">{hit.title.clone()}</span>
                                        <span class="palette-hit-subtitle">{hit.subtitle.clone()}</span>
                                    </span>
                                    <span class="palette-enter" aria-hidden="true">"↵"</span>
                                </div>
                            }
                        })
                        .collect::<Vec<_>>()}
                </div>
            }
        })
        .collect::<Vec<_>>()
        .into_any()
}
