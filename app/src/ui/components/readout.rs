//! What the viewer shows about itself: the window (centre/width and the preset's name), the
//! magnification (100 % is one image pixel per screen pixel), and a ruler in millimetres when
//! the image says how large its pixels are.

use leptos::prelude::*;

use crate::domain::reading::WindowPreset;
use crate::i18n::{use_i18n, Args};
use crate::ids;
use crate::ui::components::full_depth::Loaded;
use crate::ui::components::viewer::{device_pixel_ratio, View};

/// The window, zoom and preset, on one line above the image.
#[component]
pub fn Readout(
    view: RwSignal<View>,
    fit: Signal<f64>,
    presets: Vec<WindowPreset>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let (window, zoom) = view.with(|v| (v.window, v.zoom));
        let percent = magnification(zoom, fit.get(), device_pixel_ratio());
        let zoom = format!("{percent:.0} %");
        let args = match window {
            None => {
                return i18n.text_with("viewer-readout-default", &Args::new().with("zoom", zoom))
            }
            Some((center, width)) => Args::new()
                .with("center", format!("{center:.0}"))
                .with("width", format!("{width:.0}"))
                .with("zoom", zoom)
                .with(
                    "preset",
                    preset_name(&presets, center, width)
                        .unwrap_or_else(|| i18n.text("viewer-preset-custom")),
                ),
        };
        i18n.text_with("viewer-readout", &args)
    };
    view! { <p class="viewer-readout small" data-testid=ids::VIEWER_READOUT aria-live="off">{text}</p> }
}

/// The name of the preset with this window, if the window is one.
fn preset_name(presets: &[WindowPreset], center: f64, width: f64) -> Option<String> {
    presets
        .iter()
        .find(|p| (p.center - center).abs() < 0.05 && (p.width - width).abs() < 0.05)
        .map(|p| p.name.clone())
}

/// Percent of actual size: image pixels per device pixel, times 100.
pub fn magnification(zoom: f64, fit: f64, device_ratio: f64) -> f64 {
    zoom * fit * device_ratio * 100.0
}

/// A scale bar of a round length in millimetres, 60 to 150 CSS pixels long, when the pixel
/// spacing is known.
#[component]
pub fn Ruler(
    view: RwSignal<View>,
    fit: Signal<f64>,
    loaded: RwSignal<Option<Loaded>>,
) -> impl IntoView {
    let bar = move || {
        let (_, column) = loaded.get()?.spacing?;
        let px_per_mm = fit.get() * view.with(|v| v.zoom) / f64::from(column);
        ruler_length(px_per_mm)
    };
    move || {
        bar().map(|(mm, px)| {
            view! {
                <div class="ruler" data-testid=ids::VIEWER_RULER style:width=format!("{px:.1}px")>
                    <span>{format!("{mm} mm")}</span>
                </div>
            }
        })
    }
}

/// The round length (mm) whose bar is 60–150 CSS pixels at `px_per_mm`, and that bar's pixels.
pub fn ruler_length(px_per_mm: f64) -> Option<(u32, f64)> {
    if !(px_per_mm.is_finite() && px_per_mm > 0.0) {
        return None;
    }
    [1, 2, 5, 10, 20, 50, 100, 200, 500]
        .into_iter()
        .map(|mm| (mm, f64::from(mm) * px_per_mm))
        .find(|(_, px)| (60.0..=150.0).contains(px))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ruler_takes_the_round_length_that_draws_a_readable_bar() {
        // A 0.14 mm radiograph fitted at 0.4: 2.86 px per mm; 50 mm is 143 px.
        assert_eq!(ruler_length(0.4 / 0.14).map(|(mm, _)| mm), Some(50));
        assert_eq!(ruler_length(10.0).map(|(mm, _)| mm), Some(10));
        assert_eq!(ruler_length(0.0), None);
        assert_eq!(ruler_length(f64::NAN), None);
    }

    #[test]
    fn a_hundred_percent_is_one_image_pixel_per_device_pixel() {
        assert!((magnification(1.0 / 0.4, 0.4, 1.0) - 100.0).abs() < 1e-9);
        assert!((magnification(1.0, 0.25, 2.0) - 50.0).abs() < 1e-9);
    }
}
