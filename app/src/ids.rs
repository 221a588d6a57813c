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
