//! How a study is read: the reading design, crossover groups, back navigation, the modality of
//! a read (AI on screen or not) and the stage of a case within a session, with the rules that
//! follow from them.

use crate::word::word;

/// The session number of practice reads (before session 1, with feedback, never analysed).
pub const PRACTICE_SESSION: i64 = 0;

word!(
    /// How readers meet the AI: in separate sessions apart by a washout (crossover), or per case
    /// after an unaided rating is committed (sequential).
    ReadingDesign, "reading design" {
        Crossover => "crossover", "design-crossover",
        Sequential => "sequential", "design-sequential",
    }
);

word!(
    /// Crossover group: A reads unaided first, B aided first.
    CrossoverGroup, "crossover group" {
        A => "A", "group-a",
        B => "B", "group-b",
    }
);

word!(
    /// Whether a reader may go back to a case already read in the same session.
    BackNavigation, "back-navigation policy" {
        Never => "none", "backnav-none",
        WithinSession => "within_session", "backnav-within-session",
    }
);

word!(
    /// Whether the AI's output was on screen when a read was made.
    Modality, "modality" {
        Unaided => "unaided", "mode-unaided",
        Aided => "aided", "mode-aided",
    }
);

word!(
    /// The step a case is at: `single` (a crossover or practice read), or in the sequential
    /// design the committed `unaided` impression and then the `final`, aided rating.
    Stage, "stage" {
        Single => "single", "stage-single",
        Unaided => "unaided", "stage-unaided",
        Final => "final", "stage-final",
    }
);

word!(
    /// What a reader's session is, as the worklist and the progress page show it.
    SessionMode, "session mode" {
        Practice => "practice", "split-practice",
        Unaided => "unaided", "mode-unaided",
        Aided => "aided", "mode-aided",
        Sequential => "sequential", "design-sequential",
    }
);

impl SessionMode {
    /// The mode of a reader's session: practice before session 1; in the sequential design
    /// unaided then aided per case; in the crossover design the group's modality.
    pub fn of(design: ReadingDesign, group: CrossoverGroup, session: i64) -> SessionMode {
        if session == PRACTICE_SESSION {
            SessionMode::Practice
        } else if design == ReadingDesign::Sequential {
            SessionMode::Sequential
        } else if design.session_is_aided(group, session) {
            SessionMode::Aided
        } else {
            SessionMode::Unaided
        }
    }
}

impl Modality {
    /// Aided when the AI was shown.
    pub fn from_ai_shown(shown: bool) -> Modality {
        if shown {
            Modality::Aided
        } else {
            Modality::Unaided
        }
    }
}

impl ReadingDesign {
    /// The analysed sessions: crossover has two (1 and 2), sequential one.
    pub fn sessions(self) -> &'static [i64] {
        match self {
            ReadingDesign::Crossover => &[1, 2],
            ReadingDesign::Sequential => &[1],
        }
    }

    /// Whether a session shows the AI: crossover group A reads unaided first and B aided first;
    /// the sequential session shows it after each unaided commit (its final reads are aided).
    /// Practice is never aided.
    pub fn session_is_aided(self, group: CrossoverGroup, session: i64) -> bool {
        match self {
            _ if session == PRACTICE_SESSION => false,
            ReadingDesign::Sequential => session >= 1,
            ReadingDesign::Crossover => match group {
                CrossoverGroup::A => session == 2,
                CrossoverGroup::B => session == 1,
            },
        }
    }

    /// The stage a case is at given the stages already read in this session, or `None` when
    /// it is finished: sequential sessions go unaided → final, everything else is one read.
    pub fn next_stage(self, session: i64, done: &[Stage]) -> Option<Stage> {
        let has = |stage| done.contains(&stage);
        if self == ReadingDesign::Sequential && session != PRACTICE_SESSION {
            if has(Stage::Final) {
                None
            } else if has(Stage::Unaided) {
                Some(Stage::Final)
            } else {
                Some(Stage::Unaided)
            }
        } else if has(Stage::Single) {
            None
        } else {
            Some(Stage::Single)
        }
    }

    /// The stage a reader may correct on going back: the final rating in a sequential session
    /// (the unaided one stays as committed, since the AI has been seen since), else the one read.
    pub fn correctable_stage(self, session: i64) -> Stage {
        if self == ReadingDesign::Sequential && session != PRACTICE_SESSION {
            Stage::Final
        } else {
            Stage::Single
        }
    }

    /// Whether the AI may be on screen at this stage of a case: in the sequential design only
    /// for the final rating; in the crossover design in the group's aided session.
    pub fn ai_visible(self, group: CrossoverGroup, session: i64, stage: Stage) -> bool {
        session != PRACTICE_SESSION
            && match self {
                ReadingDesign::Sequential => stage == Stage::Final,
                ReadingDesign::Crossover => self.session_is_aided(group, session),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossover_groups_read_the_modalities_in_opposite_orders() {
        let d = ReadingDesign::Crossover;
        assert!(!d.session_is_aided(CrossoverGroup::A, 1));
        assert!(d.session_is_aided(CrossoverGroup::A, 2));
        assert!(d.session_is_aided(CrossoverGroup::B, 1));
        assert!(!d.session_is_aided(CrossoverGroup::B, 2));
        assert!(!d.session_is_aided(CrossoverGroup::B, PRACTICE_SESSION));
    }

    #[test]
    fn a_sequential_case_is_read_unaided_then_final_and_a_crossover_case_once() {
        let seq = ReadingDesign::Sequential;
        assert_eq!(seq.next_stage(1, &[]), Some(Stage::Unaided));
        assert_eq!(seq.next_stage(1, &[Stage::Unaided]), Some(Stage::Final));
        assert_eq!(seq.next_stage(1, &[Stage::Unaided, Stage::Final]), None);
        assert_eq!(seq.next_stage(PRACTICE_SESSION, &[]), Some(Stage::Single));
        let cross = ReadingDesign::Crossover;
        assert_eq!(cross.next_stage(2, &[]), Some(Stage::Single));
        assert_eq!(cross.next_stage(2, &[Stage::Single]), None);
    }

    #[test]
    fn the_ai_is_never_visible_before_the_unaided_rating_of_a_sequential_case() {
        let seq = ReadingDesign::Sequential;
        assert!(!seq.ai_visible(CrossoverGroup::A, 1, Stage::Unaided));
        assert!(seq.ai_visible(CrossoverGroup::A, 1, Stage::Final));
        assert!(!seq.ai_visible(CrossoverGroup::A, PRACTICE_SESSION, Stage::Single));
        assert!(!ReadingDesign::Crossover.ai_visible(CrossoverGroup::A, 1, Stage::Single));
    }
}
