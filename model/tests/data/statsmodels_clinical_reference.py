import pandas as pd, statsmodels.api as sm, numpy as np
d = pd.read_csv("clinical_reference.csv")
X = pd.DataFrame({"intercept": 1.0, "age": d.age, "male": (d.sex == "M").astype(float),
                  "site:distal_femur": (d.location == "distal_femur").astype(float),
                  "site:proximal_fibula": (d.location == "proximal_fibula").astype(float)})
y = (d.truth == "OS").astype(float)
r = sm.Logit(y, X).fit(disp=0, tol=1e-12)
np.set_printoptions(precision=12)
for n in X.columns:
    print(f"{n:22s} coef {r.params[n]: .12f} se {r.bse[n]:.12f} p {r.pvalues[n]:.12f}")
print(d.location.value_counts().to_dict())
