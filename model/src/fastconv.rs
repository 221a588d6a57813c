//! Inference convolution for folded networks on the CPU: one im2col and one GEMM per image with
//! the bias, the residual and the ReLU fused, run as a candle custom op.
//!
//! Why not `Tensor::conv2d`: candle builds the im2col matrix of the whole batch on one thread,
//! multiplies it as `(N·P, K) × (K, C_out)`, and then needs a transpose back to NCHW, a bias pass,
//! a residual pass and a ReLU pass, each over the full activation. Here each image's columns are
//! laid out `(K, P)` so the GEMM `(C_out, K) × (K, P)` writes NCHW directly into an output that
//! already holds bias + residual, and the ReLU runs while that image is still in cache. Large
//! batches run one image per thread; a single image spreads the GEMM and the im2col over all
//! threads. The arithmetic is the same sum of products, so outputs match `conv2d` to rounding.

use std::sync::Arc;

use candle_core::{CpuStorage, CustomOp1, CustomOp2, Layout, Shape, Tensor};
use gemm::Parallelism;
use rayon::prelude::*;

use crate::error::Result;

/// A folded convolution `y = act(W ∗ x + b [+ r])` with a square kernel and zero padding.
#[derive(Debug, Clone)]
pub(crate) struct FusedConv {
    /// `(C_out, C_in·k·k)` row-major.
    weight: Arc<Vec<f32>>,
    bias: Arc<Vec<f32>>,
    cin: usize,
    cout: usize,
    k: usize,
    stride: usize,
    pad: usize,
    relu: bool,
}

impl FusedConv {
    /// From a `(C_out, C_in, k, k)` weight and a `(C_out,)` bias.
    ///
    /// # Errors
    /// The tensors are not f32 or have other shapes.
    pub(crate) fn new(
        weight: &Tensor,
        bias: &Tensor,
        stride: usize,
        pad: usize,
        relu: bool,
    ) -> Result<Self> {
        let (cout, cin, k, _) = weight.dims4()?;
        Ok(Self {
            weight: Arc::new(weight.flatten_all()?.to_vec1::<f32>()?),
            bias: Arc::new(bias.to_vec1::<f32>()?),
            cin,
            cout,
            k,
            stride,
            pad,
            relu,
        })
    }

    /// The same convolution with or without the ReLU.
    pub(crate) fn with_relu(&self, relu: bool) -> Self {
        Self {
            relu,
            ..self.clone()
        }
    }

