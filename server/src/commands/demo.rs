//! `lector demo`: a full replica of the seed study, then the web app serving it.
//!
//! On an empty data directory it generates the default phantoms (as `lector synth` does), makes
//! a coordinator and 17 reader accounts with fixed demo passwords, creates the crossover study,
//! imports the phantoms and runs the shipped CNN over them (the same code the Cases page runs),
//! enrols 16 radiologists from six hospitals (6 junior, 5 intermediate, 5 senior) and a 17th
//! reader for a visitor, deals the case orders as the app does, and saves the practice and both
//! sessions' reads of the 16 from [`analysis::simulate::readers`], each audited as the reading
//! page audits a read. Every step first looks at what is already there, so a second run (or one
//! after an interruption) adds only what is missing — nothing, once the demo is complete.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use analysis::simulate::readers::{ReaderModel, SimCase, SimReader};
use app::domain::reader::ReaderForm;
use app::domain::study::StudyForm;
use app::domain::user::CurrentUser;
use app::ssr::auth::current_user_from;
use app::ssr::import::Source;
use app::ssr::orders::PRACTICE_SESSION;
use imaging::LesionMap;
use store::{Answer, NewRead, ReadAuthor, ReadPlace, Reader, Role, Store, Study};
use vocab::StudyTask;

use super::demo_marks::simulated_marks;

use super::CommandError;
use crate::cli::{DemoArgs, SynthArgs};
use crate::config::Config;
use crate::progress::Progress;
use crate::startup::{shutdown_signal, Application};

/// The demo study's name.
pub const STUDY_NAME: &str = "Osteosarcoma vs giant-cell tumour (demo)";
/// The second demo study of `lector demo --localization`: the same phantoms, readers mark the
/// osteosarcomas (the giant-cell tumours stand in for normal cases).
pub const LOCALIZATION_STUDY_NAME: &str = "Osteosarcoma localization (demo)";
pub const COORDINATOR_EMAIL: &str = "coordinator@lector.demo";
pub const COORDINATOR_PASSWORD: &str = "lector-demo-coordinator";
/// The password of every demo reader account.
pub const READER_PASSWORD: &str = "lector-demo-reader";
/// The reader with no reads, for a visitor to try reading.
pub const VISITOR_EMAIL: &str = "visitor@lector.demo";
/// The folder under the data directory the phantoms are written to.
pub const PHANTOM_DIR: &str = "demo-phantoms";

/// The seed study's sixteen radiologists: (name, hospital, years of experience); 6 junior
/// (≤ 5 years), 5 intermediate (6–10), 5 senior (> 10), from six hospitals.
const ROSTER: [(&str, &str, i64); 16] = [
    ("Lin Wei", "Riverside University Hospital", 2),
    ("Sara Okafor", "St Brigid's Hospital", 3),
    ("Tomás Ferreira", "Northgate General Hospital", 3),
    ("Mei Tanaka", "Lakeshore Cancer Centre", 4),
    ("Jonas Berg", "Hillcrest Orthopaedic Hospital", 5),
    ("Priya Raman", "Westbrook Children's Hospital", 5),
    ("Chen Hao", "Riverside University Hospital", 6),
    ("Amira Haddad", "St Brigid's Hospital", 7),
    ("Lukas Novak", "Northgate General Hospital", 8),
    ("Elena Rossi", "Lakeshore Cancer Centre", 9),
    ("David Mensah", "Hillcrest Orthopaedic Hospital", 10),
    ("Zhang Min", "Riverside University Hospital", 12),
    ("Ingrid Larsen", "Westbrook Children's Hospital", 15),
    ("Rafael Ortega", "Lakeshore Cancer Centre", 18),
    ("Fatima Zahra", "St Brigid's Hospital", 22),
    ("Henrik Weber", "Northgate General Hospital", 27),
];

fn reader_email(index: usize) -> String {
    format!("reader{:02}@lector.demo", index + 1)
}

