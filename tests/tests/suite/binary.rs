//! The real `lector` binary: it prints its address, serves, stops cleanly on SIGTERM, and
//! refuses a bad configuration with a clear message and a non-zero exit.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use tests::lector_binary;

#[tokio::test]
async fn lector_serve_prints_its_address_serves_and_stops_on_sigterm() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(lector_binary())
        .args(["--data-dir"])
        .arg(data.path())
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("LECTOR_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("Lector is serving at ")
        .expect(&line)
        .to_string();

    let health = reqwest::get(format!("{address}/healthz")).await.unwrap();
    let home = reqwest::get(&address).await.unwrap();
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = wait_with_timeout(&mut child, Duration::from_secs(20));

    assert_eq!(health.status(), 200);
    assert_eq!(home.status(), 200);
    assert!(
        status.success(),
        "graceful shutdown exits 0, got {status:?}"
    );
    assert!(
        data.path().join("lector.db").is_file(),
        "the SQLite database is in the data directory"
    );
}

#[test]
fn an_unusable_data_directory_is_refused_with_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-directory");
    std::fs::write(&file, b"x").unwrap();

    let output = Command::new(lector_binary())
        .arg("--data-dir")
        .arg(file.join("data"))
        .arg("migrate")
        .output()
        .unwrap();

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not usable"), "{stderr}");
    assert!(
        stderr.contains("--data-dir"),
        "the message says how to fix it: {stderr}"
    );
}

#[test]
fn a_config_file_with_a_bad_address_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("lector.toml");
    std::fs::write(&config, "addr = \"localhost\"\n").unwrap();

    let output = Command::new(lector_binary())
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(tmp.path())
        .arg("serve")
        .output()
        .unwrap();

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a socket address"));
}

#[test]
fn studies_created_on_the_command_line_are_listed() {
    let data = tempfile::tempdir().unwrap();
    let lector = |args: &[&str]| {
        Command::new(lector_binary())
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .output()
            .unwrap()
    };

    let created = lector(&[
        "study",
        "create",
        "Knee",
        "--positive",
        "OS",
        "--negative",
        "GCT",
    ]);
    let listed = lector(&["study", "list"]);

    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Knee\tOS/GCT\tcrossover"));
}

fn wait_with_timeout(
    child: &mut std::process::Child,
    timeout: Duration,
) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("lector did not stop within {timeout:?} of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
