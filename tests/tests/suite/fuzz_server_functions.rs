//! Every server function's input, fuzzed (issue 14): each registered endpoint gets malformed
//! and hostile bodies — wrong shapes, extreme numbers, huge and odd strings, random objects made
//! from its argument names — from a reader and from an admin. Whatever arrives, the answer is a
//! response with a clear refusal (or a success for a harmless body), never a 5xx or a dropped
//! connection, and the server keeps answering. Seeded, so a failure repeats.

use serde_json::{json, Map, Value};
use tests::{on_both_backends, TestApp};

/// The study's seeded generator: the same bodies on every run.
struct Seeded(vocab::SplitMix64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// The argument names Lector's server functions take, so random objects reach real fields.
const FIELDS: &[&str] = &[
    "study_id",
    "session",
    "reader_id",
    "position",
    "reason",
    "read",
    "case_ref",
    "stage",
    "call_positive",
    "score",
    "active_ms",
    "interactions",
    "idempotency_key",
    "form",
    "readers",
    "csv",
    "seniority",
    "locale",
    "covariance",
    "email",
    "password",
    "confirm",
    "token",
    "tag",
    "name",
    "user_id",
    "disabled",
    "name",
    "design",
    "rating_scale",
    "read_splits",
    "washout_days",
    "practice_cases",
    "seed",
    "kind",
    "before",
];

fn hostile_value(rng: &mut Seeded, depth: u32) -> Value {
    let long = "\u{202e}'; DROP TABLE reads; --<script>".repeat(2_000);
    match rng.next() % 14 {
        0 => json!(i64::MAX),
        1 => json!(i64::MIN),
        2 => json!(-1),
        3 => json!(0),
        4 => json!(1e308),
        5 => json!(long),
        6 => json!("../../../etc/passwd"),
        7 => json!(""),
        8 => Value::Null,
        9 => json!(true),
        10 => json!("%00\u{0}"),
        11 if depth < 3 => random_object(rng, depth + 1),
        12 if depth < 3 => json!([hostile_value(rng, depth + 1), hostile_value(rng, depth + 1)]),
        _ => json!("x".repeat(100_000)),
    }
}

fn random_object(rng: &mut Seeded, depth: u32) -> Value {
    let mut object = Map::new();
    for _ in 0..(1 + rng.next() % 6) {
        object.insert(rng.pick(FIELDS).to_string(), hostile_value(rng, depth));
    }
    Value::Object(object)
}

fn endpoints() -> Vec<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect()
}

async fn every_server_function_refuses_hostile_input_without_a_5xx(app: &TestApp) {
    let password = "fuzzing password 123";
    app.create_user(store::Role::Admin, "admin@x.example", password)
        .await;
    app.create_user(store::Role::Reader, "reader@x.example", password)
        .await;
    let callers = [
        app.sign_in("admin@x.example", password).await,
        app.sign_in("reader@x.example", password).await,
    ];
    let mut rng = Seeded(vocab::SplitMix64::new(14));
    let mut sent = 0;
    let mut failures = Vec::new();
    for endpoint in endpoints() {
        for caller in &callers {
            let mut bodies: Vec<(&str, Vec<u8>)> = vec![
                ("application/json", b"{}".to_vec()),
                ("application/json", b"[]".to_vec()),
                ("application/json", b"{\"study_id\":".to_vec()),
                ("application/json", vec![0xff, 0xfe, 0x00, 0x7b]),
                (
                    "application/x-www-form-urlencoded",
                    b"email=%ff%fe&password=%00".to_vec(),
                ),
                ("text/plain", b"not a body".to_vec()),
            ];
            for _ in 0..12 {
                let body = random_object(&mut rng, 0).to_string().into_bytes();
                bodies.push(("application/json", body));
            }
            for (content_type, body) in bodies {
                sent += 1;
                let response = caller
                    .post(format!("{}{endpoint}", app.address))
                    .header(reqwest::header::ORIGIN, &app.address)
                    .header(reqwest::header::CONTENT_TYPE, content_type)
                    .body(body)
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status().is_server_error() => {
                        let status = r.status();
                        let text = r.text().await.unwrap_or_default();
                        failures.push(format!("{endpoint} ({content_type}): {status} {text:.200}"));
                    }
                    Ok(_) => {}
                    Err(err) => failures.push(format!("{endpoint}: no response ({err})")),
                }
            }
        }
    }
    let health = app.get("/healthz").await.status();

    eprintln!("fuzzed {sent} requests; {} failed", failures.len());
    assert_eq!(failures, Vec::<String>::new());
    assert_eq!(health, 200);
}

on_both_backends!(every_server_function_refuses_hostile_input_without_a_5xx);