/// # Errors
/// [`CommandError`] naming the step that failed.
pub async fn run(config: &Config, args: &DemoArgs) -> Result<(), CommandError> {
    let started = Instant::now();
    let store = config.open_store().await?;
    prepare(&store, &config.data_dir, args).await?;
    println!(
        "the demo is ready ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    if args.no_serve {
        print_logins(None);
        return Ok(());
    }
    drop(store);
    let app = Application::build(config).await?;
    print_logins(Some(&format!("http://{}", app.local_addr())));
    tracing::info!(addr = %app.local_addr(), data_dir = %config.data_dir.display(), "serving the demo");
    app.run_until(shutdown_signal()).await?;
    Ok(())
}

fn print_logins(url: Option<&str>) {
    if let Some(url) = url {
        // The same line `lector serve` prints, so scripts pick the address up the same way.
        println!("Lector is serving at {url}");
    }
    println!("sign in as (email / password):");
    println!("  coordinator          {COORDINATOR_EMAIL} / {COORDINATOR_PASSWORD}");
    println!(
        "  a simulated reader   {} / {READER_PASSWORD}   ({}, both sessions read)",
        reader_email(0),
        ROSTER[0].0
    );
    println!("  a reader to try it   {VISITOR_EMAIL} / {READER_PASSWORD}   (nothing read yet)");
}

/// Builds whatever part of the demo is missing.
async fn prepare(store: &Store, data_dir: &Path, args: &DemoArgs) -> Result<(), CommandError> {
    let coordinator = account(
        store,
        Role::Coordinator,
        COORDINATOR_EMAIL,
        "Demo Coordinator",
        COORDINATOR_PASSWORD,
    )
    .await?;
    let mut reader_accounts = Vec::new();
    for (i, (name, ..)) in ROSTER.iter().enumerate() {
        reader_accounts
            .push(account(store, Role::Reader, &reader_email(i), name, READER_PASSWORD).await?);
    }
    account(
        store,
        Role::Reader,
        VISITOR_EMAIL,
        "Visiting Reader",
        READER_PASSWORD,
    )
    .await?;

    let mut tasks = vec![StudyTask::Classification];
    if args.localization {
        tasks.push(StudyTask::Localization);
    }
    for task in tasks {
        let study = study(store, &coordinator, args.seed, task).await?;
        if store.list_cases(study.id).await?.is_empty() {
            let phantoms = phantoms(data_dir, args)?;
            let report = app::ssr::import::import(
                store,
                data_dir,
                &coordinator,
                study.id,
                Source::Folder(phantoms.clone()),
                false,
            )
            .await?;
            if !report.accepted {
                for p in &report.problems {
                    eprintln!("row {}\t{}", p.row, p.reason);
                }
                return Err(CommandError::Refused(format!(
                    "the phantoms in {} could not be imported; delete that folder and run `lector demo` again",
                    phantoms.display()
                )));
            }
            println!("imported {} cases", report.imported);
        }
        run_ai(store, data_dir, &coordinator, study.id).await?;
        enrol(store, &coordinator, &study).await?;
        let readers = store.list_readers(study.id).await?;
        simulate_reads(
            store,
            data_dir,
            &study,
            &readers,
            &reader_accounts,
            args.seed,
        )
        .await?;
    }
    Ok(())
}

/// The phantom folder, generated first unless it holds a complete set of the asked size (synth
/// writes the manifest last; an older demo's set of another size is replaced).
fn phantoms(data_dir: &Path, args: &DemoArgs) -> Result<PathBuf, CommandError> {
    let dir = data_dir.join(PHANTOM_DIR);
    let base = imaging::phantom::PhantomConfig::default();
    let wanted = args.cases.unwrap_or(base.cases_os + base.cases_gct);
    let have = std::fs::read_to_string(dir.join("manifest.csv"))
        .map(|text| {
            text.lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .count()
        })
        .unwrap_or(0);
    if have != wanted {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|source| CommandError::Write {
                path: dir.clone(),
                source,
            })?;
        }
        super::synth::run(&SynthArgs {
            cases: args.cases,
            seed: Some(args.seed),
            out: dir.clone(),
        })?;
    }
    Ok(dir)
}

