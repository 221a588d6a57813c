//! Knee anatomy for AP phantoms: placing femur, tibia and fibula ([`Bone`]s), the patella and the
//! soft-tissue envelope, and the attenuation of each with cortex, trabecular texture and physis.
//! Everything is in image-normalised units (0..1, y down).
//!
//! A radiograph records projected attenuation, so each structure contributes density x chord
//! length: through an elliptical tube of half-width `h` and cortex `c` at lateral offset `v` the
//! cortical chord is `2k(sqrt(h²-v²) - sqrt((h-c)²-v²))` and the medullary chord
//! `2k sqrt((h-c)²-v²)` (`k` = depth/width ratio). That is what makes cortices show as bright
//! "tram lines" at the bone edges without any drawing of outlines.

use super::bone::{Bone, EndShape};
use super::noise::{fbm, value_noise};
use vocab::SplitMix64;

/// Densities per unit chord, relative; tuned by eye against real knee radiographs.
const RHO_CORTEX: f32 = 3.2;
const RHO_TRABECULAR: f32 = 1.05;
const RHO_PLATE: f32 = 0.11;
const RHO_MUSCLE: f32 = 0.38;
const RHO_FAT: f32 = 0.27;

/// How a lesion changes the host bone at a point.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BoneChange {
    /// Fraction of trabecular bone destroyed, 0..1.
    pub lysis: f32,
    /// Fraction of cortex destroyed, 0..1.
    pub cortex_loss: f32,
    /// Extra density of septa crossing the lytic cavity.
    pub septa: f32,
}

/// The whole knee of one phantom.
#[derive(Debug, Clone)]
pub(crate) struct Knee {
    pub femur: Bone,
    pub tibia: Bone,
    pub fibula: Bone,
    /// Patella centre and radii.
    pub patella: (f32, f32, f32, f32),
    pub leg_x: f32,
    pub leg_half: f32,
    pub joint_y: f32,
    /// 1 = wide open physis (child), 0 = fused (adult).
    pub physis_open: f32,
    pub texture_seed: u64,
}

