//! A crash while reading one document must cost that document only. Panics
//! below the document boundary are caught and become a row of errors.csv;
//! the panic hook stays quiet for them (a batch of 100 000 files must not
//! flood stderr) and keeps the default report for every other panic.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static INSIDE_DOCUMENT: Cell<bool> = const { Cell::new(false) };
    static LAST_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

/// Installs the hook once per process.
pub fn install_quiet_hook() {
    INSTALL.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if INSIDE_DOCUMENT.with(Cell::get) {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LAST_LOCATION.with(|last| *last.borrow_mut() = location);
            } else {
                default_hook(info);
            }
        }));
    });
}

/// Runs `work`, turning a panic into its message (with where it happened).
pub fn run_guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let outer = INSIDE_DOCUMENT.with(|inside| inside.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    INSIDE_DOCUMENT.with(|inside| inside.set(outer));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        match LAST_LOCATION.with(|last| last.borrow_mut().take()) {
            Some(location) => format!("{message} at {location}"),
            None => message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        install_quiet_hook();
        let caught = run_guarded(|| -> u8 { panic!("index out of bounds") });
        let message = caught.unwrap_err();
        assert!(message.starts_with("index out of bounds at "), "{message}");
        assert!(message.contains("panic_guard.rs"), "{message}");
        assert_eq!(run_guarded(|| 7), Ok(7));
    }
}
