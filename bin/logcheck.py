"""Fail when an Odoo log holds a WARNING, ERROR or CRITICAL line not in the allowlist.

Usage: logcheck.py LOGFILE ALLOWLIST
The allowlist holds one regular expression a line; blank lines and '#' comments are
ignored.
"""

import re
import sys

LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ")


def main(log_path, allow_path):
    with open(allow_path, encoding="utf-8") as allow_file:
        allowed = [
            re.compile(line.strip())
            for line in allow_file
            if line.strip() and not line.lstrip().startswith("#")
        ]
    bad = []
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if LEVEL.match(line) and not any(rx.search(line) for rx in allowed):
                bad.append(line.rstrip())
    for line in bad[:40]:
        print(line)
    if bad:
        print(f"{len(bad)} WARNING/ERROR line(s) in {log_path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