    /// `act(conv(x) + b)`.
    ///
    /// # Errors
    /// `x` is not a contiguous-able `(N, C_in, H, W)` f32 CPU tensor.
    pub(crate) fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(x.contiguous()?.apply_op1_no_bwd(self)?)
    }

    /// `act(conv(x) + b + residual)`, the residual having the output's shape.
    ///
    /// # Errors
    /// As [`FusedConv::forward`], or the residual has another shape.
    pub(crate) fn forward_add(&self, x: &Tensor, residual: &Tensor) -> Result<Tensor> {
        Ok(x.contiguous()?
            .apply_op2_no_bwd(&residual.contiguous()?, self)?)
    }

    fn out_side(&self, n: usize) -> usize {
        (n + 2 * self.pad - self.k) / self.stride + 1
    }

    /// The whole batch: `x` is `(N, C_in, H, W)` contiguous, `residual` `(N, C_out, Ho, Wo)`.
    fn run(
        &self,
        x: &[f32],
        dims: &[usize],
        residual: Option<&[f32]>,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let &[n, cin, h, w] = dims else {
            candle_core::bail!("fused conv: expected a 4-D input, got {dims:?}")
        };
        if cin != self.cin {
            candle_core::bail!("fused conv: {cin} input channels, expected {}", self.cin)
        }
        let (ho, wo) = (self.out_side(h), self.out_side(w));
        let (per_in, per_out) = (cin * h * w, self.cout * ho * wo);
        if residual.is_some_and(|r| r.len() != n * per_out) {
            candle_core::bail!("fused conv: the residual does not match the output shape")
        }
        let mut out = vec![0.0f32; n * per_out];
        let threads = rayon::current_num_threads().max(1);
        if n >= 2 && threads >= 2 {
            out.par_chunks_mut(per_out)
                .enumerate()
                .for_each_init(Vec::new, |cols, (i, o)| {
                    let r = residual.map(|r| &r[i * per_out..(i + 1) * per_out]);
                    let rhs = self.columns(&x[i * per_in..(i + 1) * per_in], h, w, cols, false);
                    self.rows(0, rhs, o, r);
                });
        } else {
            // One image at a time: all threads build its columns, then each computes a block of
            // output channels (splitting the GEMM by rows keeps every core busy even where the
            // output has few positions, as in the last stage).
            let mut cols = Vec::new();
            let block = self.cout.div_ceil(threads);
            for i in 0..n {
                let o = &mut out[i * per_out..(i + 1) * per_out];
                let r = residual.map(|r| &r[i * per_out..(i + 1) * per_out]);
                let rhs = self.columns(
                    &x[i * per_in..(i + 1) * per_in],
                    h,
                    w,
                    &mut cols,
                    threads >= 2,
                );
                let p = ho * wo;
                o.par_chunks_mut(block * p).enumerate().for_each(|(b, ob)| {
                    let rb = r.map(|r| &r[b * block * p..b * block * p + ob.len()]);
                    self.rows(b * block, rhs, ob, rb);
                });
            }
        }
        Ok((CpuStorage::F32(out), Shape::from((n, self.cout, ho, wo))))
    }

    /// The column matrix `(K, Ho·Wo)` of one image: the image itself for a 1×1 stride-1
    /// convolution, else `cols` filled by [`FusedConv::im2col`].
    fn columns<'a>(
        &self,
        x: &'a [f32],
        h: usize,
        w: usize,
        cols: &'a mut Vec<f32>,
        parallel: bool,
    ) -> &'a [f32] {
        if self.k == 1 && self.stride == 1 && self.pad == 0 {
            return x;
        }
        let p = self.out_side(h) * self.out_side(w);
        cols.resize(self.cin * self.k * self.k * p, 0.0);
        self.im2col(x, h, w, cols, parallel);
        cols
    }

    /// Output channels `c0..c0 + out.len() / P` of one image:
    /// `out = W[c0..] (rows, K) × cols (K, P) + b [+ r]`, then ReLU.
    fn rows(&self, c0: usize, cols: &[f32], out: &mut [f32], residual: Option<&[f32]>) {
        let kk = self.cin * self.k * self.k;
        let p = cols.len() / kk;
        let m = out.len() / p;
        for (j, row) in out.chunks_mut(p).enumerate() {
            let b = self.bias[c0 + j];
            match residual {
                Some(r) => {
                    for (o, &rv) in row.iter_mut().zip(&r[j * p..(j + 1) * p]) {
                        *o = rv + b;
                    }
                }
                None => row.fill(b),
            }
        }
        // SAFETY: `out` is m × P, the weight rows m × K and `cols` K × P, all row-major with the
        // strides given and in bounds (c0 + m ≤ C_out), and none of them alias.
        unsafe {
            gemm::gemm(
                m,
                p,
                kk,
                out.as_mut_ptr(),
                1,
                p as isize,
                true,
                self.weight[c0 * kk..].as_ptr(),
                1,
                kk as isize,
                cols.as_ptr(),
                1,
                p as isize,
                1.0,
                1.0,
                false,
                false,
                false,
                Parallelism::None,
            );
        }
        if self.relu {
            for v in out.iter_mut() {
                *v = v.max(0.0);
            }
        }
    }

    /// Row `(c, ky, kx)` of the column matrix holds, for each output position, the input pixel
    /// that kernel tap reads (0 in the padding).
    fn im2col(&self, x: &[f32], h: usize, w: usize, cols: &mut [f32], parallel: bool) {
        let (ho, wo) = (self.out_side(h), self.out_side(w));
        let (k, s, pad) = (self.k, self.stride, self.pad as isize);
        let fill = |(row, dst): (usize, &mut [f32])| {
            let (c, ky, kx) = (row / (k * k), row / k % k, row % k);
            let plane = &x[c * h * w..(c + 1) * h * w];
            for oy in 0..ho {
                let line = &mut dst[oy * wo..(oy + 1) * wo];
                let iy = (oy * s + ky) as isize - pad;
                if iy < 0 || iy >= h as isize {
                    line.fill(0.0);
                    continue;
                }
                let src = &plane[iy as usize * w..(iy as usize + 1) * w];
                for (ox, d) in line.iter_mut().enumerate() {
                    let ix = (ox * s + kx) as isize - pad;
                    *d = if ix >= 0 && ix < w as isize {
                        src[ix as usize]
                    } else {
                        0.0
                    };
                }
            }
        };
        if parallel {
            cols.par_chunks_mut(ho * wo).enumerate().for_each(fill);
        } else {
            cols.chunks_mut(ho * wo).enumerate().for_each(fill);
        }
    }
}

fn f32_slice<'a>(s: &'a CpuStorage, l: &Layout) -> candle_core::Result<&'a [f32]> {
    let CpuStorage::F32(v) = s else {
        candle_core::bail!("fused conv: expected f32 input")
    };
    match l.contiguous_offsets() {
        Some((a, b)) => Ok(&v[a..b]),
        None => candle_core::bail!("fused conv: expected a contiguous input"),
    }
}

