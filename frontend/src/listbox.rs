//! Moving the highlight through a listbox from the text field that searches it (the ARIA
//! combobox pattern), as the search palette and the customer picker do: Up and Down move it
//! round the options, the pointer moves it too, new options start again at the first, and
//! Enter chooses the highlighted option once the options answer what is typed.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// The highlighted option of a listbox, and an Enter waiting for the search to answer.
#[derive(Clone, Copy)]
pub struct Highlight {
    active: RwSignal<usize>,
    count: Signal<usize>,
    /// What is typed, and the search the options answer.
    text: RwSignal<String>,
    answered: Memo<Option<String>>,
    /// Enter was pressed before the options answered what is typed.
    pending: RwSignal<bool>,
}

impl Highlight {
    /// Highlights the first of `options`, and again whenever they change.
    pub fn new<T>(
        options: Memo<Vec<T>>,
        text: RwSignal<String>,
        answered: Memo<Option<String>>,
    ) -> Self
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let active = RwSignal::new(0_usize);
        Effect::new(move |_| {
            options.track();
            active.set(0);
        });
        Self {
            active,
            count: Signal::derive(move || options.with(Vec::len)),
            text,
            answered,
            pending: RwSignal::new(false),
        }
    }

    /// The highlighted option's index (tracked).
    pub fn index(self) -> usize {
        self.active.get()
    }

    /// Whether the option at `index` is highlighted (tracked), for its `class:active` and
    /// `aria-selected`.
    pub fn is(self, index: usize) -> bool {
        self.active.get() == index
    }

    /// The pointer moved over the option at `index`.
    pub fn hover(self, index: usize) {
        if self.active.get_untracked() != index {
            self.active.set(index);
        }
    }

    /// Down: the next option, the first after the last. Nothing without options.
    pub fn next(self, ev: &KeyboardEvent) {
        self.step(ev, 1);
    }

    /// Up: the previous option, the last before the first. Nothing without options.
    pub fn previous(self, ev: &KeyboardEvent) {
        let count = self.count.get_untracked();
        self.step(ev, count.saturating_sub(1));
    }

    fn step(self, ev: &KeyboardEvent, by: usize) {
        let count = self.count.get_untracked();
        if count > 0 {
            ev.prevent_default();
            self.active.update(|a| *a = (*a + by) % count);
        }
    }

    /// The first option, if there are any.
    pub fn first(self) {
        if self.count.get_untracked() > 0 {
            self.active.set(0);
        }
    }

    /// The last option, if there are any.
    pub fn last(self) {
        if let Some(last) = self.count.get_untracked().checked_sub(1) {
            self.active.set(last);
        }
    }

    /// Enter: chooses the highlighted option when the options answer what is typed.
    /// Otherwise `search_now` may search for it at once, without waiting for the debounce,
    /// and says whether it did; the option is then chosen when the answer arrives (see
    /// [`Highlight::choose_when_answered`]).
    pub fn enter(self, choose: impl FnOnce(usize), search_now: impl FnOnce(String) -> bool) {
        let current = self.text.get_untracked();
        if self.answered.get_untracked().as_ref() == Some(&current) {
            choose(self.active.get_untracked());
        } else if search_now(current) {
            self.pending.set(true);
        }
    }

    /// Chooses the highlighted option with `choose` once the search an early Enter started
    /// answers what is typed.
    pub fn choose_when_answered(self, choose: impl Fn(usize) + 'static) {
        Effect::new(move |_| {
            if self.pending.get()
                && self
                    .answered
                    .with(|a| self.text.with(|t| a.as_ref() == Some(t)))
            {
                self.pending.set(false);
                choose(self.active.get_untracked());
            }
        });
    }

    /// Forgets an Enter waiting for its answer, e.g. when the list closes.
    pub fn forget_enter(self) {
        self.pending.set(false);
    }
}
