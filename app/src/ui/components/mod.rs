//! Pieces shared by several pages.

pub mod marks;
pub mod notice;
pub mod settings_form;
pub mod study_nav;
pub mod viewer;
