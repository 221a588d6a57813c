//! A progress bar on stderr for long commands (synth, train, predict): redrawn in place on a
//! terminal, one line per tenth of the work otherwise (logs, CI).

use std::io::{IsTerminal, Write};
use std::time::Instant;

pub struct Progress {
    label: &'static str,
    started: Instant,
    terminal: bool,
    last_tenth: usize,
}

impl Progress {
    pub fn new(label: &'static str) -> Self {
        Progress {
            label,
            started: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            last_tenth: 0,
        }
    }

    /// Reports that `done` of `total` items are finished.
    pub fn update(&mut self, done: usize, total: usize) {
        let total = total.max(1);
        let elapsed = self.started.elapsed().as_secs_f64();
        let line = format!("{} {}/{} ({:.0} s)", self.label, done, total, elapsed);
        let mut stderr = std::io::stderr().lock();
        if self.terminal {
            const WIDTH: usize = 30;
            let filled = done * WIDTH / total;
            let bar = format!("{}{}", "#".repeat(filled), ".".repeat(WIDTH - filled));
            let _ = write!(stderr, "\r[{bar}] {line}");
            if done >= total {
                let _ = writeln!(stderr);
            }
        } else {
            let tenth = done * 10 / total;
            if tenth > self.last_tenth || done == total {
                self.last_tenth = tenth;
                let _ = writeln!(stderr, "{line}");
            }
        }
    }
}
