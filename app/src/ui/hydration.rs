//! A marker on `<body>` saying the browser has hydrated an interactive component: browser
//! tests wait for it before they click, since a click before hydration does nothing.

use leptos::prelude::*;

/// Sets `data-hydrated` on `<body>` once the calling component runs in the browser.
/// Effects never run during server rendering, so the attribute proves hydration.
pub fn mark_hydrated() {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
