//! The image viewer: fit to the frame, zoom with the wheel to actual pixels and beyond, pan by
//! dragging, window/level by dragging with the right button (or Shift), presets from the file
//! plus bone and soft tissue, invert, reset, the heat-map overlay, a ruler in millimetres, full
//! screen; keyboard shortcuts for each, and the window, zoom and preset on screen. The image is
//! drawn at full depth in the browser (`full_depth`); every change is logged for the read.

use leptos::prelude::*;

use crate::domain::reading::{CaseToRead, DraftMark, WindowPreset};
use crate::i18n::use_i18n;
use crate::ids;
use crate::ui::components::full_depth::{FullDepthCanvas, Loaded};
use crate::ui::components::marks::{click_fraction, AiMarkOverlay, MarkOverlay, CLICK_SLOP};
use crate::ui::components::readout::{Readout, Ruler};

/// One viewer event for the read's interaction log.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ViewerEvent {
    pub kind: &'static str,
    pub detail: String,
}

/// The view: zoom, pan, window, inversion, overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub zoom: f64,
    pub pan: (f64, f64),
    pub window: Option<(f64, f64)>,
    pub invert: bool,
    pub heatmap: bool,
    pub opacity: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            zoom: 1.0,
            pan: (0.0, 0.0),
            window: None,
            invert: false,
            heatmap: false,
            opacity: 0.5,
        }
    }
}

/// The presets offered: the file's own, then bone and soft tissue over the stored range.
pub fn presets(case: &CaseToRead) -> Vec<WindowPreset> {
    let max = 2f64.powi(case.bits_stored.clamp(1, 16) as i32) - 1.0;
    let mut all = case.windows.clone();
    all.push(WindowPreset {
        name: "bone".into(),
        center: 0.65 * max,
        width: 0.5 * max,
    });
    all.push(WindowPreset {
        name: "soft-tissue".into(),
        center: 0.4 * max,
        width: 0.8 * max,
    });
    all
}

/// The keys [`on_key`] acts on.
const SHORTCUTS: [&str; 20] = [
    "+",
    "=",
    "-",
    "ArrowLeft",
    "ArrowRight",
    "ArrowUp",
    "ArrowDown",
    "i",
    "I",
    "r",
    "R",
    "h",
    "H",
    "w",
    "W",
    "0",
    "z",
    "Z",
    "f",
    "F",
];

/// The most the image can be magnified, relative to fitting the frame.
const MAX_ZOOM: f64 = 32.0;

/// Whether a key press is meant for a form field rather than the viewer.
fn in_a_field(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}

/// Applies a key press; returns the event to log, if the key did something.
pub fn on_key(
    key: &str,
    view: &mut View,
    presets: &[WindowPreset],
    preset_index: &mut usize,
) -> Option<ViewerEvent> {
    let event = |kind, detail: String| Some(ViewerEvent { kind, detail });
    match key {
        "+" | "=" => {
            view.zoom = (view.zoom * 1.25).min(MAX_ZOOM);
            event("zoom", format!("{:.2}", view.zoom))
        }
        "-" => {
            view.zoom = (view.zoom / 1.25).max(0.25);
            event("zoom", format!("{:.2}", view.zoom))
        }
        "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
            let step = 40.0;
            match key {
                "ArrowLeft" => view.pan.0 += step,
                "ArrowRight" => view.pan.0 -= step,
                "ArrowUp" => view.pan.1 += step,
                _ => view.pan.1 -= step,
            }
            event("pan", format!("{:.0},{:.0}", view.pan.0, view.pan.1))
        }
        "i" | "I" => {
            view.invert = !view.invert;
            event("invert", view.invert.to_string())
        }
        "r" | "R" | "0" => {
            *view = View {
                heatmap: view.heatmap,
                opacity: view.opacity,
                ..View::default()
            };
            event("reset", String::new())
        }
        "h" | "H" => {
            view.heatmap = !view.heatmap;
            event("heatmap", view.heatmap.to_string())
        }
        "w" | "W" if !presets.is_empty() => {
            *preset_index = preset_index.wrapping_add(1) % presets.len();
            let p = &presets[*preset_index];
            view.window = Some((p.center, p.width));
            event(
                "window",
                format!("{}:{:.0}/{:.0}", p.name, p.center, p.width),
            )
        }
        _ => None,
    }
}

