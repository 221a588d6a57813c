//! Test harness: start Lector in-process or as the real `lector` binary, each on its own free
//! port with its own fresh database (SQLite in a temp dir, or a new PostgreSQL database).

pub mod api;
pub mod load;
pub mod orthanc;
pub mod postgres;
pub mod raw_http;
pub mod sql;
pub mod study;

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
        Self::spawn_configured(database_url, |_| {}).await
    }

    /// Starts Lector on SQLite with settings changed by `adjust` (e.g. secure cookies, a
    /// smaller upload cap) after they are resolved.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_configured(None, adjust).await
    }

    async fn spawn_configured(
        database_url: Option<String>,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        let data_dir = tempfile::tempdir().expect("a temp dir for the data directory");
        let global = GlobalArgs {
            data_dir: Some(data_dir.path().to_path_buf()),
            database_url,
            ..GlobalArgs::default()
        };
        let serve = ServeArgs {
            addr: Some("127.0.0.1:0".parse().unwrap()),
            site_root: Some(site_root()),
            ..ServeArgs::default()
        };
        let mut config = Config::resolve(&global, &serve).expect("the test config resolves");
        adjust(&mut config);
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
        let key = store::AuditKey::load_or_create(self.data_dir.path())
            .expect("the server's audit key is readable");
        store::Store::connect(&self.database_url, key)
            .await
            .expect("the test database opens")
    }

    /// Creates an account that can sign in with `password` at once; returns its id.
    pub async fn create_user(&self, role: store::Role, email: &str, password: &str) -> i64 {
        let hash = app::ssr::auth::password::hash_password(password).expect("the password hashes");
        let name = email.split('@').next().unwrap_or(email).to_string();
        let user = self
            .store()
            .await
            .create_user(&store::NewUser {
                email: email.to_string(),
                name,
                role,
                password_hash: Some(hash),
            })
            .await
            .expect("the account is created");
        user.id
    }

    /// A client with its own cookie jar, signed in as `email`.
    ///
    /// # Panics
    /// When the sign-in fails (the message shows the server's answer).
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Client {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("a client with a cookie jar");
        let response = self
            .call(
                &client,
                "/api/auth/login",
                &[("email", email), ("password", password)],
            )
            .await;
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert!(
            status.is_success(),
            "signing in as {email} failed with {status}: {body}"
        );
        client
    }

    /// POSTs form-encoded arguments to a server function (e.g. `/api/auth/me`) with this
    /// site's `Origin`, as a page of the site would.
    pub async fn call(
        &self,
        client: &reqwest::Client,
        path: &str,
        args: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(format!("{}{path}", self.address))
            .header(reqwest::header::ORIGIN, &self.address)
            .form(args)
            .send()
            .await
            .expect("the request is sent")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Runs each scenario (an `async fn(&TestApp)` in the calling test file) as two tests, in
/// modules `sqlite` and `postgres`, each with its own server and fresh database:
///
/// ```ignore
/// tests::on_both_backends!(a_coordinator_sees_their_studies, a_reader_sees_only_theirs);
/// ```
#[macro_export]
macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $scenario() {
                    let app = $crate::TestApp::spawn().await;
                    super::$scenario(&app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $scenario() {
                    let db = $crate::postgres::TestDatabase::create().await;
                    let app = $crate::TestApp::spawn_with_database(Some(db.url.clone())).await;
                    super::$scenario(&app).await;
                    drop(app);
                    db.drop_database().await;
                }
            )*
        }
    };
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

/// Runs `lector demo --no-serve` with `args` (e.g. `--cases 40`) on `app`'s data directory and
/// database, failing the test with lector's standard error if it fails.
pub fn build_demo(app: &TestApp, args: &[&str]) {
    let output = std::process::Command::new(lector_binary())
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .args(["--database-url", &app.database_url])
        .args(["demo", "--no-serve"])
        .args(args)
        .output()
        .expect("lector runs");
    assert!(
        output.status.success(),
        "lector demo {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
