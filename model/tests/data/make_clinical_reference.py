import math, csv
# Deterministic pseudo-random rows (LCG) so the fixture can be regenerated exactly.
s = 12345
def u():
    global s
    s = (1103515245 * s + 12345) % 2**31
    return s / 2**31
rows = []
locs = ["distal_femur", "proximal_tibia", "proximal_fibula"]
for i in range(120):
    is_os = 1 if u() < 0.42 else 0
    age = int(round(math.exp(math.log(23 if is_os else 28) + (0.45 if is_os else 0.33) * math.sqrt(-2 * math.log(1 - u())) * math.cos(2 * math.pi * u()))))
    male = 1 if u() < (0.60 if is_os else 0.52) else 0
    r = u()
    w = [0.55, 0.37, 0.08] if is_os else [0.50, 0.44, 0.06]
    loc = locs[0] if r < w[0] else (locs[1] if r < w[0] + w[1] else locs[2])
    rows.append((f"c{i:03d}", f"c{i:03d}.png", "OS" if is_os else "GCT", age, "M" if male else "F", loc, "A", "train"))
with open("clinical_reference.csv", "w", newline="") as f:
    wr = csv.writer(f)
    wr.writerow(["case_id", "file", "truth", "age", "sex", "location", "site", "split"])
    wr.writerows(rows)
