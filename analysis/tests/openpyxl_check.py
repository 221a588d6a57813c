#!/usr/bin/env python3
"""Open an XLSX workbook with openpyxl, print its sheet names one per line, exit 0.

Usage: python3 analysis/tests/openpyxl_check.py PATH.xlsx

Exits 1 when openpyxl cannot read the file (the error goes to stderr) and 2 on wrong usage
or when openpyxl is not installed. Called by an integration test to check that Lector's XLSX
exports open in a second, independent reader.
"""

import sys


def main(argv):
    if len(argv) != 2:
        print("usage: openpyxl_check.py PATH.xlsx", file=sys.stderr)
        return 2
    try:
        import openpyxl
    except ImportError:
        print("openpyxl is not installed; install it with `pip install openpyxl`", file=sys.stderr)
        return 2
    try:
        workbook = openpyxl.load_workbook(argv[1], read_only=True)
        names = workbook.sheetnames
        for name in names:
            sheet = workbook[name]
            # Touch every cell so a broken sheet fails here rather than later.
            for _ in sheet.iter_rows(values_only=True):
                pass
        workbook.close()
    except Exception as error:  # noqa: BLE001 - any failure to read is the answer
        print(f"openpyxl could not read {argv[1]}: {error}", file=sys.stderr)
        return 1
    if not names:
        print(f"{argv[1]} has no sheets", file=sys.stderr)
        return 1
    for name in names:
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
