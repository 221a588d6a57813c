//! The coordinator's plain functions against a real store and data directory: imports are all or
//! nothing, settings lock with the first read, enrolment deals balanced groups and case orders.

use std::path::{Path, PathBuf};

use imaging::phantom::PhantomConfig;
use store::{NewRead, Store};

use crate::domain::reader::ReaderForm;
use crate::domain::study::StudyForm;
use crate::domain::user::{CurrentUser, Role};
use crate::ssr::import::{import, Source};
use crate::ssr::{readers, studies};
use crate::AppError;

struct Fixture {
    _dir: tempfile::TempDir,
    data: PathBuf,
    store: Store,
    coordinator: CurrentUser,
}

impl Fixture {
    /// Imports a phantom folder into `study` as the coordinator.
    async fn import_folder(&self, study: i64, dir: PathBuf) -> crate::domain::case::ImportReport {
        import(
            &self.store,
            &self.data,
            &self.coordinator,
            study,
            Source::Folder(dir),
            false,
        )
        .await
        .unwrap()
    }
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let store = Store::connect(
        &format!("sqlite://{}", data.join("lector.db").display()),
        store::AuditKey::for_tests(),
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let user = store
        .create_user(&store::NewUser {
            email: "coord@x.example".into(),
            name: "Coordinator".into(),
            role: store::Role::Coordinator,
            password_hash: None,
        })
        .await
        .unwrap();
    let coordinator = CurrentUser {
        id: user.id,
        email: user.email,
        name: user.name,
        role: Role::Coordinator,
    };
    Fixture {
        _dir: dir,
        data,
        store,
        coordinator,
    }
}

fn phantoms(parent: &Path, n: usize) -> PathBuf {
    let out = parent.join(format!("phantoms-{n}"));
    imaging::synth::synthesize(&PhantomConfig::with_total(n, 5), &out, |_, _| {}).unwrap();
    out
}

/// Every file under `dir`, relative, sorted: a snapshot to compare before and after.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if !path.to_string_lossy().contains("lector.db") {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

async fn new_study(f: &Fixture, name: &str) -> i64 {
    let form = StudyForm {
        name: name.into(),
        practice_cases: 2,
        ..StudyForm::default()
    };
    studies::create(&f.store, &f.coordinator, &form)
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn a_phantom_folder_imports_whole_with_its_derived_images() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let set = phantoms(f._dir.path(), 12);

    let report = f.import_folder(study, set).await;

    assert!(report.accepted, "{:?}", report.problems);
    assert_eq!(report.imported, 12);
    let cases = f.store.list_cases(study).await.unwrap();
    assert_eq!(cases.len(), 12);
    for case in &cases {
        let dir = f.data.join(&case.case.files_dir);
        assert!(dir.join("display.png").is_file() && dir.join("thumb.png").is_file());
        assert!(dir.join(&case.case.original_file).is_file());
    }
    let trail = f.store.list_audit(Some(study), 10).await.unwrap();
    assert_eq!(trail[0].action, "cases.import");
}

#[tokio::test]
async fn a_bad_import_leaves_the_database_and_the_data_directory_unchanged() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let good = phantoms(f._dir.path(), 6);
    f.import_folder(study, good).await;
    let bad = phantoms(f._dir.path(), 8);
    let manifest = bad.join("manifest.csv");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    let second_row = text.lines().nth(2).unwrap().to_string();
    text.push_str(&second_row);
    text.push('\n');
    std::fs::write(&manifest, text).unwrap();
    let first_image = std::fs::read_dir(bad.join("images"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(first_image).unwrap();
    let (cases_before, files_before) = (f.store.case_ids(study).await.unwrap(), listing(&f.data));

    let report = f.import_folder(study, bad).await;

    assert!(!report.accepted);
    assert!(report.problems.len() >= 2, "{:?}", report.problems);
    assert_eq!(f.store.case_ids(study).await.unwrap(), cases_before);
    assert_eq!(listing(&f.data), files_before);
}

#[tokio::test]
async fn repeating_a_case_id_of_an_earlier_import_rejects_the_import() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let set = phantoms(f._dir.path(), 6);
    f.import_folder(study, set.clone()).await;
    let files_before = listing(&f.data);

    let again = f.import_folder(study, set).await;

    assert!(!again.accepted);
    assert_eq!(again.problems.len(), 6);
    assert!(again.problems[0].reason.contains("already in the study"));
    assert_eq!(listing(&f.data), files_before);
}

#[tokio::test]
async fn settings_and_cases_lock_once_the_first_read_is_saved() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let set = phantoms(f._dir.path(), 10);
    f.import_folder(study, set.clone()).await;
    let reader = ReaderForm {
        name: "Li Wei".into(),
        email: "li@x.example".into(),
        hospital: "H1".into(),
        years_experience: 3,
        seniority_override: None,
    };
    let enrolled = readers::enrol(&f.store, &f.coordinator, study, &[reader])
        .await
        .unwrap();
    let reader_id = enrolled[0].reader.id;
    let case_ref = f.store.order_of(reader_id, 1).await.unwrap()[0];
    f.store
        .save_read(
            &NewRead::new(
                store::ReadPlace {
                    study_id: study,
                    reader_id,
                    case_ref,
                    session: 1,
                    position: 1,
                    stage: vocab::Stage::Single,
                },
                store::Answer {
                    call_positive: true,
                    score: 80,
                    active_ms: 3000,
                    interactions: "[]".into(),
                    marks: Vec::new(),
                },
                false,
                "k".into(),
                None,
            ),
            store::ReadAuthor {
                user_id: f.coordinator.id,
                email: &f.coordinator.email,
                simulated: false,
            },
        )
        .await
        .unwrap();
    let form = StudyForm {
        name: "Knee".into(),
        washout_days: 7,
        ..StudyForm::default()
    };