/// The viewer for one case; `log` receives every interaction. With `marks`, a click on the
/// image places a mark there (a localization study).
#[component]
pub fn Viewer(
    case: CaseToRead,
    view: RwSignal<View>,
    log: Callback<ViewerEvent>,
    #[prop(default = None)] marks: Option<RwSignal<Vec<DraftMark>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let presets = StoredValue::new(presets(&case));
    let preset_index = StoredValue::new(usize::MAX);
    let drag = StoredValue::new(None::<(f64, f64, bool)>);
    // The press position, to tell a click (a mark) from a drag (pan or window).
    let pressed = StoredValue::new(None::<(f64, f64)>);
    let viewer = NodeRef::<leptos::html::Div>::new();
    // The image's laid-out box within the stage, for placing the marks over it, and the CSS
    // pixels per image pixel that fit the image in the frame (upwards too).
    let frame = RwSignal::new((0.0, 0.0, 0.0, 0.0));
    let fit = RwSignal::new(1.0_f64);
    let natural = (case.width.max(1) as f64, case.height.max(1) as f64);
    let measure = move || {
        let Some(stage) = viewer.get_untracked() else {
            return;
        };
        let (sw, sh) = (
            f64::from(stage.client_width()),
            f64::from(stage.client_height()),
        );
        if sw <= 0.0 || sh <= 0.0 {
            return;
        }
        let scale = (sw / natural.0).min(sh / natural.1);
        let (w, h) = (natural.0 * scale, natural.1 * scale);
        fit.set(scale);
        frame.set(((sw - w) / 2.0, (sh - h) / 2.0, w, h));
    };
    let loaded = RwSignal::new(None::<Loaded>);
    // An image already loaded when the page hydrates fired its load event before anyone
    // listened: measure once mounted too, or the AI's marks would sit at the stage's corner.
    Effect::new(move |_| {
        if viewer.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let image_src = {
        let display = case.image_url.clone();
        let window_url = case.window_url.clone();
        // Once the canvas draws the image, windowing never asks the server again.
        move || match view.with(|v| v.window) {
            Some((c, w)) if loaded.get().is_none() => {
                format!("{window_url}?center={c:.1}&width={w:.1}")
            }
            _ => display.clone(),
        }
    };
    let transform = move || {
        view.with(|v| {
            format!(
                "transform: translate({}px, {}px) scale({});",
                v.pan.0, v.pan.1, v.zoom
            )
        })
    };
    let heatmap_url = case.ai.as_ref().map(|ai| ai.heatmap_url.clone());
    let ai_marks = case
        .ai
        .as_ref()
        .and_then(|ai| ai.marks.clone())
        .unwrap_or_default();
    let has_heatmap = heatmap_url.is_some();
    let apply = move |key: &str| {
        if matches!(key, "z" | "Z") {
            // Actual pixels: one image pixel per device pixel; again, back to fitting the frame.
            let ratio = device_pixel_ratio();
            let actual = 1.0 / (fit.get_untracked() * ratio).max(1e-6);
            let back = view.with_untracked(|v| (v.zoom - actual).abs() < 1e-3);
            view.update(|v| {
                v.zoom = if back {
                    1.0
                } else {
                    actual.clamp(0.25, MAX_ZOOM)
                };
                v.pan = (0.0, 0.0);
            });
            log.run(ViewerEvent {
                kind: "zoom",
                detail: format!("{:.2}", view.with_untracked(|v| v.zoom)),
            });
            return;
        }
        if matches!(key, "f" | "F") {
            let on = toggle_full_screen();
            log.run(ViewerEvent {
                kind: "fullscreen",
                detail: on.to_string(),
            });
            return;
        }
        let mut index = preset_index.get_value();
        let mut next = view.get_untracked();
        let event = presets.with_value(|p| on_key(key, &mut next, p, &mut index));
        preset_index.set_value(index);
        if let Some(event) = event {
            view.set(next);
            log.run(event);
        }
    };
    // The toolbar's keys work from anywhere on the page, except while typing in a field (the
    // typed rating, the confidence slider's arrows) or with a modifier held (browser shortcuts).
    // `?` shows the keys; Escape (or `?` again) hides them.
    let help = RwSignal::new(false);
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || in_a_field(&ev) {
            return;
        }
        let key = ev.key();
        if key == "?" {
            help.update(|shown| *shown = !*shown);
        } else if key == "Escape" {
            help.set(false);
        } else if SHORTCUTS.contains(&key.as_str()) {
            ev.prevent_default();
            apply(&key);
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <div class="viewer-tools" role="toolbar" aria-label=move || i18n.text("viewer-tools")>
            <button class="tool" title=move || i18n.text("viewer-zoom-in") on:click=move |_| apply("+")>"+"</button>
            <button class="tool" title=move || i18n.text("viewer-zoom-out") on:click=move |_| apply("-")>"−"</button>
            <button class="tool" data-testid=ids::VIEWER_WINDOW title=move || i18n.text("viewer-window") on:click=move |_| apply("w")>"W"</button>
            <button class="tool" data-testid=ids::VIEWER_INVERT title=move || i18n.text("viewer-invert") on:click=move |_| apply("i")>"I"</button>
            <button class="tool" title=move || i18n.text("viewer-reset") on:click=move |_| apply("r")>"R"</button>
            <button class="tool" data-testid=ids::VIEWER_ACTUAL title=move || i18n.text("viewer-actual") on:click=move |_| apply("z")>"1:1"</button>
            <button class="tool" data-testid=ids::VIEWER_FULLSCREEN title=move || i18n.text("viewer-fullscreen") on:click=move |_| apply("f")>"⛶"</button>
            <Show when=move || has_heatmap>
                <label class="tool-toggle">
                    <input
                        type="checkbox"
                        data-testid=ids::HEATMAP_TOGGLE
                        prop:checked=move || view.with(|v| v.heatmap)
                        on:change=move |_| apply("h")
                    />
                    {i18n.tr("viewer-heatmap")}
                </label>
                <input
                    type="range" min="0" max="100"
                    aria-label=move || i18n.text("viewer-opacity")
                    prop:value=move || (view.with(|v| v.opacity) * 100.0).round().to_string()
                    on:input=move |ev| {
                        let value = event_target_value(&ev).parse::<f64>().unwrap_or(50.0) / 100.0;
                        view.update(|v| v.opacity = value);
                        log.run(ViewerEvent { kind: "opacity", detail: format!("{value:.2}") });
                    }
                />
            </Show>
            <span class="muted small">{i18n.tr("viewer-keys")}</span>
        </div>
        <Readout view fit=fit.into() presets=presets.get_value()/>
        <Show when=move || help.get()>
            <div class="viewer-help" role="dialog" aria-label=move || i18n.text("viewer-help") data-testid=ids::VIEWER_HELP>
                <h2>{i18n.tr("viewer-help")}</h2>
                <ul>
                    {move || i18n.text("viewer-keys").split(" · ").map(|item| view! { <li>{item.to_string()}</li> }).collect_view()}
                    <li>{i18n.tr("viewer-help-close")}</li>
                </ul>
            </div>
        </Show>
        <div
            class="viewer"
            node_ref=viewer
            data-testid=ids::VIEWER
            on:contextmenu=|ev| ev.prevent_default()
            on:wheel=move |ev| {
                ev.prevent_default();
                apply(if ev.delta_y() < 0.0 { "+" } else { "-" });
            }
            on:mousedown=move |ev| {
                let windowing = ev.button() == 2 || ev.shift_key();
                drag.set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()), windowing)));
                pressed.set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
            }
            on:mousemove=move |ev| {
                let Some((x0, y0, windowing)) = drag.get_value() else { return };
                let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
                drag.set_value(Some((x, y, windowing)));
                if windowing {
                    let max = presets.with_value(|p| p.last().map_or(255.0, |s| s.width / 0.8));
                    view.update(|v| {
                        let (c, w) = v.window.unwrap_or((max / 2.0, max));
                        v.window = Some((c - (y - y0) * max / 500.0, (w + (x - x0) * max / 500.0).max(1.0)));
                    });
                } else {
                    view.update(|v| v.pan = (v.pan.0 + x - x0, v.pan.1 + y - y0));
                }
            }
            on:mouseup=move |_| {
                if let Some((_, _, windowing)) = drag.get_value() {
                    let detail = view.with_untracked(|v| if windowing {
                        v.window.map(|(c, w)| format!("{c:.0}/{w:.0}")).unwrap_or_default()
                    } else {
                        format!("{:.0},{:.0}", v.pan.0, v.pan.1)
                    });
                    log.run(ViewerEvent { kind: if windowing { "window" } else { "pan" }, detail });
                }
                drag.set_value(None);
            }
            on:mouseleave=move |_| drag.set_value(None)
        >
            <div class="viewer-stage" style=transform>
                <FullDepthCanvas url=case.pixels_url.clone() view fit=fit.into() size=natural loaded/>
                <img
                    class="viewer-image"
                    style:width=move || format!("{:.1}px", natural.0 * fit.get())
                    style:height=move || format!("{:.1}px", natural.1 * fit.get())
                    class:under-canvas=move || loaded.get().is_some()
                    data-testid=ids::VIEWER_IMAGE
                    src=image_src
                    alt=move || i18n.text("viewer-image")
                    draggable="false"
                    class:inverted=move || view.with(|v| v.invert)
                    class:marking=marks.is_some()
                    on:load=move |_| measure()
                    on:click=move |ev| {
                        let Some(marks) = marks else { return };
                        let moved = pressed.get_value().is_some_and(|(x, y)| {
                            (f64::from(ev.client_x()) - x).hypot(f64::from(ev.client_y()) - y) > CLICK_SLOP
                        });
                        if moved || ev.button() != 0 || ev.shift_key() {
                            return;
                        }
                        measure();
                        let (_, _, width, height) = frame.get_untracked();
                        let offset = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                        if let Some((x, y)) = click_fraction(offset, (width, height)) {
                            if marks.with_untracked(Vec::len) < vocab::MAX_MARKS {
                                marks.update(|m| m.push(DraftMark { x, y, rating: None }));
                                log.run(ViewerEvent { kind: "mark", detail: format!("{x:.4},{y:.4}") });
                            }
                        }
                    }
                />
                {(!ai_marks.is_empty()).then(|| view! { <AiMarkOverlay marks=ai_marks frame/> })}
                {marks.map(|marks| view! {
                    <MarkOverlay marks frame zoom=Signal::derive(move || view.with(|v| v.zoom))/>
                })}
                {heatmap_url.map(|url| view! {
                    <img
                        class="viewer-overlay"
                        data-testid=ids::HEATMAP
                        style:width=move || format!("{:.1}px", natural.0 * fit.get())
                        style:height=move || format!("{:.1}px", natural.1 * fit.get())
                        src=url
                        alt=""
                        draggable="false"
                        style:opacity=move || view.with(|v| v.opacity.to_string())
                        class:hidden=move || !view.with(|v| v.heatmap)
                    />
                })}
            </div>
            <Ruler view fit=fit.into() loaded/>
        </div>
    }
}

