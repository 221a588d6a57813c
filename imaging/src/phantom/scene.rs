//! Putting one case together: clinical draw, knee, lesion, projection, acquisition.

use super::anatomy::{BoneChange, Knee};
use super::clinical::{ClinicalProfile, ClinicalRecord};
use super::lesion::Lesion;
use super::spec::LesionSpec;
use super::{CasePlan, Class, Location, PhantomCase, PhantomConfig, Sex};
use vocab::SplitMix64;

/// Lesions of the thin fibula are drawn larger relative to it: they expand the whole head.
const FIBULA_LESION_SCALE: f32 = 1.8;

/// A case's random stream, with its clinical record drawn first from it.
fn start_case(config: &PhantomConfig, plan: &CasePlan) -> (SplitMix64, ClinicalRecord) {
    let mut rng = SplitMix64::for_stream(config.seed, 1 + plan.index as u64);
    let record = ClinicalProfile::of(plan.truth).draw(&mut rng);
    (rng, record)
}

/// The clinical record (age, sex, location) that [`generate_case`] gives the case `plan`,
/// without drawing its image: cheap, for metadata-only uses.
pub fn clinical_record(config: &PhantomConfig, plan: &CasePlan) -> ClinicalRecord {
    start_case(config, plan).1
}

/// Generates the case `plan` of `config`. Depends only on the seed, the plan entry and the
/// config's size and hospital profiles, never on other cases.
pub fn generate_case(config: &PhantomConfig, plan: &CasePlan) -> PhantomCase {
    let (mut rng, (age, sex, location)) = start_case(config, plan);
    let joint_y = match location {
        Location::DistalFemur => rng.range_f32(0.55, 0.61),
        Location::ProximalTibia => rng.range_f32(0.4, 0.46),
        Location::ProximalFibula => rng.range_f32(0.42, 0.48),
    };
    let knee = Knee::draw(&mut rng, age as f32, sex == Sex::Male, joint_y);
    let own = LesionSpec::typical(plan.truth, &mut rng);
    let lookalike = rng.bernoulli(config.lookalike_fraction);
    let spec = if lookalike {
        let other = match plan.truth {
            Class::Os => Class::Gct,
            Class::Gct => Class::Os,
        };
        let toward = LesionSpec::typical(other, &mut rng);
        own.toward(&toward, rng.range_f32(0.35, 0.65))
    } else {
        own
    };
    let (host, unit) = match location {
        Location::DistalFemur => (&knee.femur, knee.femur.end_half),
        Location::ProximalTibia => (&knee.tibia, knee.tibia.end_half),
        Location::ProximalFibula => (&knee.fibula, knee.fibula.end_half * FIBULA_LESION_SCALE),
    };
    // A fibular lesion bulges away from the tibia; elsewhere medial and lateral are equally likely.
    let side = match location {
        Location::ProximalFibula => (knee.fibula.axis_x - knee.tibia.axis_x).signum(),
        _ if rng.bernoulli(0.5) => -1.0,
        _ => 1.0,
    };
    let lesion = Lesion::place(spec, host.clone(), unit, side, &mut rng);
    let size = config.size as usize;
    let (attenuation, mask) = project(&knee, &lesion, location, size);
    let hospital = &config.hospitals[plan.hospital];
    let image = hospital.acquire(&attenuation, size, &mut rng);
    PhantomCase {
        case_id: plan.case_id.clone(),
        truth: plan.truth,
        age,
        sex,
        location,
        site: hospital.name.clone(),
        split: plan.split,
        lookalike,
        image,
        mask,
    }
}

/// Projected attenuation of the knee with its lesion, and the lesion mask, at `size`².
fn project(knee: &Knee, lesion: &Lesion, host: Location, size: usize) -> (Vec<f32>, Vec<u8>) {
    let mut attenuation = vec![0.0f32; size * size];
    let mut mask = vec![0u8; size * size];
    let bones = [
        (Location::DistalFemur, &knee.femur),
        (Location::ProximalTibia, &knee.tibia),
        (Location::ProximalFibula, &knee.fibula),
    ];
    for py in 0..size {
        let y = (py as f32 + 0.5) / size as f32;
        for px in 0..size {
            let x = (px as f32 + 0.5) / size as f32;
            let sample = lesion.sample(x, y);
            let mut a = knee.soft_tissue(x, y) + knee.patella_density(x, y) + sample.extra;
            for (location, bone) in bones {
                let change = if location == host {
                    sample.change
                } else {
                    BoneChange::default()
                };
                a += knee.bone_density(bone, x, y, change);
            }
            attenuation[py * size + px] = a;
            mask[py * size + px] = u8::from(sample.in_mask);
        }
    }
    (attenuation, mask)
}
