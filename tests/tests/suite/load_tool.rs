//! The load tool against a real server on SQLite and PostgreSQL: a few readers reading at
//! once get every rating acknowledged, stored exactly once, with no request refused; and the
//! tool refuses to be pointed anywhere but loopback or to run unbounded.

use tests::load::{run, LoadArgs};
use tests::{on_both_backends, study::PASSWORD, TestApp};

fn args(app: &TestApp) -> LoadArgs {
    LoadArgs {
        url: app.address.clone(),
        email: "coord@x.example".into(),
        password: PASSWORD.into(),
        readers: 3,
        cases: 20,
        seconds: 3,
        think_ms: 0,
        kill_after: None,
        kill_cmd: None,
        database_url: Some(app.database_url.clone()),
        json: false,
    }
}

async fn readers_reading_at_once_get_each_rating_stored_exactly_once(app: &TestApp) {
    app.create_user(store::Role::Coordinator, "coord@x.example", PASSWORD)
        .await;

    let report = run(&args(app)).await.unwrap();

    assert!(report.refusals.is_empty(), "{:?}", report.refusals);
    assert!(report.acknowledged > 3, "{}", report.table());
    assert_eq!(report.submit.count, report.acknowledged);
    assert_eq!((report.lost, report.duplicated), (Some(0), Some(0)));
    assert!(!report.failed());
}

on_both_backends!(readers_reading_at_once_get_each_rating_stored_exactly_once);

#[test]
fn the_load_tool_runs_only_on_loopback_and_within_its_bounds() {
    let base = LoadArgs {
        url: "http://127.0.0.1:3000".into(),
        email: "c@x".into(),
        password: "p".into(),
        readers: 64,
        cases: 120,
        seconds: 30,
        think_ms: 0,
        kill_after: None,
        kill_cmd: None,
        database_url: None,
        json: false,
    };
    let with = |change: &dyn Fn(&mut LoadArgs)| {
        let mut args = base.clone();
        change(&mut args);
        args.check().is_ok()
    };

    assert!(with(&|_| {}));
    assert!(with(&|a| a.url = "http://[::1]:3000".into()));
    assert!(with(&|a| a.url = "http://localhost:8080".into()));
    assert!(!with(&|a| a.url = "http://10.0.0.5:3000".into()));
    assert!(!with(&|a| a.url = "https://lector.hospital.example".into()));
    assert!(!with(&|a| a.readers = 257));
    assert!(!with(&|a| a.seconds = 601));
    assert!(!with(&|a| {
        a.kill_after = Some(30);
        a.kill_cmd = Some("true".into());
    }));
}
