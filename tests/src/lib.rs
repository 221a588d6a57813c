//! Test harness: start Lector in-process or as the real `lector` binary, each on its own free
//! port with its own fresh database (SQLite in a temp dir, or a new PostgreSQL database).

pub mod api;
pub mod postgres;

use std::path::{Path, PathBuf};

use server::cli::{GlobalArgs, ServeArgs};
use server::config::Config;
use server::startup::Application;
use tokio::sync::oneshot;

/// A running in-process Lector and a client for it. Dropping it stops the server.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub data_dir: tempfile::TempDir,
    pub database_url: String,
    stop: Option<oneshot::Sender<()>>,
}

impl TestApp {
    /// Starts Lector on 127.0.0.1:0 with a fresh SQLite database.
    pub async fn spawn() -> TestApp {
        Self::spawn_with_database(None).await
    }

    /// Starts Lector on 127.0.0.1:0 with the given database URL, or SQLite when `None`.
    pub async fn spawn_with_database(database_url: Option<String>) -> TestApp {
        let data_dir = tempfile::tempdir().expect("a temp dir for the data directory");
        let global = GlobalArgs {
            data_dir: Some(data_dir.path().to_path_buf()),
            database_url,
            ..GlobalArgs::default()
        };
        let serve = ServeArgs {
            addr: Some("127.0.0.1:0".parse().unwrap()),
            site_root: Some(site_root()),
        };
        let config = Config::resolve(&global, &serve).expect("the test config resolves");
        let app = Application::build(&config).await.expect("the app builds");
        let address = format!("http://{}", app.local_addr());
        let database_url = config.database_url.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        TestApp {
            address,
            client: reqwest::Client::new(),
            data_dir,
            database_url,
            stop: Some(stop),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the request is sent")
    }

    /// A store on the same database, to arrange data the way the CLI would.
    pub async fn store(&self) -> store::Store {
        store::Store::connect(&self.database_url)
            .await
            .expect("the test database opens")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The repository root (this crate lives in `<root>/tests`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The browser bundle built by scripts/build.sh; tests that only fetch HTML do not need it.
pub fn site_root() -> PathBuf {
    repo_root().join("target").join("site")
}

/// The `lector` binary cargo built next to this test executable (`target/<profile>/lector`).
/// scripts/test.sh builds it before running the tests.
pub fn lector_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable has a path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("tests run from target/<profile>/deps");
    let binary = profile_dir.join("lector");
    assert!(
        binary.is_file(),
        "{} is missing; build it first with `cargo build -p server` (scripts/test.sh does)",
        binary.display()
    );
    binary
}
