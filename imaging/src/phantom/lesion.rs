//! Drawing one lesion into its host bone: lysis with a narrow or wide zone of transition,
//! moth-eaten holes, soap-bubble septa, cortical thinning or destruction, the expanded shell,
//! periosteal reaction (Codman triangle, sunburst spicules), the soft-tissue mass, and the mask.

use super::anatomy::BoneChange;
use super::bone::Bone;
use super::noise::value_noise;
use super::spec::LesionSpec;
use vocab::SplitMix64;

/// Density of tumour tissue per unit chord (close to muscle: lytic tumour is soft tissue).
const RHO_TUMOUR: f32 = 0.42;
const RHO_MASS: f32 = 0.36;
/// Lattice frequency of the moth-eaten hole noise (holes ~4 px at 512²).
const HOLE_SCALE: f32 = 1.0 / 0.0075;
/// Smallest length a soft-tissue mass is scaled by (image-normalised).
const MASS_UNIT: f32 = 0.15;

/// A lesion placed in its host bone, ready to be sampled pixel by pixel.
#[derive(Debug, Clone)]
pub(crate) struct Lesion {
    spec: LesionSpec,
    host: Bone,
    side: f32,
    uc: f32,
    vc: f32,
    rx: f32,
    ry: f32,
    lobes: [(f32, f32); 4],
    seeds: Vec<(f32, f32)>,
    noise_seed: u64,
    spicule_step: f32,
    mass: (f32, f32, f32, f32),
    reach: f32,
}

/// What the lesion adds at a pixel beyond the host bone change.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LesionSample {
    pub change: BoneChange,
    pub extra: f32,
    pub in_mask: bool,
}

