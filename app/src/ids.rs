//! `data-testid` values shared by the pages and the browser tests in `end2end/`.

pub const STUDY_LIST: &str = "study-list";
pub const STUDY_ROW: &str = "study-row";
pub const STUDY_FILTER: &str = "study-filter";
pub const EMPTY_STATE: &str = "empty-state";
pub const HOW_TO_START_TOGGLE: &str = "how-to-start-toggle";
pub const HOW_TO_START_STEPS: &str = "how-to-start-steps";
pub const NOT_FOUND: &str = "not-found";
pub const LANGUAGE_SWITCHER: &str = "language-switcher";
/// Followed by `-<tag>`, e.g. `language-option-zh-CN`.
pub const LANGUAGE_OPTION: &str = "language-option";
