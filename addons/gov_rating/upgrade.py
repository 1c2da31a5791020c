"""What the migration scripts share: records that move to another addon keep their
rows, under the XML ids of the addon that now declares them."""

import csv
import os

from lxml import etree

from odoo.modules.module import get_manifest, get_module_path
from odoo.tools import SQL

XML_TAGS = ("record", "template", "menuitem")


def declared_xmlids(module):
    """The XML ids (without module) that the data and demo files of ``module``
    declare for itself, with the server action each cron gets."""
    manifest = get_manifest(module)
    path = get_module_path(module)
    names = set()
    for name in manifest.get("data", []) + manifest.get("demo", []):
        file_name = os.path.join(path, name)
        if name.endswith(".csv"):
            with open(file_name, encoding="utf-8") as csv_file:
                names |= {row["id"] for row in csv.DictReader(csv_file)}
        elif name.endswith(".xml"):
            for node in etree.parse(file_name).iter(*XML_TAGS):
                names.add(node.get("id"))
                if node.get("model") == "ir.cron":
                    names.add(f"{node.get('id')}_ir_actions_server")
    names = {n.removeprefix(f"{module}.") for n in names if n}
    return {n for n in names if "." not in n}


def _like(text):
    return text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")


def hand_over(cr, old, new, models, fields=()):
    """Give the addon ``new`` what ``old`` held and ``new`` now declares: its XML
    ids, the models ``models`` (their fields, selection values, SQL constraints and
    relation tables) and the fields ``fields`` ((model, field name) pairs) added to
    other models. ``new`` is then upgraded with ``old`` rather than installed anew,
    so that its files update these rows instead of creating them a second time,
    and its noupdate data and demo functions do not run again."""
    tables = [model.replace(".", "_") for model in models]
    names = declared_xmlids(new)
    names |= {f"model_{table}" for table in tables}
    names |= {f"field_{model.replace('.', '_')}__{name}" for model, name in fields}
    patterns = [_like(f"field_{table}__") + "%" for table in tables]
    patterns += [_like(f"selection__{table}__") + "%" for table in tables]
    patterns += [_like(f"constraint_{table}_") + "%" for table in tables]
    cr.execute(
        """
        UPDATE ir_model_data data SET module = %(new)s
         WHERE data.module = %(old)s
           AND (data.name = ANY(%(names)s) OR data.name LIKE ANY(%(patterns)s))
           AND NOT EXISTS (
               SELECT 1 FROM ir_model_data other
                WHERE other.module = %(new)s AND other.name = data.name)
        """,
        {"old": old, "new": new, "names": sorted(names), "patterns": patterns},
    )
    for table in ("ir_model_constraint", "ir_model_relation"):
        cr.execute(
            SQL(
                """
                UPDATE %(table)s SET module = new.id
                  FROM ir_module_module old, ir_module_module new
                 WHERE old.name = %(old)s AND new.name = %(new)s
                   AND %(table)s.module = old.id
                   AND %(table)s.model IN (
                       SELECT id FROM ir_model WHERE model = ANY(%(models)s))
                """,
                table=SQL.identifier(table),
                old=old,
                new=new,
                models=list(models),
            )
        )
    depends = get_manifest(new).get("depends", [])
    cr.execute(
        """
        UPDATE ir_module_module
           SET state = 'to upgrade',
               demo = (SELECT demo FROM ir_module_module WHERE name = %(old)s)
         WHERE name = %(new)s AND state IN ('uninstalled', 'to install')
           AND NOT EXISTS (
               SELECT 1 FROM ir_module_module dep
                WHERE dep.name = ANY(%(depends)s)
                  AND dep.state NOT IN ('installed', 'to upgrade'))
        """,
        {"old": old, "new": new, "depends": depends},
    )
