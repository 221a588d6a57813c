//! Every value of every word of the study's vocabulary has a label in both catalogues.

use vocab::*;

use super::{message_keys, Locale};

fn labelled_in_both_languages<W: Word>() {
    for &locale in Locale::ALL {
        let keys = message_keys(locale);
        for &value in W::ALL {
            assert!(
                keys.contains(value.label_key()),
                "{} '{}' has no label '{}' in {}",
                W::WHAT,
                value.as_str(),
                value.label_key(),
                locale.tag()
            );
        }
    }
}

#[test]
fn every_word_of_the_study_has_a_label_in_both_languages() {
    labelled_in_both_languages::<Role>();
    labelled_in_both_languages::<Seniority>();
    labelled_in_both_languages::<ReadingDesign>();
    labelled_in_both_languages::<StudyTask>();
    labelled_in_both_languages::<MarkRule>();
    labelled_in_both_languages::<CrossoverGroup>();
    labelled_in_both_languages::<BackNavigation>();
    labelled_in_both_languages::<Modality>();
    labelled_in_both_languages::<Stage>();
    labelled_in_both_languages::<SessionMode>();
    labelled_in_both_languages::<RatingScale>();
    labelled_in_both_languages::<Split>();
    labelled_in_both_languages::<Locale>();
    labelled_in_both_languages::<Covariance>();
    labelled_in_both_languages::<ExportKind>();
    labelled_in_both_languages::<JobState>();
    labelled_in_both_languages::<AuditKind>();
}

#[test]
fn every_rating_scale_has_a_prompt_in_both_languages() {
    for &locale in Locale::ALL {
        let keys = message_keys(locale);
        for &scale in RatingScale::ALL {
            assert!(keys.contains(scale.prompt_key()), "{scale} in {locale}");
        }
    }
}
