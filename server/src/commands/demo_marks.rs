//! The marks of the simulated readers in the localization demo, drawn to agree with their call
//! and confidence: a reader who calls a positive case positive marks its lesion with that
//! confidence (and now and then misses it the other way round, marking it low after a negative
//! call); a positive call on a normal case marks the spot that fooled them; and a few stray marks
//! fall anywhere off the lesions. Each draw has its own stream of the demo's seed, keyed by case,
//! reader and session, so a second run saves the same marks.

use imaging::LesionMap;
use vocab::{Mark, MarkRule, SplitMix64};

/// Purpose constant of the marks' random streams.
const MARKS: u64 = 0x4d41_524b;
/// How often a reader who calls a positive case negative still marks its lesion, low.
const LOW_MARK: f64 = 0.25;
/// How often a reader leaves a stray mark somewhere, rated low.
const STRAY: f64 = 0.12;

/// A spot off every lesion, inside the central 80 % of the image (where anatomy is).
fn off_lesion(map: Option<&LesionMap>, rng: &mut SplitMix64) -> Option<(f64, f64)> {
    (0..20).find_map(|_| {
        let (x, y) = (rng.range(0.1, 0.9), rng.range(0.1, 0.9));
        let on = map.and_then(|m| m.localized(x, y, MarkRule::InMask, 5));
        on.is_none().then_some((x, y))
    })
}

/// The marks one simulated reader places on one case; `map` holds the case's lesions (none for
/// a normal case), `confidence` is the reader's 0–100 confidence in `call_positive`.
pub fn simulated_marks(
    map: Option<&LesionMap>,
    call_positive: bool,
    confidence: i64,
    stream: [u64; 3],
    seed: u64,
) -> Vec<Mark> {
    let mut rng = SplitMix64::for_purpose(seed, &[MARKS, stream[0], stream[1], stream[2]]);
    let mut marks = Vec::new();
    let lesion = map.filter(|m| m.lesions() > 0).and_then(|m| m.point_in(0));
    match (lesion, call_positive) {
        (Some((x, y)), true) => marks.push(Mark {
            x,
            y,
            rating: confidence,
        }),
        (Some((x, y)), false) if rng.bernoulli(LOW_MARK) => marks.push(Mark {
            x,
            y,
            rating: (100 - confidence) / 2,
        }),
        (None, true) => {
            if let Some((x, y)) = off_lesion(map, &mut rng) {
                marks.push(Mark {
                    x,
                    y,
                    rating: confidence,
                });
            }
        }
        _ => {}
    }
    if rng.bernoulli(STRAY) {
        if let Some((x, y)) = off_lesion(map, &mut rng) {
            marks.push(Mark {
                x,
                y,
                rating: rng.range(5.0, 40.0).round() as i64,
            });
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesion() -> LesionMap {
        let mut mask = vec![0u8; 100 * 100];
        for y in 40..60 {
            for x in 40..60 {
                mask[y * 100 + x] = 255;
            }
        }
        LesionMap::from_mask(100, 100, &mask)
    }

    #[test]
    fn a_positive_call_on_a_lesion_marks_it_with_the_readers_confidence() {
        let map = lesion();

        let marks = simulated_marks(Some(&map), true, 80, [1, 2, 1], 2024);

        let on: Vec<&Mark> = marks
            .iter()
            .filter(|m| map.localized(m.x, m.y, MarkRule::InMask, 5).is_some())
            .collect();
        assert_eq!(on.len(), 1);
        assert_eq!(on[0].rating, 80);
    }

    #[test]
    fn marks_on_a_normal_case_are_off_any_lesion_and_the_same_on_a_second_run() {
        for case in 0..200 {
            let first = simulated_marks(None, case % 2 == 0, 70, [case, 3, 2], 7);

            assert_eq!(
                first,
                simulated_marks(None, case % 2 == 0, 70, [case, 3, 2], 7)
            );
            if case % 2 == 0 {
                assert!(
                    !first.is_empty(),
                    "a positive call marks the spot that fooled the reader"
                );
            }
            assert!(first
                .iter()
                .all(|m| (0.1..=0.9).contains(&m.x) && m.rating <= 100));
        }
    }
}
