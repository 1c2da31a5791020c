"""The access policy kept as data: ``access_policy.csv`` (role × model × operation)
and ``access_policy_methods.csv`` (role × public method), read by the tests."""

import csv
from pathlib import Path

HERE = Path(__file__).parent
# The demo users of each role (password = login); "public" is a visitor without one.
ROLES = ("clerk", "handler", "reviewer", "supervisor", "manager", "monitor1", "public")
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
OUR_MODULES = ("gov_rating", "gov_rectify", "gov_supervision", "gov_publish")
# What every model has from the ORM: tried as the four operations, not as methods.
ORM_METHODS = {
    "copy",
    "create",
    "default_get",
    "fields_get",
    "init",
    "name_create",
    "read",
    "read_group",
    "search",
    "search_count",
    "search_read",
    "unlink",
    "web_read",
    "web_read_group",
    "web_search_read",
    "write",
}


def read_policy(name):
    """{key: {role: cell}} of the CSV ``name``: its first columns make the key."""
    with (HERE / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    policy = {}
    for row in rows:
        key = (
            row.pop("model")
            if "method" not in row
            else (f"{row.pop('model')}.{row.pop('method')}")
        )
        policy[key] = {role: (row[role] or "").strip() for role in ROLES}
    return policy
