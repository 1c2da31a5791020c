"""Peak memory of the background export (gov.export.job) on a generated database:
every rating of the database written as XLSX and as reporting-interface CSV, with the
growth of the process's resident memory over its size before the export (Linux
VmHWM after a reset through /proc/self/clear_refs). Target: ≤ 100 MB at 1,000,000 rows.

Run it through bench/run-export, which makes the database first when it does not exist.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from generate_dataset import odoo_env  # noqa: E402

TARGET_MB = 100
TARGET_ROWS = 1_000_000


def memory_kb(key):
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{key} is not in /proc/self/status")


def reset_peak():
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")


def export(env, export_format, rows=None):
    """Export the ratings from the first day on, every one or (``rows``) those of
    the days up to the one of the ``rows``-th rating."""
    env.cr.execute("SELECT min(date)::date, max(date)::date FROM gov_evaluation")
    date_from, date_to = env.cr.fetchone()
    if rows:
        env.cr.execute(
            "SELECT date::date FROM gov_evaluation ORDER BY date OFFSET %s LIMIT 1",
            [rows - 1],
        )
        date_to = (env.cr.fetchone() or [date_to])[0]
    job = env["gov.export.job"].create(
        {
            "name": f"bench {export_format}",
            "export_format": export_format,
            "date_from": date_from,
            "date_to": date_to,
            "valid_only": False,
        }
    )
    env.cr.commit()
    env.invalidate_all()
    before = memory_kb("VmRSS")
    reset_peak()
    start = time.perf_counter()
    job._run()
    spent = time.perf_counter() - start
    growth = memory_kb("VmHWM") - before
    if job.state != "done":
        raise SystemExit(f"the {export_format} export failed: {job.error}")
    rows, size = job.done_count, job.with_context(bin_size=True).result_file
    # The attachment's size as Odoo gives it to the client (e.g. b"81.25 Mb").
    size = size.decode() if isinstance(size, bytes) else size
    job.unlink()
    env.cr.commit()
    return rows, size, spent, growth / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument(
        "--rows",
        type=int,
        help="export the days up to that of the rows-th rating (default: every rating)",
    )
    args = parser.parse_args()
    odoo, registry = odoo_env(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        env = env(user=admin.id)
        print(f"database {args.db}: background export of the ratings")
        print(
            f"{'format':<10} {'rows':>10} {'file':>10} {'seconds':>8} "
            f"{'rows/s':>8} {'peak +MB':>9} {'MB at 1M rows':>14}"
        )
        for export_format in ("xlsx", "interface"):
            rows, size, spent, growth = export(env, export_format, args.rows)
            projected = growth * TARGET_ROWS / rows if rows else 0.0
            print(
                f"{export_format:<10} {rows:>10} {size:>10} {spent:>8.1f} "
                f"{rows / spent:>8.0f} {growth:>9.1f} {projected:>14.1f}",
                flush=True,
            )
        print(f"target: peak growth ≤ {TARGET_MB} MB at {TARGET_ROWS:,} rows")


if __name__ == "__main__":
    main()
