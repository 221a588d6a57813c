//! Every value of every word the database stores passes its migrations' CHECKs and reads back
//! as itself, on both backends: a value added to `vocab` fails here until a migration allows it.

use vocab::{
    BackNavigation, CrossoverGroup, Locale, MarkRule, RatingScale, ReadingDesign, Role, Seniority,
    Split, Stage, StudyTask,
};

use crate::testing::{case, each_backend, read};
use crate::{ImportRecord, NewReader, NewStudy, NewUser, ReadAuthor};

#[tokio::test]
async fn every_stored_word_passes_the_schema_and_reads_back_as_itself() {
    for t in each_backend().await {
        let store = &t.store;
        let mut n = 0;
        for &design in ReadingDesign::ALL {
            for &scale in RatingScale::ALL {
                for &back in BackNavigation::ALL {
                    for &locale in Locale::ALL {
                        n += 1;
                        let mut new = NewStudy::new(&format!("Study {n}"), "OS", "GCT", design);
                        new.config.rating_scale = scale;
                        new.config.back_navigation = back;
                        new.config.default_locale = locale;
                        new.config.read_splits = Split::ALL.to_vec();
                        let created = store.create_study(&new, None).await.unwrap();
                        let again = store.study(created.id).await.unwrap().unwrap();
                        assert_eq!(again, created, "{}", t.backend);
                    }
                }
            }
        }
        for &task in StudyTask::ALL {
            for &rule in MarkRule::ALL {
                n += 1;
                let mut new =
                    NewStudy::new(&format!("Study {n}"), "OS", "GCT", ReadingDesign::Crossover);
                new.config.task = task;
                new.config.mark_rule = rule;
                let created = store.create_study(&new, None).await.unwrap();
                let again = store.study(created.id).await.unwrap().unwrap();
                assert_eq!(again, created, "{}", t.backend);
            }
        }
        let study = store
            .create_study(
                &NewStudy::new("Words", "OS", "GCT", ReadingDesign::Crossover),
                None,
            )
            .await
            .unwrap();
        let record = ImportRecord {
            kind: "folder".into(),
            source: "/data".into(),
            imported_by: "cli".into(),
        };
        let cases: Vec<_> = Split::ALL
            .iter()
            .map(|s| case(&format!("c-{s}"), true, s.as_str()))
            .collect();
        store.store_import(study.id, &record, &cases).await.unwrap();
        let stored: Vec<Split> = store
            .list_cases(study.id)
            .await
            .unwrap()
            .iter()
            .map(|c| c.case.split)
            .collect();
        assert_eq!(stored.len(), Split::ALL.len(), "{}", t.backend);
        assert!(Split::ALL.iter().all(|s| stored.contains(s)));

        let mut readers = Vec::new();
        for (i, &seniority) in Seniority::ALL.iter().enumerate() {
            for (j, &group) in CrossoverGroup::ALL.iter().enumerate() {
                readers.push(NewReader {
                    user_id: (10 * i + j) as i64 + 100,
                    name: format!("R{i}{j}"),
                    email: format!("r{i}{j}@x"),
                    hospital: "H1".into(),
                    years_experience: 4,
                    seniority,
                    seniority_overridden: true,
                    group,
                });
            }
        }
        store.enrol_readers(study.id, &readers).await.unwrap();
        let listed = store.list_readers(study.id).await.unwrap();
        for new in &readers {
            let got = listed.iter().find(|r| r.email == new.email).unwrap();
            assert_eq!((got.seniority, got.group), (new.seniority, new.group));
        }

        for &role in Role::ALL {
            let user = store
                .create_user(&NewUser {
                    email: format!("{role}@words.example"),
                    name: "W".into(),
                    role,
                    password_hash: None,
                })
                .await
                .unwrap();
            store
                .set_user_locale(user.id, Some(Locale::ZhCn))
                .await
                .unwrap();
            let again = store.user_by_email(&user.email).await.unwrap().unwrap();
            assert_eq!((again.role, again.locale), (role, Some(Locale::ZhCn)));
        }

        let reader = listed[0].id;
        let case_ref = store.list_cases(study.id).await.unwrap()[0].id;
        let author = ReadAuthor {
            user_id: 1,
            email: "r@x",
            simulated: false,
        };
        for (i, &stage) in Stage::ALL.iter().enumerate() {
            for ai_shown in [false, true] {
                let mut new = read(study.id, reader, case_ref, &format!("k{i}{ai_shown}"));
                new.stage = stage;
                new.ai_shown = ai_shown;
                new.session = 1 + (2 * i as i64) + i64::from(ai_shown);
                let (saved, _) = store.save_read(&new, author).await.unwrap();
                let back = store
                    .read_by_key(&new.idempotency_key)
                    .await
                    .unwrap()
                    .unwrap();
                assert_eq!(back.read, saved.read, "{}", t.backend);
            }
        }
        t.finish().await;
    }
}
