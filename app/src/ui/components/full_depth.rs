//! The radiograph at full depth and full resolution on a canvas: the case's 16-bit samples are
//! fetched once, halved into a pyramid, and every change of window, inversion or zoom is drawn
//! in the browser through a lookup table, at the pyramid level that has a sample per device
//! pixel. Until the samples arrive (and without WebAssembly) the page's 8-bit image stands in.
//! Each drawing's time is kept, and the median of the last 30 is on the canvas as
//! `data-frame-ms` (with `data-frames`, the drawings so far, and `data-level`) for the browser
//! test that measures it.

use leptos::prelude::*;

use crate::ids;
use crate::ui::components::viewer::View;

/// What the viewer learns from the samples once they arrive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Loaded {
    /// Row and column spacing in mm, when the file gives it.
    pub spacing: Option<(f32, f32)>,
}

/// The canvas, drawn from `url`'s samples; `loaded` is set once they are in. `fit` is CSS
/// pixels per image pixel at zoom 1; `size` the image's size in pixels.
#[component]
pub fn FullDepthCanvas(
    url: String,
    view: RwSignal<View>,
    fit: Signal<f64>,
    size: (f64, f64),
    loaded: RwSignal<Option<Loaded>>,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    #[cfg(feature = "hydrate")]
    client::start(url, view, fit, size, loaded, canvas);
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, view, fit);
    view! {
        <canvas
            class="viewer-image viewer-canvas"
            node_ref=canvas
            data-testid=ids::VIEWER_CANVAS
            class:hidden=move || loaded.get().is_none()
            style:width=move || format!("{:.1}px", size.0 * fit.get())
            style:height=move || format!("{:.1}px", size.1 * fit.get())
        ></canvas>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use std::cell::RefCell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::{Clamped, JsCast};

    use super::Loaded;
    use crate::domain::pixels::{self, Level, Pixels};
    use crate::ui::components::viewer::View;

    /// The smallest level kept: below this the browser's own scaling is good enough.
    const SMALLEST: u32 = 256;

    struct State {
        pixels: Pixels,
        levels: Vec<Level>,
        lut_for: Option<(Option<(f64, f64)>, bool)>,
        lut: Vec<u32>,
        rgba: Vec<u32>,
        /// The last drawings' times, whole and of the lookup alone (ms).
        times: Vec<(f64, f64)>,
        /// Drawings so far.
        drawn: u64,
        /// The view and fit to draw at the next frame.
        wanted: Option<(View, f64)>,
        pending: bool,
    }

    type Shared = Rc<RefCell<Option<State>>>;

    pub fn start(
        url: String,
        view: RwSignal<View>,
        fit: Signal<f64>,
        size: (f64, f64),
        loaded: RwSignal<Option<Loaded>>,
        canvas: NodeRef<leptos::html::Canvas>,
    ) {
        let state: Shared = Rc::new(RefCell::new(None));
        let fetched = state.clone();
        leptos::task::spawn_local(async move {
            let Some(mut p) = fetch(&url).await else {
                return;
            };
            let spacing = p.spacing;
            // The samples move into the pyramid's first level; the rest of `p` is its tables.
            let image = std::mem::replace(
                &mut p.image,
                Level {
                    width: 0,
                    height: 0,
                    samples: Vec::new(),
                },
            );
            let levels = pixels::pyramid(image, SMALLEST);
            *fetched.borrow_mut() = Some(State {
                pixels: p,
                levels,
                lut_for: None,
                lut: Vec::new(),
                rgba: Vec::new(),
                times: Vec::new(),
                drawn: 0,
                wanted: None,
                pending: false,
            });
            // The viewer may be gone (the reader moved on) before the samples arrived.
            let _ = loaded.try_set(Some(Loaded { spacing }));
        });
        let state = StoredValue::new_local(state);
        Effect::new(move |_| {
            let current = view.get();
            let fit = fit.get();
            if loaded.get().is_none() {
                return;
            }
            schedule(state.get_value(), canvas, current, fit, size.0);
        });
    }

    /// Draws on the next animation frame, once however many changes came before it, the
    /// latest of them.
    fn schedule(
        state: Shared,
        canvas: NodeRef<leptos::html::Canvas>,
        view: View,
        fit: f64,
        width: f64,
    ) {
        {
            let mut s = state.borrow_mut();
            let Some(s) = s.as_mut() else { return };
            s.wanted = Some((view, fit));
            if s.pending {
                return;
            }
            s.pending = true;
        }
        request_animation_frame(move || draw(&state, canvas, width));
    }

    fn draw(state: &Shared, canvas: NodeRef<leptos::html::Canvas>, width: f64) {
        let mut guard = state.borrow_mut();
        let Some(s) = guard.as_mut() else { return };
        s.pending = false;
        let Some((view, fit)) = s.wanted.take() else {
            return;
        };
        let Some(element) = canvas.get_untracked() else {
            return;
        };
        let started = now();
        let ratio = crate::ui::components::viewer::device_pixel_ratio();
        let index = pixels::level_for(
            s.levels[0].width,
            width * fit * view.zoom * ratio,
            s.levels.len(),
        );
        let key = (view.window, view.invert);
        if s.lut_for != Some(key) {
            s.lut = pixels::rgba_lut(&match view.window {
                Some((center, width)) => pixels::window_lut(&s.pixels, center, width, view.invert),
                None => pixels::default_lut(&s.pixels, view.invert),
            });
            s.lut_for = Some(key);
        }
        let level = &s.levels[index];
        let lookup_started = now();
        pixels::paint(level, &s.lut, &mut s.rgba);
        let lookup = now() - lookup_started;
        if element.width() != level.width || element.height() != level.height {
            element.set_width(level.width);
            element.set_height(level.height);
        }
        let context = element
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            Clamped(pixels::bytes(&s.rgba)),
            level.width,
            level.height,
        );
        if let (Some(context), Ok(image)) = (context, image) {
            context.put_image_data(&image, 0.0, 0.0).ok();
        }
        s.times.push((now() - started, lookup));
        if s.times.len() > 30 {
            s.times.remove(0);
        }
        let median = |pick: fn(&(f64, f64)) -> f64| {
            let mut sorted: Vec<f64> = s.times.iter().map(pick).collect();
            sorted.sort_by(f64::total_cmp);
            sorted[sorted.len() / 2]
        };
        let _ = element.set_attribute("data-frame-ms", &format!("{:.1}", median(|t| t.0)));
        let _ = element.set_attribute("data-lookup-ms", &format!("{:.1}", median(|t| t.1)));
        let _ = element.set_attribute("data-level", &index.to_string());
        s.drawn += 1;
        let _ = element.set_attribute("data-frames", &s.drawn.to_string());
    }

    fn now() -> f64 {
        window().performance().map_or(0.0, |p| p.now())
    }

    async fn fetch(url: &str) -> Option<Pixels> {
        use wasm_bindgen_futures::JsFuture;
        let response = JsFuture::from(window().fetch_with_str(url)).await.ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        pixels::decode(&bytes)
    }
}
