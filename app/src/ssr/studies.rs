//! Plain functions behind the study server functions.

use store::Store;

use crate::domain::study::StudySummary;
use crate::ssr::internal;
use crate::AppError;

/// Every study as the home page lists it.
///
/// # Errors
/// [`AppError::Internal`] when the database fails (logged with its cause).
pub async fn list(store: &Store) -> Result<Vec<StudySummary>, AppError> {
    let studies = store
        .list_studies()
        .await
        .map_err(|err| internal("load the list of studies", &err))?;
    Ok(studies.into_iter().map(summary).collect())
}

fn summary(study: store::Study) -> StudySummary {
    StudySummary {
        id: study.id,
        name: study.name,
        positive_label: study.positive_label,
        negative_label: study.negative_label,
        design: study.design.as_str().to_string(),
        created_on: study.created_at.chars().take(10).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::{NewStudy, ReadingDesign};

    #[tokio::test]
    async fn studies_are_summarised_with_their_creation_date() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = Store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        store
            .create_study(&NewStudy {
                name: "Knee".into(),
                positive_label: "OS".into(),
                negative_label: "GCT".into(),
                design: ReadingDesign::Sequential,
            })
            .await
            .unwrap();

        let listed = list(&store).await.unwrap();

        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].design, "sequential");
        assert_eq!(listed[0].created_on.len(), 10, "{}", listed[0].created_on);
    }
}
