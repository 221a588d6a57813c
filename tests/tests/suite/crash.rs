//! `kill -9` under concurrent readers, on SQLite and PostgreSQL (issue 14): every read the
//! server acknowledged is there after a restart, with its rating and its audit row; `lector
//! audit verify` passes; and a rating edited in the database afterwards makes it fail, naming
//! the read. Bounded: four readers, killed once 20 reads are acknowledged (at most 5 s).

use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tests::study::{enrol_readers, form, study_with_settings, submission, PASSWORD};
use tests::{lector_binary, on_both_backends, TestApp};

const READERS: [&str; 4] = [
    "k1@x.example",
    "k2@x.example",
    "k3@x.example",
    "k4@x.example",
];

/// The real binary serving the test app's database and data directory on `port`.
fn start(app: &TestApp, port: u16) -> Child {
    Command::new(lector_binary())
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .args(["--database-url", &app.database_url])
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("LECTOR_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the lector binary starts")
}

async fn wait_healthy(address: &str) {
    for _ in 0..200 {
        if let Ok(response) = reqwest::get(format!("{address}/healthz")).await {
            if response.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server at {address} did not become healthy");
}

fn audit(app: &TestApp, verb: &str) -> Output {
    Command::new(lector_binary())
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .args(["--database-url", &app.database_url, "audit", verb])
        .env("LECTOR_LOG", "warn")
        .output()
        .unwrap()
}

async fn sign_in_at(address: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let response = client
        .post(format!("{address}/api/auth/login"))
        .header(reqwest::header::ORIGIN, address)
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "signing in as {email}");
    client
}

async fn call(
    client: &reqwest::Client,
    address: &str,
    endpoint: &str,
    body: Value,
) -> Option<(u16, Value)> {
    let response = client
        .post(format!("{address}/api/{endpoint}"))
        .header(reqwest::header::ORIGIN, address)
        .json(&body)
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    Some((status, response.json().await.unwrap_or(Value::Null)))
}

/// One acknowledged read: its key and the rating the server said it saved.
type Acknowledged = Arc<Mutex<Vec<(String, i64)>>>;

/// A reader reading session 1 as fast as the server answers, until it stops answering.
async fn read_until_killed(
    client: reqwest::Client,
    address: String,
    study: i64,
    who: usize,
    acked: Acknowledged,
) -> Option<(reqwest::Client, Value)> {
    for n in 0.. {
        let Some((200, state)) = call(
            &client,
            &address,
            "reading/state",
            json!({ "study_id": study, "session": 1 }),
        )
        .await
        else {
            return None;
        };
        if state["case"].is_null() {
            return None;
        }
        let key = format!("crash-{who}-{n}");
        let score = 20 + (n % 70);
        let body = submission(study, 1, &state["case"], &key, score);
        match call(&client, &address, "reading/submit", body.clone()).await {
            Some((200, _)) => acked.lock().unwrap().push((key, score)),
            Some(_) => {}
            // The submit in flight when the server died: the page retries it with its key.
            None => return Some((client, body)),
        }
    }
    None
}

async fn acknowledged_reads_survive_kill_9_with_their_audit_rows(app: &TestApp) {
    let (coordinator, study) = study_with_settings(app, 40, form("Crash")).await;
    enrol_readers(app, &coordinator, study, &READERS).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("http://127.0.0.1:{port}");
    let mut server = start(app, port);
    wait_healthy(&address).await;
    let acked: Acknowledged = Arc::default();
    let mut readers = Vec::new();
    for (who, email) in READERS.iter().enumerate() {
        let client = sign_in_at(&address, email).await;
        readers.push(tokio::spawn(read_until_killed(
            client,
            address.clone(),
            study,
            who,
            acked.clone(),
        )));
    }

    // Killed mid-flight: once a third of the session's reads are acknowledged, while the four
    // readers keep submitting (bounded: at most 5 s).
    for _ in 0..500 {
        if acked.lock().unwrap().len() >= 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    let mut in_flight = Vec::new();
    for reader in readers {
        in_flight.extend(reader.await.unwrap());
    }
    let mut restarted = start(app, port);
    wait_healthy(&address).await;
    // The retries of the submits the kill interrupted: each is saved once, with its audit row,
    // whether or not its first try had committed.
    let mut retried = 0;
    for (client, body) in &in_flight {
        let key = body["read"]["idempotency_key"]
            .as_str()
            .unwrap()
            .to_string();
        let (status, _) = call(client, &address, "reading/submit", body.clone())
            .await
            .expect("the restarted server answers");
        assert_eq!(status, 200, "the retry of {key} is acknowledged");
        acked
            .lock()
            .unwrap()
            .push((key, body["read"]["score"].as_i64().unwrap()));
        retried += 1;
    }

    let store = app.store().await;
    let acked = acked.lock().unwrap().clone();
    let mut lost = 0;
    for (key, score) in &acked {
        match store.read_by_key(key).await.unwrap() {
            Some(read) if read.read.score == *score => {}
            _ => lost += 1,
        }
    }
    let saved = store.reads_of_study(study).await.unwrap();
    let mut places: Vec<_> = saved
        .iter()
        .map(|r| (r.read.reader_id, r.read.case_ref))
        .collect();
    places.sort_unstable();
    places.dedup();
    let verified = audit(app, "verify");
    eprintln!(
        "kill -9 ({:?}): {} reads acknowledged ({retried} of them retries after the restart), {} saved, {lost} lost, {} duplicated",
        store.backend(),
        acked.len(),
        saved.len(),
        saved.len() - places.len()
    );
    assert!(
        !acked.is_empty(),
        "some reads were acknowledged before the kill"
    );
    assert_eq!(lost, 0, "every acknowledged read is there with its rating");
    assert_eq!(places.len(), saved.len(), "no read is duplicated");
    let stdout = String::from_utf8_lossy(&verified.stdout);
    assert!(
        verified.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    assert!(
        stdout.contains(&format!("{} reads match their audit rows", saved.len())),
        "{stdout}"
    );

    let edited = &saved[saved.len() / 2];
    tests::sql::execute(
        &app.database_url,
        &format!(
            "UPDATE reads SET score = score + 1 WHERE id = {}",
            edited.id
        ),
    )
    .await;
    let broken = audit(app, "verify");
    restarted.kill().ok();
    restarted.wait().ok();

    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(!broken.status.success());
    assert!(stderr.contains(&format!("read {} ", edited.id)), "{stderr}");
}

on_both_backends!(acknowledged_reads_survive_kill_9_with_their_audit_rows);
