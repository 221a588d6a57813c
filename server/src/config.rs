//! Resolving the settings: flag, else environment, else config file, else a default; and
//! checking them before anything starts.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::{GlobalArgs, ServeArgs};

pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_DATA_DIR: &str = "lector-data";
pub const DEFAULT_SITE_ROOT: &str = "target/site";
/// Largest case zip the web page accepts unless configured: the app's built-in cap (1 GiB).
pub const DEFAULT_MAX_UPLOAD_MB: u64 = app::api::cases::MAX_UPLOAD_BYTES >> 20;

/// The settings a command runs with, after resolution and checks.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub site_root: PathBuf,
    /// Mark the session cookie `Secure` (the site is served over https).
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-Proto` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Largest case zip accepted through the web page.
    pub max_upload_bytes: u64,
    /// The PACS the Cases page imports from over DICOMweb (`dicomweb_url` in the config file or
    /// `LECTOR_DICOMWEB_URL`), with its credentials (the file's `dicomweb_user`,
    /// `dicomweb_password`, `dicomweb_token`, or the `LECTOR_DICOMWEB_*` variables).
    pub dicomweb: Option<app::ssr::dicomweb::Pacs>,
}

impl Config {
    /// The database, migrated, with its audit chain keyed by `LECTOR_AUDIT_KEY` or the key file
    /// in the data directory (created at first start). Several servers on one PostgreSQL must
    /// share the key: give each the same `LECTOR_AUDIT_KEY`.
    ///
    /// # Errors
    /// [`store::StoreError`] when the key cannot be read or created, or the database cannot be
    /// opened or migrated.
    pub async fn open_store(&self) -> Result<store::Store, store::StoreError> {
        let key = store::AuditKey::load_or_create(&self.data_dir)?;
        let store = store::Store::connect(&self.database_url, key).await?;
        store.migrate().await?;
        Ok(store)
    }
}

/// Why the settings cannot be used. Each message names the setting and how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "could not read the config file {path}; check the path given to --config or LECTOR_CONFIG"
    )]
    ReadFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("dicomweb_url must be the PACS's DICOMweb root as an http(s) URL, not '{0}'")]
    BadDicomWebUrl(String),
    #[error("the config file {path} is not valid TOML with the keys addr, data_dir, database_url, site_root, secure_cookies, trusted_proxies, max_upload_mb, dicomweb_url, dicomweb_user, dicomweb_password, dicomweb_token")]
    ParseFile {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error("'{value}' in {path} is not a socket address like 127.0.0.1:3000")]
    BadAddr { path: PathBuf, value: String },
    #[error("the data directory {path} is not usable; choose a writable directory with --data-dir or LECTOR_DATA_DIR")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The keys a config file may set; all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    addr: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    site_root: Option<PathBuf>,
    secure_cookies: Option<bool>,
    trusted_proxies: Option<Vec<IpAddr>>,
    max_upload_mb: Option<u64>,
    dicomweb_url: Option<String>,
    dicomweb_user: Option<String>,
    dicomweb_password: Option<String>,
    dicomweb_token: Option<String>,
}

impl Config {
    /// Resolves the settings and makes sure the data directory exists and is writable.
    ///
    /// # Errors
    /// [`ConfigError`] for an unreadable or invalid config file, or an unusable data directory.
    pub fn resolve(global: &GlobalArgs, serve: &ServeArgs) -> Result<Self, ConfigError> {
        let file = match &global.config {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let file_pacs = FilePacs {
            url: file.dicomweb_url.clone(),
            user: file.dicomweb_user.clone(),
            password: file.dicomweb_password.clone(),
            token: file.dicomweb_token.clone(),
        };
        let addr = match (serve.addr, &file.addr, &global.config) {
            (Some(addr), _, _) => addr,
            (None, Some(text), Some(path)) => text.parse().map_err(|_| ConfigError::BadAddr {
                path: path.clone(),
                value: text.clone(),
            })?,
            _ => DEFAULT_ADDR.parse().expect("the default address parses"),
        };
        let data_dir = global
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
        ensure_writable(&data_dir)?;
        let database_url = global
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("lector.db").display()));
        let site_root = serve
            .site_root
            .clone()
            .or(file.site_root)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_SITE_ROOT));
        let secure_cookies = serve.secure_cookies || file.secure_cookies.unwrap_or(false);
        let trusted_proxies = if serve.trusted_proxies.is_empty() {
            file.trusted_proxies.unwrap_or_default()
        } else {
            serve.trusted_proxies.clone()
        };
        let max_upload_mb = serve
            .max_upload_mb
            .or(file.max_upload_mb)
            .unwrap_or(DEFAULT_MAX_UPLOAD_MB);
        Ok(Config {
            addr,
            data_dir,
            database_url,
            site_root,
            secure_cookies,
            trusted_proxies,
            max_upload_bytes: max_upload_mb.saturating_mul(1 << 20),
            dicomweb: pacs(&file_pacs)?,
        })
    }
}

/// The configured PACS: the URL from the environment or the file, the credentials from the
/// environment when it has any, else from the file.
/// The config file's PACS keys.
struct FilePacs {
    url: Option<String>,
    user: Option<String>,
    password: Option<String>,
    token: Option<String>,
}

fn pacs(file: &FilePacs) -> Result<Option<app::ssr::dicomweb::Pacs>, ConfigError> {
    use app::ssr::dicomweb::{Auth, Pacs};
    let url = std::env::var("LECTOR_DICOMWEB_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| file.url.clone());
    let Some(url) = url else { return Ok(None) };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(ConfigError::BadDicomWebUrl(url));
    }
    let auth = match Auth::from_env() {
        Auth::None => match (&file.token, &file.user) {
            (Some(token), _) => Auth::Bearer(token.clone()),
            (None, Some(user)) => Auth::Basic {
                user: user.clone(),
                password: file.password.clone().unwrap_or_default(),
            },
            _ => Auth::None,
        },
        from_env => from_env,
    };
    Ok(Some(Pacs {
        base: url,
        auth,
        modality: None,
        series_description: None,
    }))
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|source| ConfigError::ParseFile {
        path: path.to_path_buf(),
        source,
    })
}

/// Creates the directory if needed and proves it is writable by writing a probe file, so a
/// read-only or mistyped path fails at start rather than at the first import.
fn ensure_writable(dir: &Path) -> Result<(), ConfigError> {
    let fail = |source| ConfigError::DataDir {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    // Named per process: several servers sharing one data directory start at once.
    let probe = dir.join(format!(".lector-write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"ok").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args_with_data_dir(dir: &Path) -> GlobalArgs {
        GlobalArgs {
            data_dir: Some(dir.to_path_buf()),
            ..GlobalArgs::default()
        }
    }

    #[test]
    fn defaults_need_nothing_but_a_writable_data_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");

        let config = Config::resolve(&args_with_data_dir(&data), &ServeArgs::default()).unwrap();

        assert_eq!(config.addr.to_string(), DEFAULT_ADDR);
        assert!(data.is_dir());
        assert_eq!(
            config.database_url,
            format!("sqlite://{}", data.join("lector.db").display())
        );
    }

    #[test]
    fn flags_win_over_the_config_file() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("lector.toml");
        std::fs::write(
            &file,
            "addr = \"0.0.0.0:8080\"\ndatabase_url = \"postgres://db/x\"\n",
        )
        .unwrap();
        let mut global = args_with_data_dir(tmp.path());
        global.config = Some(file);
        let serve = ServeArgs {
            addr: Some("127.0.0.1:9999".parse().unwrap()),
            ..ServeArgs::default()
        };

        let config = Config::resolve(&global, &serve).unwrap();

        assert_eq!(config.addr.to_string(), "127.0.0.1:9999");
        assert_eq!(config.database_url, "postgres://db/x");
    }

    #[test]
    fn secure_cookies_come_from_the_flag_or_the_config_file() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("lector.toml");
        std::fs::write(&file, "secure_cookies = true\n").unwrap();
        let plain =
            Config::resolve(&args_with_data_dir(tmp.path()), &ServeArgs::default()).unwrap();
        let mut global = args_with_data_dir(tmp.path());
        global.config = Some(file);

        let from_file = Config::resolve(&global, &ServeArgs::default()).unwrap();

        assert!(!plain.secure_cookies);
        assert!(from_file.secure_cookies);
    }

    #[test]
    fn trusted_proxies_come_from_the_flag_else_the_config_file() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("lector.toml");
        std::fs::write(&file, "trusted_proxies = [\"10.0.0.2\"]\n").unwrap();
        let mut global = args_with_data_dir(tmp.path());
        global.config = Some(file);
        let flag = ServeArgs {
            trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
            ..ServeArgs::default()
        };

        let from_file = Config::resolve(&global, &ServeArgs::default()).unwrap();
        let from_flag = Config::resolve(&global, &flag).unwrap();

        assert_eq!(
            from_file.trusted_proxies,
            ["10.0.0.2".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(
            from_flag.trusted_proxies,
            ["127.0.0.1".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(from_file.max_upload_bytes, DEFAULT_MAX_UPLOAD_MB << 20);
    }

    #[test]
    fn an_unknown_key_in_the_config_file_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("lector.toml");
        std::fs::write(&file, "adress = \"0.0.0.0:8080\"\n").unwrap();
        let mut global = args_with_data_dir(tmp.path());
        global.config = Some(file);

        let err = Config::resolve(&global, &ServeArgs::default()).unwrap_err();

        assert!(matches!(err, ConfigError::ParseFile { .. }), "{err}");
    }

    #[test]
    fn a_data_directory_under_a_file_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let blocker = tmp.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();

        let err = Config::resolve(
            &args_with_data_dir(&blocker.join("data")),
            &ServeArgs::default(),
        )
        .unwrap_err();

        assert!(err.to_string().contains("is not usable"), "{err}");
    }
}
