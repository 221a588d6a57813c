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

// Study management.
pub const NEW_STUDY: &str = "new-study";
pub const STUDY_TABS: &str = "study-tabs";
/// Followed by `-<tab>`, e.g. `tab-readers`.
pub const TAB: &str = "tab";
pub const STUDY_NAME: &str = "study-name";
pub const OVERVIEW_COUNTS: &str = "overview-counts";
pub const PRACTICE_SHORTFALL: &str = "practice-shortfall";
pub const SETTINGS_FORM: &str = "settings-form";
pub const SETTINGS_NAME: &str = "settings-name";
pub const SETTINGS_DESIGN: &str = "settings-design";
pub const SETTINGS_TASK: &str = "settings-task";
pub const SETTINGS_AI_MARKS: &str = "settings-ai-marks";
pub const SETTINGS_DEID: &str = "settings-deid";
pub const SETTINGS_DEID_CHARACTERISTICS: &str = "settings-deid-characteristics";
pub const SETTINGS_DEID_DESCRIPTIONS: &str = "settings-deid-descriptions";
pub const SETTINGS_DEID_BURNED_IN: &str = "settings-deid-burned-in";
pub const SETTINGS_SUBMIT: &str = "settings-submit";
pub const SETTINGS_LOCKED: &str = "settings-locked";
pub const IMPORT_FORM: &str = "import-form";
pub const IMPORT_FILE: &str = "import-file";
pub const IMPORT_SUBMIT: &str = "import-submit";
pub const IMPORT_KEY: &str = "import-key";
pub const PACS_FORM: &str = "pacs-form";
pub const PACS_MODALITY: &str = "pacs-modality";
pub const PACS_FILE: &str = "pacs-file";
pub const PACS_SERIES: &str = "pacs-series";
pub const PACS_KEY: &str = "pacs-key";
pub const PACS_SUBMIT: &str = "pacs-submit";
pub const PACS_PROGRESS: &str = "pacs-progress";
/// The link that downloads an import's re-identification key.
pub const KEY_DOWNLOAD: &str = "key-download";
pub const IMPORT_REPORT: &str = "import-report";
pub const IMPORT_PROBLEM: &str = "import-problem";
pub const CASE_TABLE: &str = "case-table";
pub const CASE_ROW: &str = "case-row";
pub const AI_PANEL: &str = "ai-panel";
pub const AI_STATUS: &str = "ai-status";
pub const AI_PROGRESS: &str = "ai-progress";
pub const AI_START: &str = "ai-start";
pub const ENROL_FORM: &str = "enrol-form";
pub const ENROL_SUBMIT: &str = "enrol-submit";
pub const ENROL_CSV: &str = "enrol-csv";
pub const ENROL_CSV_SUBMIT: &str = "enrol-csv-submit";
pub const INVITATIONS: &str = "invitations";
pub const READER_TABLE: &str = "reader-table";
pub const READER_ROW: &str = "reader-row";
pub const PROGRESS_TABLE: &str = "progress-table";
pub const PROGRESS_ROW: &str = "progress-row";
pub const OPEN_EARLY: &str = "open-early";
pub const OPEN_EARLY_REASON: &str = "open-early-reason";
pub const PROGRESS_EMPTY: &str = "progress-empty";
pub const AUDIT_STATUS: &str = "audit-status";
pub const AUDIT_TABLE: &str = "audit-table";
pub const AUDIT_ROW: &str = "audit-row";
pub const AUDIT_KIND: &str = "audit-kind";
pub const AUDIT_OLDER: &str = "audit-older";
pub const WELCOME: &str = "welcome";
pub const WELCOME_SIGN_IN: &str = "welcome-sign-in";

// Reading.
pub const WORKLIST: &str = "worklist";
pub const WORKLIST_SESSION: &str = "worklist-session";
pub const WORKLIST_OPEN: &str = "worklist-open";
pub const WORKLIST_CLOSED: &str = "worklist-closed";
pub const READING_MODE: &str = "reading-mode";
pub const READING_PROGRESS: &str = "reading-progress";
pub const PRACTICE_FEEDBACK: &str = "practice-feedback";
pub const PRACTICE_ANSWERED: &str = "practice-answered";
pub const PRACTICE_NEXT: &str = "practice-next";
pub const SESSION_DONE: &str = "session-done";
pub const CASE_READER: &str = "case-reader";
pub const CLINICAL: &str = "clinical";
pub const AI_PANEL_READER: &str = "ai-panel-reader";
pub const AI_PROBABILITY: &str = "ai-probability";
pub const AI_CALL: &str = "ai-call";
pub const UNAIDED_RATING: &str = "unaided-rating";
pub const CALL_POSITIVE: &str = "call-positive";
pub const CALL_NEGATIVE: &str = "call-negative";
pub const CONFIDENCE: &str = "confidence";
pub const CONFIDENCE_NUMBER: &str = "confidence-number";
pub const CONFIDENCE_UNSET: &str = "confidence-unset";
pub const SUBMIT_READ: &str = "submit-read";
pub const RATING_DISAGREES: &str = "rating-disagrees";
pub const VIEWER: &str = "viewer";
pub const VIEWER_IMAGE: &str = "viewer-image";
/// The full-depth canvas; carries `data-frame-ms` and `data-level` once drawn.
pub const VIEWER_CANVAS: &str = "viewer-canvas";
pub const VIEWER_READOUT: &str = "viewer-readout";
pub const VIEWER_RULER: &str = "viewer-ruler";
pub const VIEWER_ACTUAL: &str = "viewer-actual";
pub const VIEWER_FULLSCREEN: &str = "viewer-fullscreen";
pub const MARK: &str = "mark";
pub const AI_MARK: &str = "ai-mark";
pub const AI_MARKS: &str = "ai-marks";
pub const PRACTICE_OUTLINE: &str = "practice-outline";
pub const MARKS: &str = "marks";
pub const MARK_RATING: &str = "mark-rating";
pub const MARK_DELETE: &str = "mark-delete";
pub const VIEWER_HELP: &str = "viewer-help";
pub const VIEWER_WINDOW: &str = "viewer-window";
pub const VIEWER_INVERT: &str = "viewer-invert";
pub const HEATMAP: &str = "heatmap";
pub const HEATMAP_TOGGLE: &str = "heatmap-toggle";