    let change = studies::update(&f.store, &f.coordinator, study, &form)
        .await
        .unwrap_err();
    let import_again = import(
        &f.store,
        &f.data,
        &f.coordinator,
        study,
        Source::Folder(set),
        false,
    )
    .await
    .unwrap_err();

    assert!(
        matches!(&change, AppError::Invalid(m) if m.contains("locked because reading has begun")),
        "{change}"
    );
    assert!(
        matches!(&import_again, AppError::Invalid(m) if m.contains("once reading has begun")),
        "{import_again}"
    );
    assert!(
        studies::detail(&f.store, &f.coordinator, study)
            .await
            .unwrap()
            .locked
    );
}

#[tokio::test]
async fn enrolment_derives_seniority_balances_groups_and_deals_orders() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let set = phantoms(f._dir.path(), 12);
    f.import_folder(study, set).await;
    let forms: Vec<ReaderForm> = [
        (2, None),
        (4, None),
        (8, None),
        (12, None),
        (20, Some(vocab::Seniority::Junior)),
    ]
    .iter()
    .enumerate()
    .map(|(i, (years, over))| ReaderForm {
        name: format!("Reader {i}"),
        email: format!("r{i}@x.example"),
        hospital: "H1".into(),
        years_experience: *years,
        seniority_override: *over,
    })
    .collect();

    let invited = readers::enrol(&f.store, &f.coordinator, study, &forms)
        .await
        .unwrap();

    let seniority: Vec<&str> = invited
        .iter()
        .map(|i| i.reader.seniority.as_str())
        .collect();
    assert_eq!(
        seniority,
        ["junior", "junior", "intermediate", "senior", "junior"]
    );
    assert!(invited[4].reader.seniority_overridden);
    let juniors: Vec<&str> = invited
        .iter()
        .filter(|i| i.reader.seniority == vocab::Seniority::Junior)
        .map(|i| i.reader.group.as_str())
        .collect();
    let a = juniors.iter().filter(|g| **g == "A").count();
    assert!(a.abs_diff(juniors.len() - a) <= 1, "{juniors:?}");
    assert!(invited.iter().all(|i| i
        .invite_path
        .as_deref()
        .is_some_and(|p| p.starts_with("/invite/"))));
    let first = f.store.order_of(invited[0].reader.id, 1).await.unwrap();
    let second = f.store.order_of(invited[1].reader.id, 1).await.unwrap();
    assert!(!first.is_empty());
    assert_ne!(first, second, "each reader has their own permutation");
    let again = readers::enrol(&f.store, &f.coordinator, study, &forms[..1])
        .await
        .unwrap_err();
    assert!(again.to_string().contains("already enrolled"), "{again}");
}

#[tokio::test]
async fn a_reader_with_a_megabyte_name_or_hospital_is_refused_and_nobody_enrolled() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let form = |name: String, hospital: String| ReaderForm {
        name,
        email: "long@x.example".into(),
        hospital,
        years_experience: 3,
        seniority_override: None,
    };

    let name = readers::enrol(
        &f.store,
        &f.coordinator,
        study,
        &[form("n".repeat(1 << 20), "H1".into())],
    )
    .await;
    let hospital = readers::enrol(
        &f.store,
        &f.coordinator,
        study,
        &[form("N".into(), "h".repeat(201))],
    )
    .await;

    for refused in [name, hospital] {
        let err = refused.unwrap_err().to_string();
        assert!(err.contains("at most 200 characters"), "{err}");
    }
    assert!(f.store.list_readers(study).await.unwrap().is_empty());
}

#[tokio::test]
async fn another_coordinator_may_not_touch_the_study() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let other = CurrentUser {
        id: 999,
        email: "other@x.example".into(),
        name: "Other".into(),
        role: Role::Coordinator,
    };

    let refused = studies::detail(&f.store, &other, study).await.unwrap_err();

    assert!(matches!(refused, AppError::Forbidden(_)), "{refused}");
}

#[tokio::test]
async fn the_de_identification_choices_change_freely_until_the_study_holds_cases() {
    let f = fixture().await;
    let study = new_study(&f, "Knee").await;
    let keeping = StudyForm {
        name: "Knee".into(),
        practice_cases: 2,
        deid_keep_descriptions: true,
        ..StudyForm::default()
    };
    let accepting = StudyForm {
        deid_accept_burned_in: true,
        ..keeping.clone()
    };

    let before_cases = studies::update(&f.store, &f.coordinator, study, &keeping).await;
    let report = f.import_folder(study, phantoms(f._dir.path(), 4)).await;
    let after_cases = studies::update(&f.store, &f.coordinator, study, &accepting)
        .await
        .unwrap_err();
    let other_change = studies::update(
        &f.store,
        &f.coordinator,
        study,
        &StudyForm {
            washout_days: 14,
            ..keeping.clone()
        },
    )
    .await;

    assert!(before_cases.is_ok(), "{before_cases:?}");
    assert!(report.accepted);
    assert!(
        matches!(&after_cases, AppError::Invalid(m) if m.contains("de-identification")),
        "{after_cases}"
    );
    assert!(
        other_change.is_ok(),
        "other settings still change: {other_change:?}"
    );
    let stored = f.store.study(study).await.unwrap().unwrap();
    assert!(stored.config.deid.keep_descriptions && !stored.config.deid.accept_burned_in);
}
