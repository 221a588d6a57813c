//! The marks of a localization study's read: each placed mark with its rating on the study's
//! scale and a way to remove it (the viewer places them; no mark at all is an answer too).

use leptos::prelude::*;

use crate::domain::reading::DraftMark;
use crate::i18n::use_i18n;
use crate::ids;

/// The marks placed on the image, each with its rating on the study's scale and a way to
/// remove it; no mark at all is an answer too.
#[component]
pub fn MarkList(marks: RwSignal<Vec<DraftMark>>, scale: vocab::RatingScale) -> impl IntoView {
    let i18n = use_i18n();
    let (lowest, highest) = scale.range().into_inner();
    view! {
        <fieldset class="marks" data-testid=ids::MARKS>
            <legend>{i18n.tr("reading-marks")}</legend>
            <p class="muted small">{i18n.tr("reading-marks-help")}</p>
            <For
                each={move || marks.get().into_iter().enumerate().collect::<Vec<_>>()}
                key={|(i, m): &(usize, DraftMark)| (*i, m.x.to_bits(), m.y.to_bits())}
                children=move |(i, _)| view! {
                    <div class="mark-row">
                        <span class="mark-number">{i + 1}</span>
                        <label>
                            {move || i18n.text(match scale {
                                vocab::RatingScale::Confidence => "reading-mark-confidence",
                                vocab::RatingScale::Ordinal5 => "reading-mark-ordinal",
                            })}
                            <input
                                type="number"
                                class="numeric"
                                data-testid=ids::MARK_RATING
                                min=lowest.to_string()
                                max=highest.to_string()
                                step="1"
                                inputmode="numeric"
                                prop:value=move || marks.with(|m| m.get(i).and_then(|d| d.rating).map(|r| r.to_string()).unwrap_or_default())
                                // Digits typed here rate the mark; they are not the call's keys.
                                on:keydown=move |ev| ev.stop_propagation()
                                on:input=move |ev| {
                                    let rating = event_target_value(&ev).trim().parse::<i64>().ok().filter(|r| (lowest..=highest).contains(r));
                                    marks.update(|m| if let Some(d) = m.get_mut(i) { d.rating = rating });
                                }
                            />
                        </label>
                        <button type="button" class="link" data-testid=ids::MARK_DELETE on:click=move |_| marks.update(|m| { if i < m.len() { m.remove(i); } })>
                            {i18n.tr("reading-mark-delete")}
                        </button>
                    </div>
                }
            />
            {move || marks.with(Vec::is_empty).then(|| view! { <p class="muted small">{i18n.tr("reading-marks-none")}</p> })}
        </fieldset>
    }
}

/// Where a click on the image falls, as fractions of its width and height; `None` off the
/// image. `offset` is the click in the image's own (untransformed) pixels, `size` its laid-out
/// size: zoom and pan are transforms of the stage, so neither changes these.
pub fn click_fraction(offset: (f64, f64), size: (f64, f64)) -> Option<(f64, f64)> {
    if size.0 <= 0.0 || size.1 <= 0.0 {
        return None;
    }
    let (x, y) = (offset.0 / size.0, offset.1 / size.1);
    ((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)).then_some((x, y))
}

/// A pointer that moved further than this (in screen pixels) between press and release panned
/// or windowed the image; it did not click on it.
pub const CLICK_SLOP: f64 = 4.0;

/// A mark dragged by `delta` layout pixels over an image laid out at `size`, kept on the image.
pub fn moved(mark: DraftMark, delta: (f64, f64), size: (f64, f64)) -> DraftMark {
    if size.0 <= 0.0 || size.1 <= 0.0 {
        return mark;
    }
    DraftMark {
        x: (mark.x + delta.0 / size.0).clamp(0.0, 1.0),
        y: (mark.y + delta.1 / size.1).clamp(0.0, 1.0),
        ..mark
    }
}

/// A mark moved by an arrow key: 0.5 % of the image per press, 5 % with Shift; `None` for any
/// other key.
pub fn nudged(mark: DraftMark, key: &str, coarse: bool) -> Option<DraftMark> {
    let step = if coarse { 0.05 } else { 0.005 };
    let (dx, dy) = match key {
        "ArrowLeft" => (-step, 0.0),
        "ArrowRight" => (step, 0.0),
        "ArrowUp" => (0.0, -step),
        "ArrowDown" => (0.0, step),
        _ => return None,
    };
    Some(moved(mark, (dx, dy), (1.0, 1.0)))
}