/// The account with this email, created (with its password, audited like `lector user add`)
/// when missing.
async fn account(
    store: &Store,
    role: Role,
    email: &str,
    name: &str,
    password: &str,
) -> Result<CurrentUser, CommandError> {
    if let Some(user) = store.user_by_email(email).await? {
        if user.role != role {
            return Err(CommandError::Refused(format!(
                "{email} is a {} account here, not a demo {}; use an empty data directory for the demo",
                user.role.as_str(),
                role.as_str()
            )));
        }
        return Ok(current_user_from(&user));
    }
    let user = super::user::create_account(store, role, email, name, password, true).await?;
    Ok(current_user_from(&user))
}

/// A demo study, created by the coordinator with the seed study's defaults when missing: the
/// classification study, or the localization one.
async fn study(
    store: &Store,
    coordinator: &CurrentUser,
    seed: u64,
    task: StudyTask,
) -> Result<Study, CommandError> {
    let name = match task {
        StudyTask::Classification => STUDY_NAME,
        StudyTask::Localization => LOCALIZATION_STUDY_NAME,
    };
    let existing = store
        .list_studies()
        .await?
        .into_iter()
        .find(|s| s.name == name);
    let id = match existing {
        Some(study) => study.id,
        None => {
            let form = StudyForm {
                name: name.into(),
                seed: seed as i64,
                task,
                ..StudyForm::default()
            };
            let created = app::ssr::studies::create(store, coordinator, &form).await?;
            println!("created the study '{}'", created.name);
            created.id
        }
    };
    store
        .study(id)
        .await?
        .ok_or_else(|| CommandError::Refused(format!("study {id} vanished")))
}

/// Runs the shipped CNN over every case without an output, through the Cases page's code, and
/// waits for it, printing progress.
async fn run_ai(
    store: &Store,
    data_dir: &Path,
    coordinator: &CurrentUser,
    study_id: i64,
) -> Result<(), CommandError> {
    // A run this process did not finish (an interrupted demo) would block a new one; the
    // demo is the only process on its database, so every running run is such a run.
    store.fail_all_running_ai_jobs().await?;
    let status = app::ssr::ai::start(store, data_dir, coordinator, study_id).await?;
    if status.cases_with_output >= status.cases {
        return Ok(());
    }
    let mut progress = Progress::new("AI");
    loop {
        let status = app::ssr::ai::status(store, coordinator, study_id).await?;
        progress.update(status.done.max(0) as usize, status.total.max(1) as usize);
        match status.status.as_str() {
            "running" => tokio::time::sleep(Duration::from_millis(250)).await,
            "done" => return Ok(()),
            other => {
                return Err(CommandError::Refused(format!(
                    "the AI run ended {other}: {}",
                    status.error.unwrap_or_default()
                )))
            }
        }
    }
}

/// Enrols the sixteen and the visitor, those not enrolled yet, through the Readers page's code
/// (seniority from years, balanced crossover groups, case orders dealt).
async fn enrol(
    store: &Store,
    coordinator: &CurrentUser,
    study: &Study,
) -> Result<(), CommandError> {
    let enrolled: Vec<String> = store
        .list_readers(study.id)
        .await?
        .into_iter()
        .map(|r| r.email)
        .collect();
    let mut forms: Vec<ReaderForm> = ROSTER
        .iter()
        .enumerate()
        .map(|(i, (name, hospital, years))| ReaderForm {
            name: (*name).into(),
            email: reader_email(i),
            hospital: (*hospital).into(),
            years_experience: *years,
            seniority_override: None,
        })
        .collect();
    forms.push(ReaderForm {
        name: "Visiting Reader".into(),
        email: VISITOR_EMAIL.into(),
        hospital: "Your hospital".into(),
        years_experience: 4,
        seniority_override: None,
    });
    forms.retain(|f| !enrolled.contains(&f.email));
    if !forms.is_empty() {
        app::ssr::readers::enrol(store, coordinator, study.id, &forms).await?;
        println!("enrolled {} readers", forms.len());
    }
    Ok(())
}

