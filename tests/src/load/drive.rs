//! Driving the readers: each reads session 1 as the reading page does — the session's state,
//! the case's image (and heat map when the AI is shown), a pause to think, the rating — until
//! the session is read or the time is up. A request the server did not answer (it was killed,
//! say) is sent again with the same idempotency key, as the page retries; a rating counts as
//! acknowledged only once the server answered it with success.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::arrange::{LoadReader, LoadStudy, Site};

/// What every reader did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// State + image(s), per case shown.
    pub next_case: Vec<Duration>,
    /// The state request alone.
    pub state: Vec<Duration>,
    /// Each image request alone.
    pub image: Vec<Duration>,
    /// The submit's round trip, per rating acknowledged at the first try.
    pub submit: Vec<Duration>,
    /// Idempotency keys the server acknowledged.
    pub acknowledged: Vec<String>,
    /// Requests the server did not answer and that were sent again.
    pub retries: u64,
    /// Requests the server refused (an answer other than success).
    pub refusals: Vec<String>,
    /// Readers who read their whole session before the time was up.
    pub finished_readers: usize,
    pub elapsed: Duration,
    /// Whether the `--kill-after` command ran, and its exit status.
    pub kill: Option<String>,
}

/// The answer to one request, after retrying while the server did not answer.
enum Answer {
    Ok(Value),
    Refused(String),
    /// The time was up before the server answered.
    Gone,
}

/// Sends `send` until the server answers or `deadline` passes (with a grace period for a
/// server being restarted); counts the unanswered tries.
async fn until_answered<F, Fut>(deadline: Instant, retries: &mut u64, send: F) -> Answer
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<reqwest::Response, reqwest::Error>>,
{
    let give_up = deadline + Duration::from_secs(30);
    loop {
        match send().await {
            Ok(response) => {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                // A proxy with no instance behind it answers 502/503/504: not the server's word.
                if matches!(status.as_u16(), 502..=504) && Instant::now() < give_up {
                    *retries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                return if status.is_success() {
                    serde_json::from_str(&text).map_or(Answer::Ok(Value::Null), Answer::Ok)
                } else {
                    Answer::Refused(format!("{status}: {text}"))
                };
            }
            Err(_) if Instant::now() < give_up => {
                *retries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(_) => return Answer::Gone,
        }
    }
}

/// One reader's loop over their session 1.
async fn read_session(
    site: &Site,
    study: &LoadStudy,
    reader: LoadReader,
    deadline: Instant,
    think_ms: u64,
    start_after: Duration,
) -> Outcome {
    let mut out = Outcome::default();
    // Readers do not all open their session in the same millisecond.
    tokio::time::sleep(start_after).await;
    let client = &reader.client;
    let state_url = format!("{}/api/reading/state", site.base);
    let submit_url = format!("{}/api/reading/submit", site.base);
    // A small deterministic generator per reader, for think times and ratings.
    let mut rng = vocab::SplitMix64::for_purpose(0x10AD, &[reader.index as u64]);
    let mut next = move || rng.next_u64();
    let mut n = 0;
    while Instant::now() < deadline {
        let started = Instant::now();
        let body = json!({ "study_id": study.id, "session": 1 });
        let state = match until_answered(deadline, &mut out.retries, || {
            client
                .post(&state_url)
                .header(reqwest::header::ORIGIN, &site.base)
                .json(&body)
                .send()
        })
        .await
        {
            Answer::Ok(state) => state,
            Answer::Refused(why) => {
                out.refusals.push(format!("reading/state: {why}"));
                break;
            }
            Answer::Gone => break,
        };
        out.state.push(started.elapsed());
        let case = &state["case"];
        if case.is_null() {
            out.finished_readers = 1;
            break;
        }
        let mut images = vec![case["image_url"].as_str().unwrap_or_default().to_string()];
        if let Some(heatmap) = case["ai"]["heatmap_url"].as_str() {
            images.push(heatmap.to_string());
        }
        for image in images {
            let url = format!("{}{image}", site.base);
            let asked = Instant::now();
            match until_answered(deadline, &mut out.retries, || client.get(&url).send()).await {
                Answer::Refused(why) => out.refusals.push(format!("{image}: {why}")),
                Answer::Ok(_) => out.image.push(asked.elapsed()),
                Answer::Gone => {}
            }
        }
        out.next_case.push(started.elapsed());
        if think_ms > 0 {
            let pause = think_ms / 2 + next() % (think_ms + 1);
            tokio::time::sleep(Duration::from_millis(pause)).await;
        }
        n += 1;
        let key = format!("load-{}-{}-{n}", study.id, reader.index);
        let score = (next() % 101) as i64;
        let body = json!({ "study_id": study.id, "session": 1, "read": {
            "case_ref": case["case_ref"], "stage": case["stage"], "call_positive": score >= 50,
            "score": score, "active_ms": 4000, "interactions": "[]", "idempotency_key": key } });
        let retries_before = out.retries;
        let sent = Instant::now();
        match until_answered(deadline, &mut out.retries, || {
            client
                .post(&submit_url)
                .header(reqwest::header::ORIGIN, &site.base)
                .json(&body)
                .send()
        })
        .await
        {
            Answer::Ok(_) => {
                // A submit that needed retries measured the outage, not the server.
                if out.retries == retries_before {
                    out.submit.push(sent.elapsed());
                }
                out.acknowledged.push(key);
            }
            Answer::Refused(why) => {
                out.refusals.push(format!("reading/submit: {why}"));
                break;
            }
            Answer::Gone => break,
        }
    }
    out
}

/// Drives every reader at once for `length`, running the kill command when asked.
pub async fn drive(
    site: &Site,
    study: &LoadStudy,
    readers: Vec<LoadReader>,
    length: Duration,
    think_ms: u64,
    kill: Option<(Duration, String)>,
) -> Outcome {
    let started = Instant::now();
    let deadline = started + length;
    let site = std::sync::Arc::new(Site::new(&site.base));
    let study = std::sync::Arc::new(LoadStudy { id: study.id });
    let mut tasks = tokio::task::JoinSet::new();
    let count = readers.len().max(1) as u64;
    for reader in readers {
        let (site, study) = (site.clone(), study.clone());
        // Starts spread over one pause (none when readers read as fast as they can).
        let start_after = Duration::from_millis(think_ms * reader.index as u64 / count);
        tasks.spawn(async move {
            read_session(&site, &study, reader, deadline, think_ms, start_after).await
        });
    }
    let killer = kill.map(|(after, command)| {
        tokio::spawn(async move {
            tokio::time::sleep(after).await;
            match tokio::process::Command::new("sh")
                .arg("-c")
                .arg(&command)
                .status()
                .await
            {
                Ok(status) => format!("`{command}` ran at {}s: {status}", after.as_secs()),
                Err(err) => format!("`{command}` could not run: {err}"),
            }
        })
    });
    let mut all = Outcome::default();
    while let Some(done) = tasks.join_next().await {
        let Ok(one) = done else { continue };
        all.next_case.extend(one.next_case);
        all.state.extend(one.state);
        all.image.extend(one.image);
        all.submit.extend(one.submit);
        all.acknowledged.extend(one.acknowledged);
        all.retries += one.retries;
        all.refusals.extend(one.refusals);
        all.finished_readers += one.finished_readers;
    }
    all.elapsed = started.elapsed();
    if let Some(killer) = killer {
        all.kill = killer.await.ok();
    }
    all
}
