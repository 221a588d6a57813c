//! The sample-size table plans a follow-up study with the coordinator's effect, α and power, on
//! the results page and in the downloads, and refuses a plan out of range (issue 17).

use serde_json::{json, Value};
use tests::TestApp;

const COORDINATOR: (&str, &str) = ("coordinator@lector.demo", "lector-demo-coordinator");

fn sample_size(view: &Value) -> &Value {
    view["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "sample_size")
        .unwrap_or_else(|| panic!("no sample-size table: {view}"))
}

#[tokio::test]
async fn the_sample_size_table_plans_with_the_entered_effect_and_refuses_one_out_of_range() {
    let app = TestApp::spawn().await;
    tests::build_demo(&app, &["--cases", "40"]);
    let coordinator = app.sign_in(COORDINATOR.0, COORDINATOR.1).await;
    let study: Value = app
        .call(&coordinator, "/api/studies/list", &[])
        .await
        .json()
        .await
        .unwrap();
    let study = study[0]["id"].as_i64().unwrap();
    let results = |planning: Value| {
        let body = json!({ "study_id": study, "locale": "en", "covariance": "jackknife",
                           "planning": planning });
        tests::api::post_json(&app, &coordinator, "results/study", body)
    };

    let observed: Value = results(json!({})).await.json().await.unwrap();
    let planned: Value = results(json!({ "effect": 0.04, "alpha": 0.01, "power": 0.9 }))
        .await
        .json()
        .await
        .unwrap();
    let too_large = results(json!({ "effect": 0.7 })).await;

    let notes = |v: &Value| sample_size(v)["notes"].to_string();
    assert!(
        notes(&observed).contains("observed AUC difference"),
        "{}",
        notes(&observed)
    );
    assert!(
        notes(&observed).contains("Target power 80 %"),
        "{}",
        notes(&observed)
    );
    let table = sample_size(&planned);
    assert_eq!(table["rows"][0][0]["text"], "0.040", "{table}");
    assert!(
        notes(&planned).contains("entered on the results page"),
        "{}",
        notes(&planned)
    );
    assert!(notes(&planned).contains("0.01") && notes(&planned).contains("Target power 90 %"));
    assert!(
        too_large.status().is_client_error(),
        "{}",
        too_large.status()
    );

    // The downloads carry the same plan; a plan out of range is refused there too.
    let download = |query: &str| {
        let url = format!("{}/studies/{study}/export/tables.csv?{query}", app.address);
        coordinator.get(url).send()
    };
    let csv = download("effect=0.04&power=0.9")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("entered on the results page"), "{csv}");
    let refused = download("power=1.5").await.unwrap();
    assert_eq!(refused.status(), 400);
}
