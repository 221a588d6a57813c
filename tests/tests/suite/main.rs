//! The integration suite as one test binary (the layout zero2prod uses): every module starts
//! its own server on its own port and database, and the server is linked once instead of once
//! per file.

mod access_matrix;
mod auth_accounts;
mod auth_sessions;
mod backup;
mod binary;
mod cli_tools;
mod cli_users;
mod crash;
mod demo;
mod figures;
mod fuzz_server_functions;
mod latex;
mod load_tool;
mod localization;
mod pacs;
mod pacs_choices;
mod planning;
mod refusal_statuses;
mod results;
mod security_headers;
mod serve;
mod static_assets;
mod study_management;
mod threats_accounts;
mod threats_reading;
mod upload_limits;
mod viewer_pixels;