/// The AI's marks over the image in an aided read: a diamond with the AI's probability for
/// each, not movable; the reader's own marks stay theirs to place.
#[component]
pub fn AiMarkOverlay(
    marks: Vec<vocab::AiMark>,
    frame: RwSignal<(f64, f64, f64, f64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    marks
        .into_iter()
        .map(|m| {
            let percent = format!("{:.0}", m.rating * 100.0);
            let label = {
                let percent = percent.clone();
                move || {
                    i18n.text_with(
                        "reading-ai-mark",
                        &crate::i18n::Args::new().with("probability", percent.clone()),
                    )
                }
            };
            view! {
                <span
                    class="ai-mark"
                    data-testid=ids::AI_MARK
                    role="img"
                    aria-label=label.clone()
                    title=label
                    style:left=move || frame.with(|f| format!("{:.1}px", f.0 + m.x * f.2))
                    style:top=move || frame.with(|f| format!("{:.1}px", f.1 + m.y * f.3))
                >{percent}</span>
            }
        })
        .collect_view()
}

/// The marks drawn over the image: numbered circles at their places in the image's laid-out
/// box `frame` (left, top, width, height within the viewer's stage), dashed until rated. A mark
/// dragged with the left button moves (the image does not pan under it); `zoom` turns the
/// pointer's screen pixels into the image's layout pixels. A focused mark (Tab) moves with the
/// arrow keys and is removed with Delete or Backspace.
#[component]
pub fn MarkOverlay(
    marks: RwSignal<Vec<DraftMark>>,
    frame: RwSignal<(f64, f64, f64, f64)>,
    #[prop(into)] zoom: Signal<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dragging = StoredValue::new(None::<(usize, f64, f64)>);
    let follow = window_event_listener(leptos::ev::mousemove, move |ev| {
        let Some((i, x0, y0)) = dragging.get_value() else {
            return;
        };
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let scale = zoom.get_untracked().max(0.01);
        let (_, _, width, height) = frame.get_untracked();
        marks.update(|all| {
            if let Some(mark) = all.get_mut(i) {
                *mark = moved(*mark, ((x - x0) / scale, (y - y0) / scale), (width, height));
            }
        });
        dragging.set_value(Some((i, x, y)));
    });
    let drop = window_event_listener(leptos::ev::mouseup, move |_| dragging.set_value(None));
    on_cleanup(move || {
        follow.remove();
        drop.remove();
    });
    view! {
        // Keyed by number, the place read reactively: a mark moved by drag or key stays the same
        // element, so it keeps the keyboard focus.
        <For
            each={move || 0..marks.with(Vec::len)}
            key={|i: &usize| *i}
            children=move |i| view! {
                <span
                    class="mark"
                    class:unrated=move || marks.with(|all| all.get(i).is_some_and(|d| d.rating.is_none()))
                    data-testid=ids::MARK
                    style:left=move || frame.with(|f| format!("{:.1}px", f.0 + marks.with(|all| all.get(i).map_or(0.0, |m| m.x)) * f.2))
                    style:top=move || frame.with(|f| format!("{:.1}px", f.1 + marks.with(|all| all.get(i).map_or(0.0, |m| m.y)) * f.3))
                    tabindex="0"
                    role="button"
                    aria-label=move || i18n.text_with("reading-mark-label", &crate::i18n::Args::new().with("number", (i + 1).to_string()))
                    on:keydown=move |ev| {
                        let key = ev.key();
                        if key == "Delete" || key == "Backspace" {
                            ev.prevent_default();
                            ev.stop_propagation();
                            marks.update(|all| { if i < all.len() { all.remove(i); } });
                        } else if let Some(mark) = marks.with_untracked(|all| all.get(i).copied()).and_then(|m| nudged(m, &key, ev.shift_key())) {
                            // The arrows would scroll the page or reach the viewer's keys.
                            ev.prevent_default();
                            ev.stop_propagation();
                            marks.update(|all| all[i] = mark);
                        }
                    }
                    on:mousedown=move |ev| {
                        if ev.button() == 0 {
                            // The viewer would start panning: this press moves the mark instead.
                            ev.stop_propagation();
                            ev.prevent_default();
                            dragging.set_value(Some((i, f64::from(ev.client_x()), f64::from(ev.client_y()))));
                        }
                    }
                >{i + 1}</span>
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dragged_mark_moves_by_its_share_of_the_image_and_stays_on_it() {
        let mark = DraftMark {
            x: 0.5,
            y: 0.5,
            rating: Some(3),
        };

        let right = moved(mark, (20.0, -10.0), (200.0, 100.0));
        let off = moved(mark, (500.0, 500.0), (200.0, 100.0));

        assert!((right.x - 0.6).abs() < 1e-12 && (right.y - 0.4).abs() < 1e-12);
        assert_eq!(right.rating, Some(3), "moving keeps the rating");
        assert_eq!((off.x, off.y), (1.0, 1.0));
    }

    #[test]
    fn arrow_keys_nudge_a_mark_finely_or_coarsely_and_other_keys_do_not() {
        let mark = DraftMark {
            x: 0.5,
            y: 0.02,
            rating: None,
        };

        let right = nudged(mark, "ArrowRight", false).unwrap();
        let up = nudged(mark, "ArrowUp", true).unwrap();

        assert!((right.x - 0.505).abs() < 1e-12 && right.y == mark.y);
        assert_eq!(up.y, 0.0, "kept on the image");
        assert_eq!(nudged(mark, "a", false), None);
    }

    #[test]
    fn a_click_becomes_a_fraction_of_the_image_and_off_the_image_is_no_mark() {
        assert_eq!(
            click_fraction((50.0, 150.0), (200.0, 300.0)),
            Some((0.25, 0.5))
        );
        assert_eq!(click_fraction((201.0, 10.0), (200.0, 300.0)), None);
        assert_eq!(click_fraction((-1.0, 10.0), (200.0, 300.0)), None);
        assert_eq!(
            click_fraction((1.0, 1.0), (0.0, 0.0)),
            None,
            "image not laid out"
        );
    }
}
