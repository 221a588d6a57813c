//! A real PACS for the tests: Debian's Orthanc with its DICOMweb plugin, started on a free
//! loopback port with its own storage and a password, loaded over its REST API, and stopped
//! (or killed) by the test. `scripts/test.sh` installs it (`ensure_orthanc`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The account the test PACS accepts.
pub const USER: &str = "lector";
pub const PASSWORD: &str = "pacs-password";

const BINARY: &str = "/usr/sbin/Orthanc";
const PLUGIN: &str = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

/// A running Orthanc; killed when dropped.
pub struct Orthanc {
    child: Option<Child>,
    pub port: u16,
    dir: PathBuf,
    client: reqwest::Client,
}

impl Orthanc {
    /// Starts Orthanc with its storage in `dir` (kept across restarts of the same directory).
    pub async fn start(dir: &Path) -> Orthanc {
        assert!(
            Path::new(BINARY).is_file() && Path::new(PLUGIN).is_file(),
            "Orthanc and its DICOMweb plugin are missing: scripts/test.sh installs them (ensure_orthanc)"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let config = serde_json::json!({
            "Name": "lector-test-pacs",
            "StorageDirectory": dir.join("storage"),
            "IndexDirectory": dir.join("storage"),
            "HttpPort": port,
            "DicomServerEnabled": false,
            "RemoteAccessAllowed": false,
            "AuthenticationEnabled": true,
            "RegisteredUsers": { USER: PASSWORD },
            "Plugins": [PLUGIN],
            "DicomWeb": { "Enable": true, "Root": "/dicom-web/" },
            "HttpsVerifyPeers": true,
            "StableAge": 1
        });
        std::fs::create_dir_all(dir).unwrap();
        let config_path = dir.join("orthanc.json");
        std::fs::write(&config_path, serde_json::to_vec_pretty(&config).unwrap()).unwrap();
        let log = std::fs::File::create(dir.join("orthanc.log")).unwrap();
        let child = Command::new(BINARY)
            .arg(&config_path)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("Orthanc starts");
        let mut orthanc = Orthanc {
            child: Some(child),
            port,
            dir: dir.to_path_buf(),
            client: reqwest::Client::new(),
        };
        orthanc.wait_ready().await;
        orthanc
    }

    async fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let answer = self
                .client
                .get(format!("{}/system", self.rest()))
                .basic_auth(USER, Some(PASSWORD))
                .send()
                .await;
            if matches!(&answer, Ok(r) if r.status().is_success()) {
                return;
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                let log = std::fs::read_to_string(self.dir.join("orthanc.log")).unwrap_or_default();
                panic!("Orthanc exited ({status}) before answering:\n{log}");
            }
            assert!(Instant::now() < deadline, "Orthanc did not answer in 30 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The REST root, `http://127.0.0.1:PORT`.
    pub fn rest(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The DICOMweb root Lector is pointed at.
    pub fn dicomweb(&self) -> String {
        format!("{}/dicom-web", self.rest())
    }

    /// Stores one DICOM file (POST /instances).
    pub async fn upload(&self, bytes: Vec<u8>) {
        let response = self
            .client
            .post(format!("{}/instances", self.rest()))
            .basic_auth(USER, Some(PASSWORD))
            .body(bytes)
            .send()
            .await
            .expect("Orthanc takes the upload");
        assert!(
            response.status().is_success(),
            "upload refused: {}",
            response.status()
        );
    }

    /// Kills the server at once, as a crash or a pulled cable would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Orthanc {
    fn drop(&mut self) {
        self.kill();
    }
}
