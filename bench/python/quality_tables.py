"""Writes the real public tables that Debian's python3-sklearn ships as CSV files for the platform to import.

    quality_tables.py OUTDIR

One file per table, the target in the last column: wine (3 cultivars), breast_cancer (malignant or benign), iris
(3 species), digits (8x8 images as 64 pixel columns, 10 digits) and diabetes (disease progression, regression). The
values are those of sklearn.datasets.load_* (diabetes unscaled, scaled=False, as the demo's diabetes.csv).

Two tables with categorical columns come from the CSV files of Debian's python3-statsmodels: grunfeld (investment of
11 US firms 1935-1954; the firm is a category; regression) and fair (6,366 women's answers to a 1974 survey; whether
she had an affair, as statsmodels' example asks; her and her husband's occupation written as the category names of
the dataset's description rather than their codes). Four more from it were added after the defaults had been chosen on those
seven: anes96, randhie, engel and macrodata (see copy below)."""
import csv
import os
import sys

from sklearn import datasets

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
tables = {
    "wine": (datasets.load_wine(), "cultivar", True),
    "breast_cancer": (datasets.load_breast_cancer(), "diagnosis", True),
    "iris": (datasets.load_iris(), "species", True),
    "digits": (datasets.load_digits(), "digit", True),
    "diabetes": (datasets.load_diabetes(scaled=False), "progression", False),
}
for name, (data, target, classes) in tables.items():
    features = [str(f).replace(" ", "_") for f in getattr(data, "feature_names", [])] or [f"x{i}" for i in range(data.data.shape[1])]
    with open(os.path.join(out, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(features + [target])
        for row, y in zip(data.data, data.target):
            label = data.target_names[y] if classes and hasattr(data, "target_names") and len(data.target_names) else y
            w.writerow([repr(float(v)) for v in row] + [str(label)])
    print(f"table {name} {data.data.shape[0]} rows {data.data.shape[1]} features", file=sys.stderr)

try:
    import statsmodels.datasets as sm
except ImportError:
    sys.exit(0)
root = os.path.dirname(sm.__file__)
with open(os.path.join(root, "grunfeld", "grunfeld.csv")) as f, open(os.path.join(out, "grunfeld.csv"), "w", newline="") as g:
    rows = list(csv.DictReader(f))
    w = csv.writer(g)
    w.writerow(["value", "capital", "firm", "year", "invest"])
    for r in rows:
        w.writerow([r["value"], r["capital"], r["firm"], r["year"], r["invest"]])
print(f"table grunfeld {len(rows)} rows 4 features (firm categorical)", file=sys.stderr)
# the occupations as statsmodels' description of the fair dataset names them
OCCUPATIONS = {"1": "student", "2": "farming, semi-skilled or unskilled", "3": "white collar",
               "4": "teacher, nurse, artist, writer, technician or skilled", "5": "managerial, administrative or business",
               "6": "professional with an advanced degree"}
with open(os.path.join(root, "fair", "fair.csv")) as f, open(os.path.join(out, "fair.csv"), "w", newline="") as g:
    rows = list(csv.DictReader(f))
    w = csv.writer(g)
    w.writerow(["rate_marriage", "age", "yrs_married", "children", "religious", "educ", "occupation", "occupation_husb", "affair"])
    for r in rows:
        w.writerow([r["rate_marriage"], r["age"], r["yrs_married"], r["children"], r["religious"], r["educ"],
                    OCCUPATIONS[str(int(float(r["occupation"])))], OCCUPATIONS[str(int(float(r["occupation_husb"])))],
                    "yes" if float(r["affairs"]) > 0 else "no"])
print(f"table fair {len(rows)} rows 8 features (2 categorical)", file=sys.stderr)


def copy(name, sep, columns, target, label=lambda value: value):
    """A statsmodels table as it is, but for the target written by label."""
    with open(os.path.join(root, name, name + ".csv")) as f, open(os.path.join(out, name + ".csv"), "w", newline="") as g:
        rows = [{k.strip("'\" "): v for k, v in r.items()} for r in csv.DictReader(f, delimiter=sep)]
        w = csv.writer(g)
        w.writerow(columns + [target])
        for r in rows:
            w.writerow([r[c] for c in columns] + [label(r[target])])
    print(f"table {name} {len(rows)} rows {len(columns)} features", file=sys.stderr)


# tables added after the defaults were chosen: the 1996 American National Election Study (who voted for Clinton or
# Dole), the RAND health insurance experiment (20,190 people's doctor visits), Engel's food expenditures against income
# (one feature), and US macroeconomic quarters 1959-2009 (unemployment from the other series)
copy("anes96", "\t", ["popul", "TVnews", "selfLR", "ClinLR", "DoleLR", "PID", "age", "educ", "income"], "vote",
     lambda v: "Dole" if float(v) == 1 else "Clinton")
copy("randhie", ",", ["lncoins", "idp", "lpi", "fmde", "physlm", "disea", "hlthg", "hlthf", "hlthp"], "mdvis")
copy("engel", ",", ["income"], "foodexp")
copy("macrodata", ",", ["realgdp", "realcons", "realinv", "realgovt", "realdpi", "cpi", "m1", "tbilrate", "pop", "infl"], "unemp")
