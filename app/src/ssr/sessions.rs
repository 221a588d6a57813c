//! Which of a reader's sessions are open: practice first, then session 1, then (crossover)
//! session 2 once session 1 is done and the washout has passed, or once session 1 is done and
//! a coordinator ended the washout early (with a reason, audited). An override never opens a
//! session before the one before it is finished, so a reader has at most one open session:
//! the session they are reading now, which alone decides what they may see.

use store::{Reader, Store, StoreError, Study};
use vocab::SessionMode;

use crate::domain::reading::SessionCard;
use crate::ssr::orders::PRACTICE_SESSION;
use crate::ssr::progress::date_after;

/// What the worklist needs to know about one session.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionFacts {
    pub session: i64,
    pub total: i64,
    pub done: i64,
    pub last_activity: Option<String>,
    pub overridden: bool,
}

impl SessionFacts {
    pub fn finished(&self) -> bool {
        self.total > 0 && self.done >= self.total
    }
}

/// The mode a session is read in.
pub fn mode(study: &Study, reader: &Reader, session: i64) -> SessionMode {
    SessionMode::of(study.design, reader.group, session)
}

/// The worklist's cards for one reader, given each session's facts and today's date
/// (`YYYY-MM-DD`, UTC).
pub fn cards(
    study: &Study,
    reader: &Reader,
    facts: &[SessionFacts],
    today: &str,
) -> Vec<SessionCard> {
    let fact = |session: i64| facts.iter().find(|f| f.session == session);
    let practice_pending = fact(PRACTICE_SESSION).is_some_and(|f| f.total > 0 && !f.finished());
    let mut sessions: Vec<i64> = Vec::new();
    if fact(PRACTICE_SESSION).is_some_and(|f| f.total > 0) {
        sessions.push(PRACTICE_SESSION);
    }
    sessions.extend(study.design.sessions());
    sessions
        .into_iter()
        .map(|session| {
            let f = fact(session).cloned().unwrap_or(SessionFacts {
                session,
                total: 0,
                done: 0,
                last_activity: None,
                overridden: false,
            });
            let mut closed_because = None;
            let mut opens_on = None;
            if session == 1 && practice_pending {
                closed_because = Some("practice-first");
            } else if session == 2 {
                let first = fact(1).cloned();
                let first_done = first.as_ref().is_some_and(SessionFacts::finished);
                // An override ends the washout only: session 1's unaided (or aided) reads must
                // all be in before the other modality is shown.
                if !first_done {
                    closed_because = Some("previous-first");
                } else if first_done {
                    opens_on = first
                        .and_then(|s| s.last_activity)
                        .and_then(|t| date_after(&t, study.config.washout_days));
                    if !f.overridden && opens_on.as_deref().is_some_and(|d| today < d) {
                        closed_because = Some("washout");
                    }
                }
            }
            // A finished session is done, whatever the calendar says (the demo's simulated
            // readers finish session 2 without waiting for the washout).
            if f.finished() {
                closed_because = None;
                opens_on = None;
            }
            let state = if f.finished() {
                "done"
            } else if closed_because.is_some() {
                "closed"
            } else {
                "open"
            };
            SessionCard {
                session,
                mode: mode(study, reader, session),
                done: f.done,
                total: f.total,
                state: state.into(),
                closed_because: closed_because.map(str::to_string),
                opens_on,
            }
        })
        .collect()
}

/// The session a reader is reading now: the open one (there is at most one), else the last
/// finished one (where going back to correct a rating may still be allowed); `None` before
/// any session can be read. Images, the AI and corrections are granted from this session only.
pub fn reading_now(cards: &[SessionCard]) -> Option<&SessionCard> {
    cards
        .iter()
        .find(|c| c.state == "open")
        .or_else(|| cards.iter().rev().find(|c| c.state == "done"))
}

/// Today's date, UTC, as `YYYY-MM-DD`.
pub fn today() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()[..10].to_string()
}

