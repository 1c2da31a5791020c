"""Fill a gov_rating database with a province-sized dataset for benchmarks.

Run it through data/generate, which prepares PostgreSQL and the database; or directly
with the project's virtualenv python (ODOO_SRC, GOV_PG_PORT as in bin/lib.sh):

    data/generate --db gov_bench --departments 2000 --staff 10000 --ratings 1000000
"""

import argparse
import os
import sys
import sysconfig
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def odoo_env(db):
    """Odoo of ODOO_SRC with the repository's addons, connected like bin/lib.sh."""
    odoo_src = os.environ.get("ODOO_SRC", "/opt/odoo")
    sys.path.insert(0, odoo_src)
    import odoo  # noqa: PLC0415 (importable only once ODOO_SRC is on the path)

    oca = Path(sysconfig.get_paths()["purelib"]) / "odoo" / "addons"
    addons = [
        f"{odoo_src}/odoo/addons",
        f"{odoo_src}/addons",
        str(oca),
        f"{REPO}/addons",
    ]
    odoo.tools.config.parse_config(
        [
            "-c",
            str(REPO / "odoo.conf"),
            f"--addons-path={','.join(addons)}",
            f"--data-dir={REPO / '.local' / 'data'}",
            "--db_host=127.0.0.1",
            f"--db_port={os.environ.get('GOV_PG_PORT', '5439')}",
            "--db_user=odoo",
            f"--database={db}",
            "--log-level=warn",
        ]
    )
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(db)
    return odoo, registry


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", required=True, help="database with gov_rating")
    parser.add_argument("--departments", type=int, default=2000)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--staff", type=int, default=10000)
    parser.add_argument(
        "--cases", type=int, default=None, help="default: 1.2 × ratings"
    )
    parser.add_argument("--ratings", type=int, default=1000000)
    parser.add_argument(
        "--province",
        default="520000000000",
        help="12-digit code of the province whose counties hold the departments",
    )
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args(argv)
    for name in ("departments", "items", "staff", "ratings"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.cases is not None and args.cases < 1:
        parser.error("--cases must be at least 1")

    odoo, registry = odoo_env(args.db)
    start = time.monotonic()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = env["gov.dataset.generator"]._generate_bulk(
            departments=args.departments,
            items=args.items,
            staff=args.staff,
            cases=args.cases,
            ratings=args.ratings,
            province_code=args.province,
            seed=args.seed,
        )
    total = time.monotonic() - start
    seconds = result.pop("seconds")
    out = sys.stdout
    out.write(", ".join(f"{v} {k}" for k, v in result.items()) + f" in {total:.0f} s\n")
    for name, spent in seconds.items():
        out.write(f"  {name:<18} {spent:7.1f} s\n")
    rows = result["cases"] + result["ratings"]
    sql = seconds["cases"] + seconds["ratings"]
    out.write(f"  cases + ratings: {rows / sql:,.0f} rows/s\n")
    return result


if __name__ == "__main__":
    main()
