//! The treatment × reader × case ANOVA of DBM pseudovalues (one observation per cell), overall
//! and within each modality and each reader (Dorfman, Berbaum & Metz 1992).

use serde::Serialize;

/// Mean squares of the pseudovalue ANOVA.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbmMeanSquares {
    pub t: f64,
    pub r: f64,
    pub c: f64,
    pub tr: f64,
    pub tc: f64,
    pub rc: f64,
    pub trc: f64,
    /// MS_R, MS_C, MS_RC within each modality.
    pub r_each_modality: Vec<f64>,
    pub c_each_modality: Vec<f64>,
    pub rc_each_modality: Vec<f64>,
    /// MS_T, MS_TC within each reader.
    pub t_each_reader: Vec<f64>,
    pub tc_each_reader: Vec<f64>,
}

/// Mean square of the interaction of two factors of a two-way table y[a][b] (one per cell).
fn two_way(y: &[Vec<f64>]) -> (f64, f64, f64) {
    let (na, nb) = (y.len(), y[0].len());
    let grand = y.iter().flatten().sum::<f64>() / (na * nb) as f64;
    let ma: Vec<f64> = y
        .iter()
        .map(|row| row.iter().sum::<f64>() / nb as f64)
        .collect();
    let mb: Vec<f64> = (0..nb)
        .map(|b| y.iter().map(|row| row[b]).sum::<f64>() / na as f64)
        .collect();
    let ms_a = nb as f64 * ma.iter().map(|m| (m - grand).powi(2)).sum::<f64>() / (na - 1) as f64;
    let ms_b = na as f64 * mb.iter().map(|m| (m - grand).powi(2)).sum::<f64>() / (nb - 1) as f64;
    let mut ss = 0.0;
    for (a, row) in y.iter().enumerate() {
        for (b, v) in row.iter().enumerate() {
            ss += (v - ma[a] - mb[b] + grand).powi(2);
        }
    }
    (ms_a, ms_b, ss / ((na - 1) * (nb - 1)) as f64)
}

/// Pseudovalue ANOVA mean squares; `y[i][j][k]` = pseudovalue of modality i, reader j, case k.
pub(super) fn mean_squares(y: &[Vec<Vec<f64>>]) -> DbmMeanSquares {
    let (t, r, k) = (y.len(), y[0].len(), y[0][0].len());
    let (tf, rf, kf) = (t as f64, r as f64, k as f64);
    let grand = y.iter().flatten().flatten().sum::<f64>() / (tf * rf * kf);
    let m_t: Vec<f64> = y
        .iter()
        .map(|a| a.iter().flatten().sum::<f64>() / (rf * kf))
        .collect();
    let m_r: Vec<f64> = (0..r)
        .map(|j| y.iter().map(|a| a[j].iter().sum::<f64>()).sum::<f64>() / (tf * kf))
        .collect();
    let m_c: Vec<f64> = (0..k)
        .map(|c| {
            y.iter()
                .flat_map(|a| a.iter().map(move |b| b[c]))
                .sum::<f64>()
                / (tf * rf)
        })
        .collect();
    let m_tr: Vec<Vec<f64>> = y
        .iter()
        .map(|a| a.iter().map(|b| b.iter().sum::<f64>() / kf).collect())
        .collect();
    let m_tc: Vec<Vec<f64>> = y
        .iter()
        .map(|a| {
            (0..k)
                .map(|c| a.iter().map(|b| b[c]).sum::<f64>() / rf)
                .collect()
        })
        .collect();
    let m_rc: Vec<Vec<f64>> = (0..r)
        .map(|j| {
            (0..k)
                .map(|c| y.iter().map(|a| a[j][c]).sum::<f64>() / tf)
                .collect()
        })
        .collect();
    let sq = |v: f64| v * v;
    let ss_t = rf * kf * m_t.iter().map(|&m| sq(m - grand)).sum::<f64>();
    let ss_r = tf * kf * m_r.iter().map(|&m| sq(m - grand)).sum::<f64>();
    let ss_c = tf * rf * m_c.iter().map(|&m| sq(m - grand)).sum::<f64>();
    let (mut ss_tr, mut ss_tc, mut ss_rc, mut ss_trc) = (0.0, 0.0, 0.0, 0.0);
    for i in 0..t {
        for j in 0..r {
            ss_tr += kf * sq(m_tr[i][j] - m_t[i] - m_r[j] + grand);
        }
        for c in 0..k {
            ss_tc += rf * sq(m_tc[i][c] - m_t[i] - m_c[c] + grand);
        }
    }
    for j in 0..r {
        for c in 0..k {
            ss_rc += tf * sq(m_rc[j][c] - m_r[j] - m_c[c] + grand);
        }
    }
    for i in 0..t {
        for j in 0..r {
            for c in 0..k {
                ss_trc += sq(y[i][j][c] - m_tr[i][j] - m_tc[i][c] - m_rc[j][c]
                    + m_t[i]
                    + m_r[j]
                    + m_c[c]
                    - grand);
            }
        }
    }
    let per_modality: Vec<(f64, f64, f64)> = y.iter().map(|a| two_way(a)).collect();
    let per_reader: Vec<(f64, f64, f64)> = (0..r)
        .map(|j| {
            let table: Vec<Vec<f64>> = y.iter().map(|a| a[j].clone()).collect();
            two_way(&table)
        })
        .collect();
    DbmMeanSquares {
        t: ss_t / (tf - 1.0),
        r: ss_r / (rf - 1.0),
        c: ss_c / (kf - 1.0),
        tr: ss_tr / ((tf - 1.0) * (rf - 1.0)),
        tc: ss_tc / ((tf - 1.0) * (kf - 1.0)),
        rc: ss_rc / ((rf - 1.0) * (kf - 1.0)),
        trc: ss_trc / ((tf - 1.0) * (rf - 1.0) * (kf - 1.0)),
        r_each_modality: per_modality.iter().map(|m| m.0).collect(),
        c_each_modality: per_modality.iter().map(|m| m.1).collect(),
        rc_each_modality: per_modality.iter().map(|m| m.2).collect(),
        t_each_reader: per_reader.iter().map(|m| m.0).collect(),
        tc_each_reader: per_reader.iter().map(|m| m.2).collect(),
    }
}