impl Knee {
    /// Draws a knee for a patient of the given age (years) and sex, with the joint line at
    /// `joint_y` (radiographers centre on the lesion, so the caller shifts it).
    pub fn draw(rng: &mut SplitMix64, age: f32, male: bool, joint_y: f32) -> Self {
        let growth = ((age - 6.0) / 10.0).clamp(0.55, 1.0);
        let s = 1.02
            * rng.range_f32(0.92, 1.06)
            * if male { 1.04 } else { 0.97 }
            * (0.85 + 0.15 * growth);
        let axis_x = 0.5 + rng.range_f32(-0.035, 0.035);
        let tilt = rng.range_f32(-0.05, 0.05);
        let gap = rng.range_f32(0.018, 0.028) * s;
        // Which side of the image the fibula (the lateral side) is on: left or right knee.
        let lateral = if rng.bernoulli(0.5) { -1.0 } else { 1.0 };
        let physis_open = ((19.0 - age) / 4.0).clamp(0.0, 1.0);
        let femur = Bone {
            axis_x: axis_x + tilt * (-gap / 2.0),
            tilt,
            end_y: joint_y - gap / 2.0,
            dir: -1.0,
            shaft_half: rng.range_f32(0.068, 0.078) * s,
            end_half: rng.range_f32(0.168, 0.182) * s,
            flare: rng.range_f32(0.15, 0.18) * s,
            cortex_shaft: 0.021 * s,
            cortex_end: 0.0045 * s,
            cap: 0.05 * s,
            shape: EndShape::Condyles {
                notch_depth: rng.range_f32(0.04, 0.055) * s,
                notch_width: 0.035 * s,
            },
            depth: 0.85,
            physis_u: rng.range_f32(0.085, 0.1) * s,
        };
        let tibia = Bone {
            axis_x: axis_x + tilt * (gap / 2.0),
            tilt,
            end_y: joint_y + gap / 2.0,
            dir: 1.0,
            shaft_half: rng.range_f32(0.06, 0.07) * s,
            end_half: rng.range_f32(0.148, 0.16) * s,
            flare: rng.range_f32(0.16, 0.19) * s,
            cortex_shaft: 0.019 * s,
            cortex_end: 0.004 * s,
            cap: 0.025 * s,
            shape: EndShape::Plateau {
                spine_height: rng.range_f32(0.018, 0.03) * s,
                spine_width: 0.03 * s,
            },
            depth: 0.8,
            physis_u: rng.range_f32(0.06, 0.075) * s,
        };
        let fib_top = tibia.end_y + rng.range_f32(0.05, 0.065) * s;
        let fibula = Bone {
            axis_x: tibia.axis_x + tilt * (fib_top - tibia.end_y) + lateral * 0.158 * s,
            tilt: tilt - lateral * 0.015,
            end_y: fib_top,
            dir: 1.0,
            shaft_half: 0.0135 * s,
            end_half: rng.range_f32(0.042, 0.05) * s,
            flare: 0.07 * s,
            cortex_shaft: 0.0065 * s,
            cortex_end: 0.0025 * s,
            cap: 0.02 * s,
            shape: EndShape::Head,
            depth: 0.9,
            physis_u: 0.03 * s,
        };
        let patella = (
            axis_x + lateral * rng.range_f32(0.0, 0.02),
            joint_y - rng.range_f32(0.09, 0.12) * s,
            rng.range_f32(0.07, 0.08) * s,
            rng.range_f32(0.08, 0.095) * s,
        );
        Self {
            femur,
            tibia,
            fibula,
            patella,
            leg_x: axis_x + rng.range_f32(-0.02, 0.02),
            leg_half: rng.range_f32(0.3, 0.36) * s,
            joint_y,
            physis_open,
            texture_seed: rng.next_u64(),
        }
    }

    /// Soft-tissue attenuation: an elliptical limb (muscle inside a fat layer) whose half-width
    /// widens toward the thigh.
    pub fn soft_tissue(&self, x: f32, y: f32) -> f32 {
        let dy = y - self.joint_y;
        let half = self.leg_half * (1.0 + 0.22 * (-dy).max(0.0) - 0.08 * dy.max(0.0));
        let muscle_half = half * 0.86;
        let dx = x - self.leg_x;
        let chord = |h: f32| 2.0 * 0.9 * (h * h - dx * dx).max(0.0).sqrt();
        RHO_FAT * chord(half) + (RHO_MUSCLE - RHO_FAT) * chord(muscle_half)
    }

    /// Trabecular texture multiplier (mean ~1): ridged, vertically stretched noise that reads as
    /// a mesh of trabeculae along the stress lines.
    pub fn trabecular(&self, x: f32, y: f32) -> f32 {
        let n = fbm(self.texture_seed, x * 120.0 + 0.3 * y * 60.0, y * 60.0, 2);
        let ridge = 1.0 - (2.0 * n - 1.0).abs();
        let coarse = value_noise(self.texture_seed ^ 0xABCD, x * 14.0, y * 14.0);
        0.72 + 0.42 * ridge * ridge + 0.16 * coarse
    }