fn smoothstep(a: f32, b: f32, x: f32) -> f32 {
    let t = ((x - a) / (b - a)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

impl Lesion {
    /// Places `spec` in `host`, eccentric toward `side` (-1 = image left, +1 = right); `unit` is
    /// the length that the spec's sizes are measured in.
    pub fn place(spec: LesionSpec, host: Bone, unit: f32, side: f32, rng: &mut SplitMix64) -> Self {
        let rx = spec.radius_across * unit;
        let ry = spec.radius_along * unit;
        let v_guess = side * spec.eccentricity * host.end_half;
        let uc = host.end_u(v_guess).max(0.0) + spec.depth * unit;
        let vc = side * spec.eccentricity * host.half_width(uc);
        let weights: Vec<f32> = (0..4).map(|_| rng.range_f32(0.2, 1.0)).collect();
        let total: f32 = weights.iter().sum();
        let mut lobes = [(0.0, 0.0); 4];
        for (lobe, w) in lobes.iter_mut().zip(&weights) {
            *lobe = (w / total, rng.range_f32(0.0, std::f32::consts::TAU));
        }
        let seeds = (0..rng.index(5) + 6)
            .map(|_| {
                let a = rng.range_f32(0.0, std::f32::consts::TAU);
                let r = rng.range_f32(0.0, 1.0).sqrt() * 0.95;
                (r * a.cos(), r * a.sin())
            })
            .collect();
        // A soft-tissue mass grows into the limb, not in proportion to the bone it came from, so a
        // fibular tumour gets a mass the size of a femoral one.
        let mass_across = (0.25 + 0.55 * spec.soft_tissue_mass) * unit.max(MASS_UNIT);
        let h = host.half_width(uc);
        let mass = (
            side * (h + 0.15 * mass_across),
            uc,
            mass_across,
            ry * (1.0 + 0.3 * spec.soft_tissue_mass),
        );
        let reach = (rx.max(ry) * (1.6 + spec.transition)).max(mass.2 * 1.3 + h + rx);
        Self {
            noise_seed: rng.next_u64(),
            spicule_step: rng.range_f32(0.06, 0.09),
            spec,
            host,
            side,
            uc,
            vc,
            rx,
            ry,
            lobes,
            seeds,
            mass,
            reach,
        }
    }

    /// Normalised radial distance from the lesion centre through its lobulated outline
    /// (1 on the outline), and the point in unit-disc coordinates.
    fn radial(&self, u: f32, v: f32) -> (f32, f32, f32) {
        let (dx, dy) = ((v - self.vc) / self.rx, (u - self.uc) / self.ry);
        let r = (dx * dx + dy * dy).sqrt();
        let theta = dy.atan2(dx);
        let wobble: f32 = self
            .lobes
            .iter()
            .enumerate()
            .map(|(k, (a, phase))| a * ((k as f32 + 2.0) * theta + phase).cos())
            .sum();
        (r / (1.0 + self.spec.irregularity * wobble), dx, dy)
    }

    /// Samples the lesion at image point (x, y): how it changes the host bone there, what it
    /// adds outside the bone, and whether the point belongs to the lesion mask.
    pub fn sample(&self, x: f32, y: f32) -> LesionSample {
        let (u, v) = self.host.local(x, y);
        if (u - self.uc).abs() > self.reach || (v - self.vc).abs() > self.reach {
            return LesionSample::default();
        }
        let s = &self.spec;
        let (rho, dx, dy) = self.radial(u, v);
        // Nothing crosses the articular surface into the joint.
        let beyond_joint = self.host.end_u(v) - u;
        let rho = if beyond_joint > 0.0 {
            rho + beyond_joint * 400.0
        } else {
            rho
        };
        let t = s.transition.max(0.02);
        let core = 1.0 - smoothstep(1.0 - t, 1.0 + t, rho);
        let holes = self.holes(x, y, rho, t);
        let lysis = (s.lysis * core * (1.0 - 0.3 * s.moth_eaten) + s.moth_eaten * 0.95 * holes)
            .clamp(0.0, 1.0);
        let coarse = value_noise(
            self.noise_seed ^ 0x5A5A,
            x * HOLE_SCALE * 0.4,
            y * HOLE_SCALE * 0.4,
        );
        let destroy = s.cortex_destruction * (0.55 + 0.6 * coarse).min(1.0);
        let thin = 0.6 * (1.0 - s.cortex_destruction);
        let cortex_loss = ((thin + destroy) * core.max(0.8 * s.moth_eaten * holes)).clamp(0.0, 1.0);
        let septa = if s.septa > 0.0 && rho < 1.0 {
            s.septa * 0.55 * self.septum(dx, dy) * core
        } else {
            0.0
        };
        let in_bone = self.host.contains(x, y);
        let chord = 2.0 * 0.8 * self.rx * (1.0 - (rho * rho).min(1.0)).sqrt();
        let mut extra = RHO_TUMOUR * chord * core * s.lysis;
        let mut in_mask = rho < 1.0 + 0.3 * t;
        if !in_bone {
            // The expanded, thinned cortex: a fine shell on the outline where the lesion bulges.
            let r_mean = 0.5 * (self.rx + self.ry);
            let shell = (-(((rho - 1.0) * r_mean) / 0.0028).powi(2)).exp();
            extra += s.shell * 0.2 * shell;
        }
        extra += self.periosteal(u, v, in_bone, &mut in_mask);
        LesionSample {
            change: BoneChange {
                lysis,
                cortex_loss,
                septa,
            },
            extra,
            in_mask,
        }
    }

    /// Permeative / moth-eaten holes in 0..1: fine noise thresholded by a level that falls off
    /// through the zone of transition (`t`), so holes crowd the core and thin out at the margin.
    fn holes(&self, x: f32, y: f32, rho: f32, t: f32) -> f32 {
        // Two lattices at 37 degrees to each other so the thresholded blobs come out round.
        let (rx, ry) = (0.8 * x + 0.6 * y, -0.6 * x + 0.8 * y);
        let noise = 0.5
            * (value_noise(self.noise_seed, x * HOLE_SCALE, y * HOLE_SCALE)
                + value_noise(self.noise_seed ^ 0x77, rx * HOLE_SCALE, ry * HOLE_SCALE));
        let level = 0.5 * (1.0 - smoothstep(0.4, 1.0 + 1.2 * t, rho));
        ((level - noise) / 0.05).clamp(0.0, 1.0)
    }

    /// Soap-bubble septum strength at unit-disc point (dx, dy): high where the two nearest
    /// Voronoi seeds are equidistant, i.e. on the cell walls.
    fn septum(&self, dx: f32, dy: f32) -> f32 {
        let (mut d1, mut d2) = (f32::MAX, f32::MAX);
        // Warped cell coordinates make the septa curve like bubble walls.
        let wx = dx + 0.25 * (value_noise(self.noise_seed ^ 0x11, dx * 3.0, dy * 3.0) - 0.5);
        let wy = dy + 0.25 * (value_noise(self.noise_seed ^ 0x22, dx * 3.0, dy * 3.0) - 0.5);
        for (sx, sy) in &self.seeds {
            let d = ((wx - sx).powi(2) + (wy - sy).powi(2)).sqrt();
            if d < d1 {
                d2 = d1;
                d1 = d;
            } else if d < d2 {
                d2 = d;
            }
        }
        (-((d2 - d1) / 0.055).powi(2)).exp()
    }

    /// Codman triangles, sunburst spicules and the soft-tissue mass, in local coordinates.
    fn periosteal(&self, u: f32, v: f32, in_bone: bool, in_mask: &mut bool) -> f32 {
        let s = &self.spec;
        let mut density = 0.0;
        let (mvx, muy, mrx, mry) = self.mass;
        // A lobulated outline and uneven density, as real masses are neither.
        let lobes = value_noise(self.noise_seed ^ 0x33, v * 22.0, u * 22.0);
        let q = (((v - mvx) / mrx).powi(2) + ((u - muy) / mry).powi(2)) * (0.8 + 0.4 * lobes);
        if q < 1.0 {
            // Chord through an ellipsoid, feathered at the rim as a mass blends into muscle.
            let feather = smoothstep(0.0, 0.45, 1.0 - q);
            let texture = 0.75 + 0.5 * value_noise(self.noise_seed ^ 0x44, v * 40.0, u * 40.0);
            density += RHO_MASS
                * s.soft_tissue_mass
                * 2.0
                * 0.8
                * mrx
                * (1.0 - q).sqrt()
                * feather
                * texture;
            if s.soft_tissue_mass > 0.3 {
                *in_mask = true;
            }
        }
        if in_bone {
            return density;
        }
        let h = self.host.half_width(u);
        // Codman: the periosteum lifted off the cortex at the lesion's shaft-side margin, both
        // sides, highest at the margin and meeting the cortex a little further along the shaft.
        if s.codman > 0.0 {
            let edge = self.uc + self.ry * (1.0 + 0.4 * s.transition);
            let length = 0.35 * self.ry;
            for (side, weight) in [(self.side, 1.0), (-self.side, 0.6)] {
                let out = side * v - h;
                let height = 0.014 * (1.0 - (u - edge) / length).clamp(0.0, 1.0);
                if out > 0.0 && u > edge - 0.3 * length && out < height + 0.004 {
                    let line = (-((out - height) / 0.0022).powi(2)).exp();
                    let fill = if out < height { 0.25 } else { 0.0 };
                    density += s.codman * weight * 0.12 * (line + fill);
                    *in_mask = true;
                }
            }
        }
        // Sunburst: fine spicules radiating from the lesion centre through the breached cortex.
        if s.sunburst > 0.0 {
            let out = self.side * v - h;
            let (dv, du) = (v - self.vc, u - self.uc);
            let r = (dv * dv + du * du).sqrt();
            let reach = mrx * 1.05;
            if out > 0.0 && out < reach && q < 1.0 {
                let phi = du.atan2(dv * self.side);
                let k = (phi / self.spicule_step).round();
                let jitter = (crate::rng::lattice(self.noise_seed, k as i32, 7) - 0.5) * 0.5;
                let dphi = phi - (k + jitter) * self.spicule_step;
                let line = (-((r * dphi) / 0.0014).powi(2)).exp();
                let fade = (1.0 - out / reach).powf(1.5);
                let sector = (1.0 - q).sqrt();
                density += s.sunburst * 0.16 * line * fade * sector;
                if sector * fade > 0.3 {
                    *in_mask = true;
                }
            }
        }
        density
    }
}
