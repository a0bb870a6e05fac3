# CarePlan Link — the `careplan-bench csv` baseline: what a Python integrator would write to read these files
# (the csv module over a cp932 text stream). Prints the rows and fields read.
import csv, sys
rows = fields = 0
for path in sys.argv[1:]:
    with open(path, encoding="cp932", newline="") as handle:
        for row in csv.reader(handle):
            rows += 1
            fields += len(row)
print(rows, fields)