/// A stable id for a case's random streams: FNV-1a of its manifest id.
fn case_key(case_id: &str) -> u64 {
    case_id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Saves the practice and both sessions' reads of the sixteen simulated readers, in each
/// reader's dealt order, skipping sessions already complete.
async fn simulate_reads(
    store: &Store,
    data_dir: &Path,
    study: &Study,
    readers: &[Reader],
    accounts: &[CurrentUser],
    seed: u64,
) -> Result<(), CommandError> {
    let ai: HashMap<i64, f64> = store
        .ai_outputs(study.id, app::ssr::ai::model_version())
        .await?
        .into_iter()
        .map(|o| (o.case_ref, o.probability))
        .collect();
    let stored = store.list_cases(study.id).await?;
    // The lesions of the positive cases, for the marks of a localization study.
    let lesions: HashMap<i64, LesionMap> = if study.config.task == StudyTask::Localization {
        stored
            .iter()
            .filter(|c| c.case.truth && c.case.has_mask)
            .filter_map(|c| {
                let path = data_dir.join(&c.case.files_dir).join("mask.png");
                LesionMap::load(&path).ok().map(|m| (c.id, m))
            })
            .collect()
    } else {
        HashMap::new()
    };
    let case_keys: HashMap<i64, u64> = stored
        .iter()
        .map(|c| (c.id, case_key(&c.case.case_id)))
        .collect();
    let cases: HashMap<i64, SimCase> = stored
        .into_iter()
        .map(|c| {
            let sim = SimCase {
                id: case_key(&c.case.case_id),
                truth: c.case.truth,
                ai_probability: ai.get(&c.id).copied().unwrap_or(0.5),
            };
            (c.id, sim)
        })
        .collect();
    let model = ReaderModel::seed_study();
    let mut sessions = vec![PRACTICE_SESSION];
    sessions.extend(study.design.sessions());
    let mut todo = Vec::new();
    for (index, account) in accounts.iter().enumerate() {
        let Some(reader) = readers.iter().find(|r| r.user_id == account.id) else {
            continue;
        };
        for &session in &sessions {
            let order = store.order_of(reader.id, session).await?;
            if store.reads_of(reader.id, session).await?.len() < order.len() {
                todo.push((index, account, reader, session, order));
            }
        }
    }
    let total: usize = todo.iter().map(|t| t.4.len()).sum();
    if total == 0 {
        return Ok(());
    }
    let mut progress = Progress::new("simulated reads");
    let mut done = 0;
    for (index, account, reader, session, order) in todo {
        let sim_reader = SimReader {
            id: index as u64 + 1,
            seniority: reader.seniority,
        };
        let aided = study.design.session_is_aided(reader.group, session);
        for (position, case_ref) in order.iter().enumerate() {
            let case = cases.get(case_ref).ok_or_else(|| {
                CommandError::Refused(format!("case {case_ref} of an order is not in the study"))
            })?;
            let pair = model.read(seed, &sim_reader, case);
            let sim = if aided { pair.aided } else { pair.unaided };
            let place = ReadPlace {
                study_id: study.id,
                reader_id: reader.id,
                case_ref: *case_ref,
                session,
                position: position as i64 + 1,
                stage: vocab::Stage::Single,
            };
            let marks = if study.config.task == StudyTask::Localization {
                simulated_marks(
                    lesions.get(case_ref),
                    sim.call_positive,
                    sim.confidence,
                    [case_keys[case_ref], index as u64, session as u64],
                    seed,
                )
            } else {
                Vec::new()
            };
            let answer = Answer {
                call_positive: sim.call_positive,
                score: sim.confidence,
                active_ms: sim.active_ms,
                interactions: "[]".into(),
                marks,
            };
            let key = format!("demo-{}-{}-{session}-{case_ref}", study.id, reader.id);
            let new = NewRead::new(place, answer, aided, key, None);
            // Audited in the read's own transaction, as the reading page's reads are, and
            // marked as simulated.
            let author = ReadAuthor {
                user_id: account.id,
                email: &account.email,
                simulated: true,
            };
            store.save_read(&new, author).await?;
            done += 1;
            progress.update(done, total);
        }
    }
    Ok(())
}