impl CustomOp1 for FusedConv {
    fn name(&self) -> &'static str {
        "fused-conv"
    }

    fn cpu_fwd(&self, s: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        self.run(f32_slice(s, l)?, l.dims(), None)
    }
}

impl CustomOp2 for FusedConv {
    fn name(&self) -> &'static str {
        "fused-conv-add"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        self.run(f32_slice(s1, l1)?, l1.dims(), Some(f32_slice(s2, l2)?))
    }
}

#[cfg(test)]
mod tests {
    use candle_core::Device;

    use super::*;
    use vocab::SplitMix64;

    fn random(shape: &[usize], seed: u64) -> Tensor {
        let mut r = SplitMix64::new(seed);
        let n = shape.iter().product();
        let v: Vec<f32> = (0..n).map(|_| r.normal() as f32).collect();
        Tensor::from_vec(v, shape, &Device::Cpu).unwrap()
    }

    fn max_diff(a: &Tensor, b: &Tensor) -> f32 {
        (a - b)
            .unwrap()
            .abs()
            .unwrap()
            .flatten_all()
            .unwrap()
            .max(0)
            .unwrap()
            .to_scalar::<f32>()
            .unwrap()
    }

    /// The convolution sum written out, independent of any library kernel.
    fn reference(x: &Tensor, w: &Tensor, b: &Tensor, stride: usize, pad: usize) -> Tensor {
        let (n, cin, h, wd) = x.dims4().unwrap();
        let (cout, _, k, _) = w.dims4().unwrap();
        let (xv, wv, bv) = (
            x.flatten_all().unwrap().to_vec1::<f32>().unwrap(),
            w.flatten_all().unwrap().to_vec1::<f32>().unwrap(),
            b.to_vec1::<f32>().unwrap(),
        );
        let (ho, wo) = (
            (h + 2 * pad - k) / stride + 1,
            (wd + 2 * pad - k) / stride + 1,
        );
        let mut out = Vec::with_capacity(n * cout * ho * wo);
        for i in 0..n {
            for co in 0..cout {
                for oy in 0..ho {
                    for ox in 0..wo {
                        let mut acc = bv[co];
                        for ci in 0..cin {
                            for ky in 0..k {
                                for kx in 0..k {
                                    let iy = (oy * stride + ky) as isize - pad as isize;
                                    let ix = (ox * stride + kx) as isize - pad as isize;
                                    if iy < 0 || ix < 0 || iy >= h as isize || ix >= wd as isize {
                                        continue;
                                    }
                                    let xi = ((i * cin + ci) * h + iy as usize) * wd + ix as usize;
                                    acc += xv[xi] * wv[((co * cin + ci) * k + ky) * k + kx];
                                }
                            }
                        }
                        out.push(acc);
                    }
                }
            }
        }
        Tensor::from_vec(out, (n, cout, ho, wo), &Device::Cpu).unwrap()
    }

    #[test]
    fn fused_convolutions_equal_the_written_out_sum_for_every_kernel_stride_and_batch() {
        for (k, stride, n, cin, cout, side) in [
            (3, 1, 1, 4, 6, 9),
            (3, 2, 3, 4, 6, 10),
            (7, 2, 2, 3, 6, 15),
            (1, 1, 3, 5, 6, 6),
            (1, 2, 1, 5, 6, 7),
            (1, 2, 3, 4, 4, 8),
            // C_in = H = W: candle 0.9.2's tiled conv2d takes this NCHW input for NHWC (the
            // strides coincide) and returns wrong sums; the fused kernel must not.
            (3, 1, 3, 4, 4, 4),
            (3, 1, 1, 4, 4, 4),
        ] {
            let x = random(&[n, cin, side, side], 1);
            let w = random(&[cout, cin, k, k], 2);
            let b = random(&[cout], 3);

            let fused = FusedConv::new(&w, &b, stride, k / 2, false)
                .unwrap()
                .forward(&x)
                .unwrap();

            let want = reference(&x, &w, &b, stride, k / 2);
            assert_eq!(fused.dims(), want.dims(), "k {k} stride {stride}");
            assert!(
                max_diff(&fused, &want) < 1e-4,
                "k {k} stride {stride} n {n}"
            );
        }
    }

    #[test]
    fn the_residual_is_added_before_the_relu() {
        let x = random(&[2, 3, 8, 8], 4);
        let w = random(&[3, 3, 3, 3], 5);
        let b = random(&[3], 6);
        let r = random(&[2, 3, 8, 8], 7);

        let fused = FusedConv::new(&w, &b, 1, 1, true)
            .unwrap()
            .forward_add(&x, &r)
            .unwrap();

        let want = (reference(&x, &w, &b, 1, 1) + &r).unwrap().relu().unwrap();
        assert!(max_diff(&fused, &want) < 1e-4);
    }
}
