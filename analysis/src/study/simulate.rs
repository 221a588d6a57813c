//! A seeded synthetic reader study ([`StudyData`]) for tests, benchmarks and demos: readers of
//! three seniority groups read every case unaided and aided, a CNN and a clinical model score
//! the cases, and the aided reads lean towards the CNN.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal};

use super::data::{
    rating_from_confidence, CutPoints, Modality, ReadingDesign, Seniority, Split, StudyCase,
    StudyData, StudyRead, StudyReader,
};

/// Shape of a synthetic study.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoStudy {
    /// Readers per group: junior, intermediate, senior.
    pub readers: [usize; 3],
    pub cases: usize,
    pub design: ReadingDesign,
}

impl DemoStudy {
    /// The demo study of the results page: 6 junior, 5 intermediate and 5 senior readers, 150
    /// cases, crossover.
    pub fn results_page() -> Self {
        Self {
            readers: [6, 5, 5],
            cases: 150,
            design: ReadingDesign::Crossover,
        }
    }

    /// Draws the study; the same seed always gives the same study.
    ///
    /// Case k has truth with probability 0.4 and a latent difficulty d ~ N(0, 1); the CNN's
    /// probability is the logistic of 2.2·(±1) + 0.9·d + N(0, 1), the clinical model's of
    /// 0.9·(±1) + N(0, 1). A reader of skill s (1.0 junior, 1.4 intermediate, 1.8 senior)
    /// sees s·(±1) + 0.8·d + N(0, 1) unaided; aided, the CNN's logit is mixed in with weight
    /// 0.35. The call is the sign, the confidence 35·|evidence| capped at 100; cases
    /// split internal/external two to one; times ~ 40 s unaided and 32 s aided. In the
    /// crossover design readers alternate between group A (unaided first) and B (aided first);
    /// the model has no period effect.
    pub fn sample(&self, seed: u64) -> StudyData {
        let mut rng = StdRng::seed_from_u64(seed);
        let normal = Normal::new(0.0, 1.0).expect("unit normal");
        let logistic = |x: f64| 1.0 / (1.0 + (-x).exp());
        let mut cases = Vec::with_capacity(self.cases);
        let mut latent = Vec::with_capacity(self.cases);
        for k in 0..self.cases {
            let truth = rng.random_bool(0.4);
            let sign = if truth { 1.0 } else { -1.0 };
            let difficulty: f64 = normal.sample(&mut rng);
            let cnn_logit = 2.2 * sign + 0.9 * difficulty + normal.sample(&mut rng);
            let clinical = 0.9 * sign + normal.sample(&mut rng);
            latent.push((sign, difficulty, cnn_logit));
            cases.push(StudyCase {
                id: format!("case{:03}", k + 1),
                truth,
                split: if k % 3 == 2 {
                    Split::External
                } else {
                    Split::Internal
                },
                cnn_probability: Some(logistic(cnn_logit)),
                clinical_probability: Some(logistic(clinical)),
            });
        }
        let mut readers = Vec::new();
        for (g, seniority) in Seniority::ALL.iter().enumerate() {
            for i in 0..self.readers[g] {
                readers.push(StudyReader {
                    id: format!("{}{}", seniority.as_str(), i + 1),
                    name: format!("Reader {} {}", seniority.as_str(), i + 1),
                    hospital: "Demo Hospital".into(),
                    years_experience: 3 + 6 * g as i64 + i as i64,
                    seniority: *seniority,
                });
            }
        }
        let mut reads = Vec::new();
        for (j, reader) in readers.iter().enumerate() {
            let skill = match reader.seniority {
                Seniority::Junior => 1.0,
                Seniority::Intermediate => 1.4,
                Seniority::Senior => 1.8,
            };
            for (k, &(sign, difficulty, cnn_logit)) in latent.iter().enumerate() {
                let own = skill * sign + 0.8 * difficulty + normal.sample(&mut rng);
                for modality in [Modality::Unaided, Modality::Aided] {
                    let evidence = match modality {
                        Modality::Unaided => own,
                        Modality::Aided => 0.65 * own + 0.35 * cnn_logit,
                    };
                    let call = evidence >= 0.0;
                    let confidence = (35.0 * evidence.abs()).min(100.0).round();
                    let mean_s = if modality == Modality::Aided {
                        32.0
                    } else {
                        40.0
                    };
                    // Crossover: even readers form group A (unaided first), odd ones group B.
                    let aided_first = j % 2 == 1;
                    let session = match (self.design, modality) {
                        (ReadingDesign::Sequential, _) => 1,
                        (ReadingDesign::Crossover, Modality::Aided) if aided_first => 1,
                        (ReadingDesign::Crossover, Modality::Unaided) if !aided_first => 1,
                        (ReadingDesign::Crossover, _) => 2,
                    };
                    reads.push(StudyRead {
                        reader: j,
                        case: k,
                        session,
                        position: k as i64 + 1,
                        modality,
                        call,
                        rating: rating_from_confidence(call, confidence),
                        active_ms: (1000.0 * mean_s * (0.5 + rng.random::<f64>())) as i64,
                    });
                }
            }
        }
        StudyData {
            design: self.design,
            positive_label: "osteosarcoma".into(),
            negative_label: "giant-cell tumour of bone".into(),
            readers,
            cases,
            reads,
            cnn_threshold: 0.5,
            cut_points: CutPoints::default(),
        }
    }
}