    /// Attenuation of one bone at a point, with an optional lesion change applied.
    pub fn bone_density(&self, bone: &Bone, x: f32, y: f32, change: BoneChange) -> f32 {
        let (u, v) = bone.local(x, y);
        // Cheap rejections first: most pixels are outside most bones.
        if u < -0.05 || v.abs() >= bone.end_half {
            return 0.0;
        }
        let eu = bone.end_u(v);
        if u < eu - 0.01 {
            return 0.0;
        }
        let h = bone.half_width(u);
        if v.abs() >= h {
            return 0.0;
        }
        let c = bone.cortex(u);
        let hi = (h - c).max(0.0);
        let t_out = 2.0 * bone.depth * (h * h - v * v).sqrt();
        let t_in = 2.0 * bone.depth * (hi * hi - v * v).max(0.0).sqrt();
        let cap = ((u - eu) / bone.cap).clamp(0.0, 1.0).sqrt();
        let cancellous = 0.28 + 0.72 * (-(u / (1.3 * bone.flare)).powi(2)).exp();
        let mut cortical = (t_out - t_in) * RHO_CORTEX * (1.0 - change.cortex_loss);
        let mut trab =
            t_in * RHO_TRABECULAR * cancellous * self.trabecular(x, y) * (1.0 - change.lysis);
        // The growth plate: a dark undulating band when open; a thin sclerotic scar when fused.
        let band_w = 0.0045;
        let mut physis_mark = 0.0;
        if (u - bone.physis_u).abs() < 0.012 + 6.0 * band_w {
            let vn = v / bone.end_half;
            let wave = 0.006 * (vn * 9.0).sin() + 0.004 * (vn * 3.0).cos();
            let dist = u - bone.physis_u - wave;
            let band = (-(dist / band_w).powi(2)).exp();
            let rim = (-((dist.abs() - 1.6 * band_w) / (0.6 * band_w)).powi(2)).exp();
            let open = self.physis_open;
            trab *= 1.0 - 0.8 * open * band;
            cortical *= 1.0 - 0.7 * open * band;
            physis_mark = (0.12 * open * rim + 0.06 * (1.0 - open) * band) * t_in;
        }
        let plate_dist = u - eu;
        let plate = if plate_dist < 0.02 {
            RHO_PLATE * (-(plate_dist / 0.004).powi(2)).exp() * (1.0 - 0.4 * change.lysis)
        } else {
            0.0
        };
        (cortical + trab + physis_mark + change.septa * t_in) * cap + plate
    }

    /// Attenuation of the patella, seen through the femur: a flattened ellipsoid with a thin rim.
    pub fn patella_density(&self, x: f32, y: f32) -> f32 {
        let (cx, cy, rx, ry) = self.patella;
        let r2 = ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2);
        if r2 >= 1.0 {
            return 0.0;
        }
        let chord = (1.0 - r2).sqrt();
        let inner = (1.0 - r2 / 0.85).max(0.0).sqrt();
        0.1 * (chord - inner) + 0.07 * inner * self.trabecular(x * 1.3, y * 1.3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cortex_edge_is_denser_than_the_medulla_of_the_shaft() {
        let knee = Knee::draw(&mut SplitMix64::for_stream(1, 1), 30.0, true, 0.5);
        let femur = &knee.femur;
        let u = 0.35;
        let h = femur.half_width(u);
        let edge_v = h - 0.6 * femur.cortex(u);
        let (ex, ey) = femur.to_image(u, edge_v);
        let (cx, cy) = femur.to_image(u, 0.0);
        let none = BoneChange::default();
        assert!(knee.bone_density(femur, ex, ey, none) > knee.bone_density(femur, cx, cy, none));
    }

    #[test]
    fn total_lysis_removes_the_trabecular_bone() {
        let knee = Knee::draw(&mut SplitMix64::for_stream(2, 1), 40.0, false, 0.5);
        let tibia = &knee.tibia;
        let (x, y) = tibia.to_image(0.06, 0.02);
        let intact = knee.bone_density(tibia, x, y, BoneChange::default());
        let lysed = BoneChange {
            lysis: 1.0,
            ..BoneChange::default()
        };
        assert!(knee.bone_density(tibia, x, y, lysed) < 0.5 * intact);
    }

    #[test]
    fn local_and_image_coordinates_round_trip() {
        let knee = Knee::draw(&mut SplitMix64::for_stream(3, 1), 25.0, true, 0.5);
        let (x, y) = knee.fibula.to_image(0.1, 0.01);
        let (u, v) = knee.fibula.local(x, y);
        assert!((u - 0.1).abs() < 1e-6 && (v - 0.01).abs() < 1e-6);
    }
}
