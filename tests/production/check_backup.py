"""After bin/backup of a database and bin/restore into a new one: the restored database
holds the same ratings, work orders and attachments, and every stored attachment's file
is in the restored filestore with the same content. Prints ``ok``/``FAIL`` lines."""

import argparse
import hashlib
import os
import sys

import psycopg2

QUERIES = {
    "ratings": "SELECT id, name, level, case_id, employee_id, validity "
    "FROM gov_evaluation",
    "work orders": "SELECT id, name, evaluation_id, stage_id, step "
    "FROM gov_rectify_order",
    "attachments": "SELECT id, name, checksum, store_fname FROM ir_attachment",
}


def rows(port, db):
    with psycopg2.connect(host="127.0.0.1", port=port, user="odoo", dbname=db) as cn:
        with cn.cursor() as cr:
            result = {}
            for name, query in QUERIES.items():
                cr.execute(query + " ORDER BY id")
                result[name] = cr.fetchall()
    cn.close()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--restored", required=True)
    parser.add_argument("--filestore", required=True, help="the restored filestore")
    args = parser.parse_args()
    source = rows(args.pg_port, args.source)
    restored = rows(args.pg_port, args.restored)
    failed = 0
    for name, expected in source.items():
        if not expected:
            problem = f"the source database has no {name} to compare"
        elif restored[name] != expected:
            problem = f"{len(restored[name])} restored, {len(expected)} in the source"
        else:
            problem = None
        if name == "attachments" and not problem:
            stored = [(r[2], r[3]) for r in expected if r[3]]
            for checksum, fname in stored:
                path = os.path.join(args.filestore, fname)
                if not os.path.isfile(path):
                    problem = f"{fname} missing from the restored filestore"
                    break
                with open(path, "rb") as handle:
                    if hashlib.sha1(handle.read()).hexdigest() != checksum:
                        problem = f"{fname} differs from the original"
                        break
            if not stored:
                problem = "no attachment is stored in the filestore"
        failed += bool(problem)
        line = (
            f"FAIL backup/restore: {name}: {problem}"
            if problem
            else (f"ok   backup/restore: the same {len(expected)} {name}")
        )
        sys.stdout.write(line + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
