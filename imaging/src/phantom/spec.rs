//! Class-conditional lesion features: what a giant-cell tumour and a lytic osteosarcoma look like on
//! a radiograph, as a vector of continuous features so that look-alikes are simply points part of
//! the way toward the other class.
//!
//! Typical features follow the standard radiological descriptions of the two tumours (e.g.
//! Murphey et al., "The many faces of osteosarcoma", RadioGraphics 1997; Purohit & Pardiwala,
//! "Imaging of giant cell tumor of bone", Indian J Orthop 2007; Lodwick's grading of margins by
//! zone of transition). GCT: eccentric, epiphyseal–metaphyseal, reaching the subchondral
//! plate, geographic with a narrow zone of transition and no sclerotic rim, "soap-bubble" septa,
//! expanded thinned cortex. Lytic OS: metaphyseal, permeative / moth-eaten with a wide zone of
//! transition, cortical destruction, periosteal reaction (Codman triangle, sunburst spicules) and a
//! soft-tissue mass.

use super::Class;
use vocab::SplitMix64;

/// The radiographic features of one lesion; sizes are in units of the host bone's epiphyseal
/// half-width, strengths in 0..1.
#[derive(Debug, Clone, PartialEq)]
pub struct LesionSpec {
    /// Distance of the lesion centre from the articular surface, along the shaft.
    pub depth: f32,
    /// Lateral offset of the centre as a fraction of the local half-width (eccentricity).
    pub eccentricity: f32,
    pub radius_across: f32,
    pub radius_along: f32,
    /// Amplitude of the lobulated outline.
    pub irregularity: f32,
    /// Zone of transition, as a fraction of the radius (narrow ~0.05, wide ~0.6).
    pub transition: f32,
    /// Trabecular destruction in the core.
    pub lysis: f32,
    /// Permeative / moth-eaten holes around the core.
    pub moth_eaten: f32,
    /// Soap-bubble septa inside the cavity.
    pub septa: f32,
    /// Thin expanded cortical shell where the lesion bulges out of the bone.
    pub shell: f32,
    /// Cortical destruction where the lesion meets the cortex (0 = thinned only).
    pub cortex_destruction: f32,
    pub codman: f32,
    pub sunburst: f32,
    pub soft_tissue_mass: f32,
}

impl LesionSpec {
    /// A typical lesion of `class`, with the within-class variation of real series.
    pub fn typical(class: Class, rng: &mut SplitMix64) -> Self {
        match class {
            Class::Gct => Self {
                depth: 0.0, // set from the radius below: the lesion reaches the subchondral plate
                eccentricity: rng.range_f32(0.3, 0.55),
                radius_across: rng.range_f32(0.4, 0.56),
                radius_along: rng.range_f32(0.42, 0.7),
                irregularity: rng.range_f32(0.03, 0.08),
                transition: rng.range_f32(0.03, 0.08),
                lysis: rng.range_f32(0.72, 0.92),
                moth_eaten: rng.range_f32(0.0, 0.08),
                septa: rng.range_f32(0.45, 1.0),
                shell: rng.range_f32(0.55, 1.0),
                cortex_destruction: rng.range_f32(0.0, 0.15),
                codman: 0.0,
                sunburst: 0.0,
                soft_tissue_mass: rng.range_f32(0.0, 0.12),
            },
            Class::Os => Self {
                depth: rng.range_f32(0.9, 1.45),
                eccentricity: rng.range_f32(0.0, 0.3),
                radius_across: rng.range_f32(0.38, 0.6),
                radius_along: rng.range_f32(0.5, 0.9),
                irregularity: rng.range_f32(0.1, 0.22),
                transition: rng.range_f32(0.35, 0.7),
                lysis: rng.range_f32(0.65, 0.9),
                moth_eaten: rng.range_f32(0.6, 1.0),
                septa: rng.range_f32(0.0, 0.1),
                shell: 0.0,
                cortex_destruction: rng.range_f32(0.6, 1.0),
                codman: if rng.bernoulli(0.75) {
                    rng.range_f32(0.5, 1.0)
                } else {
                    0.0
                },
                sunburst: if rng.bernoulli(0.55) {
                    rng.range_f32(0.5, 1.0)
                } else {
                    0.0
                },
                soft_tissue_mass: rng.range_f32(0.45, 1.0),
            },
        }
        .settled()
    }

    /// GCTs abut the subchondral plate: a zero depth means "just touch the articular end".
    fn settled(mut self) -> Self {
        if self.depth == 0.0 {
            self.depth = self.radius_along * 0.97;
        }
        self
    }

    /// The point `t` of the way from `self` to `other` (t = 0 is `self`), feature by feature.
    pub fn toward(&self, other: &Self, t: f32) -> Self {
        // This form is exact at both ends (t = 0 and t = 1).
        let l = |a: f32, b: f32| a * (1.0 - t) + b * t;
        Self {
            depth: l(self.depth, other.depth),
            eccentricity: l(self.eccentricity, other.eccentricity),
            radius_across: l(self.radius_across, other.radius_across),
            radius_along: l(self.radius_along, other.radius_along),
            irregularity: l(self.irregularity, other.irregularity),
            transition: l(self.transition, other.transition),
            lysis: l(self.lysis, other.lysis),
            moth_eaten: l(self.moth_eaten, other.moth_eaten),
            septa: l(self.septa, other.septa),
            shell: l(self.shell, other.shell),
            cortex_destruction: l(self.cortex_destruction, other.cortex_destruction),
            codman: l(self.codman, other.codman),
            sunburst: l(self.sunburst, other.sunburst),
            soft_tissue_mass: l(self.soft_tissue_mass, other.soft_tissue_mass),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typical_gct_reaches_the_articular_surface_and_an_os_sits_in_the_metaphysis() {
        let mut rng = SplitMix64::for_stream(5, 0);
        for _ in 0..50 {
            let gct = LesionSpec::typical(Class::Gct, &mut rng);
            let os = LesionSpec::typical(Class::Os, &mut rng);
            // The GCT's near edge (depth - radius) lies within 5 % of its radius of the surface.
            assert!(gct.depth - gct.radius_along < 0.05 * gct.radius_along);
            assert!(
                os.depth - os.radius_along > 0.0,
                "OS starts away from the joint"
            );
            assert!(gct.transition < os.transition && gct.septa > os.septa);
        }
    }

    #[test]
    fn moving_toward_another_lesion_interpolates_each_feature() {
        let mut rng = SplitMix64::for_stream(6, 0);
        let gct = LesionSpec::typical(Class::Gct, &mut rng);
        let os = LesionSpec::typical(Class::Os, &mut rng);
        assert_eq!(gct.toward(&os, 0.0), gct);
        assert_eq!(gct.toward(&os, 1.0), os);
        let half = gct.toward(&os, 0.5);
        assert!((half.transition - (gct.transition + os.transition) / 2.0).abs() < 1e-6);
    }
}
