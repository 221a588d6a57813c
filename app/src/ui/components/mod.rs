//! Pieces shared by several pages.

pub mod full_depth;
pub mod marks;
pub mod notice;
pub mod readout;
pub mod settings_form;
pub mod study_nav;
pub mod viewer;
