//! The read's active time (paused while the tab is hidden or after 60 s without input) and the
//! client-made idempotency key that makes a doubled or retried submit save one read.

use leptos::prelude::*;

/// Seconds without input after which the clock pauses.
pub const IDLE_AFTER_MS: f64 = 60_000.0;

/// A running clock for one case; cheap to copy into event handlers.
#[derive(Clone, Copy, Debug)]
pub struct ActiveClock {
    active_ms: StoredValue<i64>,
    last_input: StoredValue<f64>,
}

/// Whether the clock should count the second that just passed.
pub fn counts(visible: bool, now_ms: f64, last_input_ms: f64) -> bool {
    visible && now_ms - last_input_ms < IDLE_AFTER_MS
}

impl ActiveClock {
    /// Starts counting (in the browser; on the server it stays at zero).
    pub fn start() -> Self {
        let clock = ActiveClock {
            active_ms: StoredValue::new(0),
            last_input: StoredValue::new(now_ms()),
        };
        #[cfg(feature = "hydrate")]
        {
            let tick = set_interval_with_handle(
                move || {
                    let visible =
                        document().visibility_state() == web_sys::VisibilityState::Visible;
                    if counts(visible, now_ms(), clock.last_input.get_value()) {
                        clock.active_ms.update_value(|ms| *ms += 1000);
                    }
                },
                std::time::Duration::from_secs(1),
            )
            .ok();
            let moves = window_event_listener(leptos::ev::mousemove, move |_| clock.touch());
            let wheels = window_event_listener(leptos::ev::wheel, move |_| clock.touch());
            on_cleanup(move || {
                if let Some(tick) = tick {
                    tick.clear();
                }
                moves.remove();
                wheels.remove();
            });
        }
        clock
    }

    /// Records input: the reader is active.
    pub fn touch(self) {
        self.last_input.set_value(now_ms());
    }

    pub fn active_ms(self) -> i64 {
        self.active_ms.get_value()
    }
}

fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_millis() as f64)
    }
}

/// 128 random bits as hex, from the browser's CSPRNG (the server never needs one).
pub fn idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    #[cfg(feature = "hydrate")]
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let nanos = now_ms().to_bits();
        bytes[..8].copy_from_slice(&nanos.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_pauses_when_hidden_or_idle_for_a_minute() {
        assert!(counts(true, 100_000.0, 50_000.0));
        assert!(!counts(false, 100_000.0, 99_000.0));
        assert!(!counts(true, 200_000.0, 100_000.0));
    }
}