/// Device pixels per CSS pixel (at least 1): what "actual pixels" and the drawn level depend on.
pub fn device_pixel_ratio() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        window().device_pixel_ratio().max(1.0)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        1.0
    }
}

/// Enters or leaves full screen (the whole page, so the rating stays at hand); whether it is
/// now on.
fn toggle_full_screen() -> bool {
    #[cfg(feature = "hydrate")]
    {
        let document = document();
        if document.fullscreen_element().is_some() {
            document.exit_fullscreen();
            false
        } else {
            document
                .document_element()
                .is_some_and(|root| root.request_fullscreen().is_ok())
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_zoom_invert_reset_and_cycle_the_window_presets() {
        let presets = vec![
            WindowPreset {
                name: "a".into(),
                center: 100.0,
                width: 200.0,
            },
            WindowPreset {
                name: "b".into(),
                center: 50.0,
                width: 80.0,
            },
        ];
        let mut view = View::default();
        let mut index = usize::MAX;

        on_key("+", &mut view, &presets, &mut index);
        on_key("i", &mut view, &presets, &mut index);
        let first = on_key("w", &mut view, &presets, &mut index).unwrap();
        on_key("w", &mut view, &presets, &mut index);

        assert!(view.zoom > 1.0 && view.invert);
        assert_eq!(first.detail, "a:100/200");
        assert_eq!(view.window, Some((50.0, 80.0)));
        on_key("r", &mut view, &presets, &mut index);
        assert_eq!(view, View::default());
        assert_eq!(on_key("q", &mut view, &presets, &mut index), None);
    }
}
