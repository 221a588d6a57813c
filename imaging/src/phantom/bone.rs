//! One long bone (femur, tibia or fibula) as a hollow elliptical tube described from its
//! articular end into the shaft: local coordinates, metaphyseal flare, cortical thickness and the
//! shape of the articular surface. Units are image-normalised (0..1, y down).

/// Shape of the articular end of a long bone.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EndShape {
    /// Distal femur: two condyles with an intercondylar notch between them.
    Condyles { notch_depth: f32, notch_width: f32 },
    /// Proximal tibia: a plateau with the tibial spines rising in the middle.
    Plateau { spine_height: f32, spine_width: f32 },
    /// Proximal fibula: a rounded head.
    Head,
}

/// One long bone, described from its articular end into the shaft.
#[derive(Debug, Clone)]
pub(crate) struct Bone {
    pub axis_x: f32,
    pub tilt: f32,
    pub end_y: f32,
    /// +1 if the shaft runs down the image from the articular end (tibia, fibula), -1 if up (femur).
    pub dir: f32,
    pub shaft_half: f32,
    pub end_half: f32,
    pub flare: f32,
    pub cortex_shaft: f32,
    pub cortex_end: f32,
    pub cap: f32,
    pub shape: EndShape,
    pub depth: f32,
    pub physis_u: f32,
}

impl Bone {
    /// Image point -> (u along the shaft from the articular end, v lateral offset from the axis).
    pub fn local(&self, x: f32, y: f32) -> (f32, f32) {
        let u = (y - self.end_y) * self.dir;
        let v = x - (self.axis_x + self.tilt * (y - self.end_y));
        (u, v)
    }

    /// (u, v) -> image point.
    #[cfg(test)]
    pub fn to_image(&self, u: f32, v: f32) -> (f32, f32) {
        let y = self.end_y + u * self.dir;
        (self.axis_x + self.tilt * (y - self.end_y) + v, y)
    }

    /// Half-width at depth `u`: the epiphysis narrowing to the shaft with a Gaussian metaphyseal
    /// flare (concave, as the real metaphysis is).
    pub fn half_width(&self, u: f32) -> f32 {
        let t = (u.max(0.0) / self.flare).powi(2);
        self.shaft_half + (self.end_half - self.shaft_half) * (-t).exp()
    }

    /// Cortical thickness: thin around the epiphysis, thick in the diaphysis.
    pub fn cortex(&self, u: f32) -> f32 {
        let t = (u.max(0.0) / (1.4 * self.flare)).powi(2);
        self.cortex_end + (self.cortex_shaft - self.cortex_end) * (1.0 - (-t).exp())
    }

    /// The `u` of the articular surface at lateral offset `v`.
    pub fn end_u(&self, v: f32) -> f32 {
        let vn = v / self.end_half;
        let corner = self.cap * 2.2 * (vn.abs() - 0.62).max(0.0).powi(2) / 0.14;
        // The condyles are broad: their sides round off over the last few millimetres only.
        let condyle_corner = self.cap * 1.6 * (vn.abs() - 0.72).max(0.0).powi(2) / 0.078;
        match self.shape {
            EndShape::Condyles {
                notch_depth,
                notch_width,
            } => notch_depth * (-(v / notch_width).powi(2)).exp() + condyle_corner,
            EndShape::Plateau {
                spine_height,
                spine_width,
            } => {
                let spines = spine_height
                    * ((-((v - 0.35 * spine_width) / (0.6 * spine_width)).powi(2)).exp()
                        + (-((v + 0.35 * spine_width) / (0.6 * spine_width)).powi(2)).exp())
                    .min(1.0);
                let plateaus = 0.012 * self.end_half * (std::f32::consts::PI * vn).cos().abs();
                -spines - plateaus + 0.7 * corner
            }
            EndShape::Head => self.end_half * 0.45 * vn * vn,
        }
    }

    /// True if the point lies within the bone's outline (without any lesion expansion).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        let (u, v) = self.local(x, y);
        u >= self.end_u(v) && v.abs() < self.half_width(u)
    }
}