// Signing in and accounts.
pub const SIGN_IN_LINK: &str = "sign-in-link";
pub const SIGN_OUT: &str = "sign-out";
pub const HEADER_USER: &str = "header-user";
pub const ADMIN_USERS_LINK: &str = "admin-users-link";
pub const SIGN_IN_PROMPT: &str = "sign-in-prompt";
pub const FORBIDDEN: &str = "forbidden";
pub const LOGIN_FORM: &str = "login-form";
pub const LOGIN_EMAIL: &str = "login-email";
pub const LOGIN_PASSWORD: &str = "login-password";
pub const LOGIN_SUBMIT: &str = "login-submit";
pub const LOGIN_ERROR: &str = "login-error";
pub const INVITE_WELCOME: &str = "invite-welcome";
pub const INVITE_PASSWORD: &str = "invite-password";
pub const INVITE_CONFIRM: &str = "invite-confirm";
pub const INVITE_SUBMIT: &str = "invite-submit";
pub const INVITE_ERROR: &str = "invite-error";
pub const COORDINATOR_LIST: &str = "coordinator-list";
pub const COORDINATOR_ROW: &str = "coordinator-row";
pub const COORDINATOR_NAME: &str = "coordinator-name";
pub const COORDINATOR_EMAIL: &str = "coordinator-email";
pub const COORDINATOR_CREATE: &str = "coordinator-create";
pub const COORDINATOR_TOGGLE: &str = "coordinator-toggle";
pub const INVITE_LINK: &str = "invite-link";
pub const ORDERS_DOWNLOAD: &str = "orders-download";
pub const READING_PREVIOUS: &str = "reading-previous";
pub const CORRECTING: &str = "correcting";
pub const RESULTS_PENDING: &str = "results-pending";
pub const RESULTS_TABLE: &str = "results-table";
pub const RESULTS_FIGURE: &str = "results-figure";
pub const RESULTS_GALLERY: &str = "results-gallery";
pub const RESULTS_METHODS: &str = "results-methods";
pub const RESULTS_PLANNING: &str = "results-planning";
pub const RESULTS_PLAN_EFFECT: &str = "results-plan-effect";
pub const RESULTS_EXPORTS: &str = "results-exports";
pub const RESULTS_COVARIANCE: &str = "results-covariance";

#[cfg(test)]
mod tests {
    //! The browser tests import these ids from `end2end/support/ids.ts`, generated from this
    //! file; they never spell an id themselves.

    use std::path::PathBuf;

    /// `(NAME, value)` of every id above, read from this file's source.
    fn declared() -> Vec<(String, String)> {
        include_str!("ids.rs")
            .lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("pub const ")?;
                let (name, rest) = rest.split_once(": &str = \"")?;
                let value = rest.strip_suffix("\";")?;
                Some((name.to_string(), value.to_string()))
            })
            .collect()
    }

    fn generated() -> String {
        let mut ts = String::from(
            "// Generated from app/src/ids.rs by its test; do not edit. After changing ids.rs, run\n\
             // LECTOR_WRITE_IDS=1 cargo test -p app --features ssr ids:: to rewrite this file.\n",
        );
        for (name, value) in declared() {
            ts.push_str(&format!("export const {name} = '{value}';\n"));
        }
        ts
    }

    fn end2end() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end")
    }

    #[test]
    fn the_browser_tests_ids_module_is_generated_from_this_file() {
        let path = end2end().join("support/ids.ts");
        if std::env::var_os("LECTOR_WRITE_IDS").is_some() {
            std::fs::write(&path, generated()).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated(),
            "{} is stale; rewrite it with LECTOR_WRITE_IDS=1 cargo test -p app --features ssr ids::",
            path.display()
        );
    }

    #[test]
    fn no_browser_test_spells_a_test_id_itself() {
        let mut files = vec![end2end().join("support/lector.ts")];
        for entry in std::fs::read_dir(end2end().join("tests")).unwrap() {
            files.push(entry.unwrap().path());
        }
        let mut literal = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let spelled = [
                    "getByTestId('",
                    "getByTestId(\"",
                    "data-testid=\"",
                    "data-testid='",
                ]
                .iter()
                .any(|p| line.contains(p))
                    || line
                        .split("data-testid=")
                        .skip(1)
                        .any(|rest| rest.starts_with(|c: char| c.is_ascii_lowercase()));
                if spelled {
                    literal.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(
            literal.is_empty(),
            "use ids.* instead of:\n{}",
            literal.join("\n")
        );
    }
}
