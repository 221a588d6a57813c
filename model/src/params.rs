//! Named parameter storage with torchvision-style names, deterministic initialisation and
//! safetensors load/save.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use candle_core::{DType, Device, Tensor, Var};

use crate::error::{ModelError, Result};
use vocab::SplitMix64;

/// How a fresh parameter is filled.
#[derive(Debug, Clone, Copy)]
pub enum Init {
    /// Every element equals the constant.
    Const(f32),
    /// Kaiming-normal for ReLU nets, `std = sqrt(2 / fan)` (He et al. 2015, "Delving deep into
    /// rectifiers"); torchvision's ResNet uses fan-out for convolutions.
    KaimingNormal {
        /// Fan used in the denominator.
        fan: usize,
    },
    /// Uniform in `[-b, b]`, `b = 1/sqrt(fan_in)` (PyTorch's default for `nn.Linear`).
    UniformFanIn {
        /// Number of inputs.
        fan_in: usize,
    },
}

/// All parameters of a network, keyed by name, in a fixed (sorted) order.
///
/// Running batch-norm statistics are stored alongside trainable weights (as torchvision does),
/// but [`ParamStore::trainable`] leaves them out of the optimiser.
#[derive(Debug)]
pub struct ParamStore {
    vars: BTreeMap<String, Var>,
    source: Option<HashMap<String, Tensor>>,
    rng: SplitMix64,
    bn_momentum: Arc<AtomicU64>,
}

impl ParamStore {
    /// An empty store whose fresh parameters are drawn from `seed`.
    pub fn fresh(seed: u64) -> Self {
        Self {
            vars: BTreeMap::new(),
            source: None,
            rng: SplitMix64::new(seed),
            bn_momentum: Arc::new(AtomicU64::new(crate::layers::BN_MOMENTUM.to_bits())),
        }
    }

    /// A store that takes every parameter from a safetensors file.
    ///
    /// # Errors
    /// The file cannot be read or is not safetensors.
    pub fn from_safetensors(path: &Path) -> Result<Self> {
        let tensors = candle_core::safetensors::load(path, &Device::Cpu).map_err(|e| {
            ModelError::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
            )
        })?;
        Ok(Self::from_tensors(tensors))
    }

    /// A store that takes every parameter from safetensors bytes (e.g. `include_bytes!`).
    ///
    /// # Errors
    /// The bytes are not safetensors.
    pub fn from_safetensors_bytes(bytes: &[u8]) -> Result<Self> {
        let tensors = candle_core::safetensors::load_buffer(bytes, &Device::Cpu)?;
        Ok(Self::from_tensors(tensors))
    }

    /// A store that takes every parameter from an in-memory map (e.g. a checkpoint).
    pub fn from_tensors(tensors: HashMap<String, Tensor>) -> Self {
        Self {
            vars: BTreeMap::new(),
            source: Some(tensors),
            rng: SplitMix64::new(0),
            bn_momentum: Arc::new(AtomicU64::new(crate::layers::BN_MOMENTUM.to_bits())),
        }
    }

    /// The parameter `name` of `shape`: loaded from the source if there is one, otherwise
    /// created with `init`. Asking twice for a name returns the same variable.
    ///
    /// # Errors
    /// The source lacks `name` or holds it with another shape.
    pub fn get(&mut self, name: &str, shape: &[usize], init: Init) -> Result<Tensor> {
        if let Some(v) = self.vars.get(name) {
            return Ok(v.as_tensor().clone());
        }
        let tensor = match &self.source {
            Some(src) => {
                let t = src.get(name).ok_or_else(|| ModelError::MissingTensor {
                    name: name.to_string(),
                })?;
                if t.dims() != shape {
                    return Err(ModelError::ShapeMismatch {
                        name: name.to_string(),
                        found: t.dims().to_vec(),
                        expected: shape.to_vec(),
                    });
                }
                t.to_dtype(DType::F32)?
            }
            None => self.init_tensor(shape, init)?,
        };
        let var = Var::from_tensor(&tensor)?;
        let out = var.as_tensor().clone();
        self.vars.insert(name.to_string(), var);
        Ok(out)
    }

    fn init_tensor(&mut self, shape: &[usize], init: Init) -> Result<Tensor> {
        let n: usize = shape.iter().product();
        let data: Vec<f32> = match init {
            Init::Const(c) => vec![c; n],
            Init::KaimingNormal { fan } => {
                let std = (2.0 / fan.max(1) as f64).sqrt();
                (0..n).map(|_| (self.rng.normal() * std) as f32).collect()
            }
            Init::UniformFanIn { fan_in } => {
                let b = 1.0 / (fan_in.max(1) as f64).sqrt();
                (0..n).map(|_| self.rng.range(-b, b) as f32).collect()
            }
        };
        Ok(Tensor::from_vec(data, shape, &Device::Cpu)?)
    }

    /// The batch-norm momentum cell shared by every layer built from this store.
    pub(crate) fn bn_momentum(&self) -> Arc<AtomicU64> {
        self.bn_momentum.clone()
    }

    /// The variable called `name`, if it exists.
    pub fn var(&self, name: &str) -> Option<&Var> {
        self.vars.get(name)
    }

    /// The variables the optimiser updates (everything except batch-norm running statistics
    /// and counters).
    pub fn trainable(&self) -> Vec<Var> {
        self.vars
            .iter()
            .filter(|(k, _)| !is_buffer(k))
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A deep copy of every parameter value, for keeping the best epoch's weights.
    ///
    /// # Errors
    /// Copying a tensor fails.
    pub fn snapshot(&self) -> Result<BTreeMap<String, Tensor>> {
        self.vars
            .iter()
            .map(|(k, v)| Ok((k.clone(), v.as_tensor().copy()?)))
            .collect()
    }

    /// Writes a snapshot back into the variables.
    ///
    /// # Errors
    /// A tensor in the snapshot has the wrong shape.
    pub fn restore(&self, snap: &BTreeMap<String, Tensor>) -> Result<()> {
        for (k, v) in &self.vars {
            if let Some(t) = snap.get(k) {
                v.set(t)?;
            }
        }
        Ok(())
    }

    /// Saves every parameter to a safetensors file.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save(&self, path: &Path) -> Result<()> {
        let map: HashMap<String, Tensor> = self
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), v.as_tensor().clone()))
            .collect();
        candle_core::safetensors::save(&map, path)
            .map_err(|e| ModelError::io(path, std::io::Error::other(e.to_string())))
    }

    /// Number of scalar trainable parameters.
    pub fn count_trainable(&self) -> usize {
        self.vars
            .iter()
            .filter(|(k, _)| !is_buffer(k))
            .map(|(_, v)| v.elem_count())
            .sum()
    }
}

fn is_buffer(name: &str) -> bool {
    name.ends_with("running_mean")
        || name.ends_with("running_var")
        || name.ends_with("num_batches_tracked")
}