/// The facts of every session a reader has an order for, from that reader's rows only (the
/// reading loop never scans the study).
///
/// # Errors
/// [`StoreError`] when the database fails.
pub async fn facts(store: &Store, reader: &Reader) -> Result<Vec<SessionFacts>, StoreError> {
    Ok(store
        .reader_sessions(reader.id)
        .await?
        .into_iter()
        .map(|s| SessionFacts {
            session: s.session,
            total: s.total,
            done: s.done,
            last_activity: s.last_activity,
            overridden: s.overridden,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::{CrossoverGroup, NewStudy, ReadingDesign, Seniority, StudyConfig};

    fn study() -> Study {
        let new = NewStudy::new("Knee", "OS", "GCT", ReadingDesign::Crossover);
        Study {
            id: 1,
            name: new.name,
            positive_label: new.positive_label,
            negative_label: new.negative_label,
            design: new.design,
            created_at: "2026-11-01T00:00:00Z".into(),
            config: StudyConfig::default(),
        }
    }

    fn reader() -> Reader {
        Reader {
            id: 1,
            study_id: 1,
            user_id: 1,
            name: "R".into(),
            email: "r@x".into(),
            hospital: "H1".into(),
            years_experience: 3,
            seniority: Seniority::Junior,
            seniority_overridden: false,
            group: CrossoverGroup::A,
            enrolled_at: "2026-11-01T00:00:00Z".into(),
        }
    }

    fn fact(
        session: i64,
        done: i64,
        total: i64,
        last: Option<&str>,
        overridden: bool,
    ) -> SessionFacts {
        SessionFacts {
            session,
            total,
            done,
            last_activity: last.map(str::to_string),
            overridden,
        }
    }

    fn states(cards: &[SessionCard]) -> Vec<(i64, &str, Option<&str>)> {
        cards
            .iter()
            .map(|c| (c.session, c.state.as_str(), c.closed_because.as_deref()))
            .collect()
    }

    #[test]
    fn session_one_waits_for_the_practice() {
        let facts = [
            fact(0, 2, 5, None, false),
            fact(1, 0, 40, None, false),
            fact(2, 0, 40, None, false),
        ];

        let cards = cards(&study(), &reader(), &facts, "2026-11-27");

        assert_eq!(
            states(&cards),
            vec![
                (0, "open", None),
                (1, "closed", Some("practice-first")),
                (2, "closed", Some("previous-first"))
            ]
        );
        assert_eq!(cards[1].mode, SessionMode::Unaided);
        assert_eq!(cards[2].mode, SessionMode::Aided);
    }

    #[test]
    fn aided_reads_are_hidden_until_the_washout_ends() {
        let facts = [
            fact(0, 5, 5, None, false),
            fact(1, 40, 40, Some("2026-11-20T09:00:00Z"), false),
            fact(2, 0, 40, None, false),
        ];

        let during = cards(&study(), &reader(), &facts, "2026-12-17");
        let after = cards(&study(), &reader(), &facts, "2026-12-18");

        assert_eq!(during[2].closed_because.as_deref(), Some("washout"));
        assert_eq!(during[2].opens_on.as_deref(), Some("2026-12-18"));
        assert_eq!(after[2].state, "open");
    }

    #[test]
    fn an_override_never_opens_session_two_before_session_one_is_finished() {
        let facts = [
            fact(0, 5, 5, None, false),
            fact(1, 39, 40, Some("2026-11-20T09:00:00Z"), false),
            fact(2, 0, 40, None, true),
        ];

        let cards = cards(&study(), &reader(), &facts, "2026-11-21");

        assert_eq!(
            states(&cards),
            vec![
                (0, "done", None),
                (1, "open", None),
                (2, "closed", Some("previous-first"))
            ]
        );
        assert_eq!(reading_now(&cards).map(|c| c.session), Some(1));
    }

    #[test]
    fn after_the_last_session_the_reader_is_still_in_it_not_in_an_earlier_one() {
        let facts = [
            fact(0, 5, 5, None, false),
            fact(1, 40, 40, Some("2026-11-20T09:00:00Z"), false),
            fact(2, 40, 40, Some("2026-12-20T09:00:00Z"), false),
        ];

        let cards = cards(&study(), &reader(), &facts, "2026-12-21");

        assert_eq!(reading_now(&cards).map(|c| c.session), Some(2));
    }

    #[test]
    fn a_finished_session_is_done_and_names_no_opening_date() {
        // The demo's simulated readers finish session 2 straight after session 1.
        let facts = [
            fact(1, 40, 40, Some("2026-11-20T09:00:00Z"), false),
            fact(2, 40, 40, Some("2026-11-20T10:00:00Z"), false),
        ];

        let cards = cards(&study(), &reader(), &facts, "2026-11-21");

        assert_eq!(states(&cards), vec![(1, "done", None), (2, "done", None)]);
        assert_eq!(cards[1].opens_on, None);
    }

    #[test]
    fn a_coordinator_override_opens_the_session_during_the_washout() {
        let facts = [
            fact(1, 40, 40, Some("2026-11-20T09:00:00Z"), false),
            fact(2, 0, 40, None, true),
        ];

        let cards = cards(&study(), &reader(), &facts, "2026-11-21");

        assert_eq!(states(&cards), vec![(1, "done", None), (2, "open", None)]);
    }
}
