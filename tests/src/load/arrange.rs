//! Arranging a load run through the server's own API, as a coordinator and readers would: a
//! fresh study of phantom cases with the AI run over it, N readers enrolled, each joining with
//! their invite link (which signs them in).

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{LoadArgs, LoadError};

/// The password every load reader chooses on their invite page.
const READER_PASSWORD: &str = "load test reader password";

/// The server and how to call its server functions (JSON or form, with this site's Origin).
pub struct Site {
    pub base: String,
}

/// The study the readers read.
pub struct LoadStudy {
    pub id: i64,
}

/// A signed-in reader: their own cookie jar.
pub struct LoadReader {
    pub index: usize,
    pub client: reqwest::Client,
}

fn server_error(step: &str, detail: impl ToString) -> LoadError {
    LoadError::Server {
        step: step.into(),
        detail: detail.to_string(),
    }
}

impl Site {
    pub fn new(url: &str) -> Site {
        Site {
            base: url.trim_end_matches('/').to_string(),
        }
    }

    /// A client with its own cookie jar; connections are kept alive as a browser does.
    pub fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("a client with a cookie jar builds")
    }

    /// POSTs JSON to `/api/<endpoint>` and returns the answer's JSON.
    pub async fn json(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        body: &Value,
    ) -> Result<Value, LoadError> {
        let response = client
            .post(format!("{}/api/{endpoint}", self.base))
            .header(reqwest::header::ORIGIN, &self.base)
            .json(body)
            .send()
            .await
            .map_err(|e| server_error(endpoint, e))?;
        answer(endpoint, response).await
    }

    /// POSTs a form to `/api/<endpoint>` and returns the answer's JSON.
    pub async fn form(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<Value, LoadError> {
        let response = client
            .post(format!("{}/api/{endpoint}", self.base))
            .header(reqwest::header::ORIGIN, &self.base)
            .form(form)
            .send()
            .await
            .map_err(|e| server_error(endpoint, e))?;
        answer(endpoint, response).await
    }
}

async fn answer(endpoint: &str, response: reqwest::Response) -> Result<Value, LoadError> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| server_error(endpoint, e))?;
    if !status.is_success() {
        return Err(server_error(endpoint, format!("{status}: {text}")));
    }
    serde_json::from_str(&text).map_err(|e| server_error(endpoint, e))
}

/// Signs in as the coordinator, creates a crossover study of `--cases` phantoms, and runs the
/// AI over it (so that aided reads show it), waiting for the run to finish.
///
/// # Errors
/// [`LoadError::Server`] naming the step the server refused.
pub async fn study(
    site: &Site,
    args: &LoadArgs,
) -> Result<(reqwest::Client, LoadStudy), LoadError> {
    let coordinator = Site::client();
    site.form(
        &coordinator,
        "auth/login",
        &[("email", &args.email), ("password", &args.password)],
    )
    .await?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = format!("Load run {now}");
    let mut form = crate::study::form(&name);
    form["practice_cases"] = json!(0);
    let created = site
        .json(&coordinator, "studies/create", &json!({ "form": form }))
        .await?;
    let id = created["id"]
        .as_i64()
        .ok_or_else(|| server_error("studies/create", created.to_string()))?;
    let zip = crate::study::phantom_zip(args.cases, false);
    let part = reqwest::multipart::Part::bytes(zip).file_name("cases.zip");
    let upload = reqwest::multipart::Form::new()
        .text("study_id", id.to_string())
        .part("file", part);
    let response = coordinator
        .post(format!("{}/api/cases/import_zip", site.base))
        .header(reqwest::header::ORIGIN, &site.base)
        .multipart(upload)
        .send()
        .await
        .map_err(|e| server_error("cases/import_zip", e))?;
    let report = answer("cases/import_zip", response).await?;
    if report["accepted"] != json!(true) {
        return Err(server_error("cases/import_zip", report));
    }
    site.json(&coordinator, "ai/start", &json!({ "study_id": id }))
        .await?;
    let started = Instant::now();
    loop {
        let status = site
            .json(&coordinator, "ai/status", &json!({ "study_id": id }))
            .await?;
        match status["status"].as_str() {
            Some("done") => break,
            Some("failed") => return Err(server_error("ai/start", status)),
            _ if started.elapsed() > Duration::from_secs(600) => {
                return Err(server_error("ai/start", "the AI run took over 10 minutes"))
            }
            _ => tokio::time::sleep(Duration::from_millis(300)).await,
        }
    }
    Ok((coordinator, LoadStudy { id }))
}

/// Enrols `n` fresh readers (1 to 20 years of experience, so every seniority group and both
/// crossover groups read) and lets each join with their invite link.
///
/// # Errors
/// [`LoadError::Server`] when enrolment or joining is refused.
pub async fn readers(
    site: &Site,
    coordinator: &reqwest::Client,
    study: &LoadStudy,
    n: usize,
) -> Result<Vec<LoadReader>, LoadError> {
    let forms: Vec<Value> = (0..n)
        .map(|i| {
            let email = format!("load-{}-{i}@load.invalid", study.id);
            json!({ "name": format!("Load reader {i}"), "email": email, "hospital": "H1",
                    "years_experience": 1 + (i % 20), "seniority_override": null })
        })
        .collect();
    let invitations = site
        .json(
            coordinator,
            "readers/enrol",
            &json!({ "study_id": study.id, "readers": forms }),
        )
        .await?;
    let invitations = invitations
        .as_array()
        .ok_or_else(|| server_error("readers/enrol", invitations.to_string()))?;
    let mut readers = Vec::with_capacity(n);
    for (index, invitation) in invitations.iter().enumerate() {
        let token = invitation["invite_path"]
            .as_str()
            .and_then(|p| p.strip_prefix("/invite/"))
            .ok_or_else(|| server_error("readers/enrol", "a reader got no invite link"))?;
        let client = Site::client();
        site.form(
            &client,
            "auth/accept_invite",
            &[
                ("token", token),
                ("password", READER_PASSWORD),
                ("confirm", READER_PASSWORD),
            ],
        )
        .await?;
        readers.push(LoadReader { index, client });
    }
    Ok(readers)
}
