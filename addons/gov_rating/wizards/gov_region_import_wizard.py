import csv
import gzip

from odoo import api, fields, models
from odoo.tools.misc import file_path

REGIONS_FILE = "gov_rating/data/regions/cn_regions.csv.gz"
LEVEL_ORDER = ["province", "city", "county", "township", "village"]
BATCH = 2000


def read_regions(province_code=None):
    """Rows of the shipped region table (code, name, level, parent_code), parents
    first; only one province's when ``province_code`` (12 digits) is given."""
    prefix = province_code[:2] if province_code else ""
    with gzip.open(file_path(REGIONS_FILE), "rt", encoding="utf-8") as stream:
        return [row for row in csv.DictReader(stream) if row["code"].startswith(prefix)]


def read_provinces():
    """The provinces of the table; they open the file, so reading stops early."""
    provinces = []
    with gzip.open(file_path(REGIONS_FILE), "rt", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["level"] != "province":
                break
            provinces.append((row["code"], row["name"]))
    return provinces


class GovRegionImportWizard(models.TransientModel):
    """Loads China's administrative divisions shipped with the addon (official code
    list of the Ministry of Civil Affairs, see data/README.md of the repository)."""

    _name = "gov.region.import.wizard"
    _description = "Import Regions"

    scope = fields.Selection(
        [("all", "All of China"), ("province", "One province")],
        required=True,
        default="province",
    )
    province_code = fields.Selection(
        selection="_selection_province_code", string="Province"
    )
    depth = fields.Selection(
        [("county", "Down to counties"), ("township", "Down to townships")],
        required=True,
        default="county",
        help="Townships add about 39,000 regions for all of China.",
    )

    @api.model
    def _selection_province_code(self):
        return read_provinces()

    def action_import(self):
        self.ensure_one()
        if self.scope == "province" and not self.province_code:
            return self._notify(
                self.env._("Choose the province to load."), "warning", close=False
            )
        rows = read_regions(self.province_code if self.scope == "province" else None)
        levels = LEVEL_ORDER[: LEVEL_ORDER.index(self.depth) + 1]
        created, updated = self._load_regions([r for r in rows if r["level"] in levels])
        return self._notify(
            self.env._(
                "%(created)s regions created, %(updated)s updated.",
                created=created,
                updated=updated,
            ),
            "success",
        )

    def _notify(self, message, kind, close=True):
        params = {"message": message, "type": kind, "sticky": False}
        if close:
            params["next"] = {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": params,
        }

    @api.model
    def _load_regions(self, rows):
        """Create the missing regions and correct the others, matched on code, in
        batches and one level after the other so that every parent (and its
        parent_path) exists before its children. Returns (created, updated)."""
        Region = self.env["gov.region"].with_context(active_test=False)
        existing = {
            r["code"]: r
            for r in Region.search_read(
                [("code", "in", [row["code"] for row in rows])],
                ["code", "name", "level", "parent_id"],
                load=None,
            )
        }
        parent_ids = {
            r["code"]: r["id"]
            for r in Region.search_read(
                [("code", "in", list({row["parent_code"] for row in rows} - {""}))],
                ["code"],
            )
        }
        parent_ids.update({code: r["id"] for code, r in existing.items()})
        created = updated = 0
        for level in LEVEL_ORDER:
            to_create = []
            for row in rows:
                if row["level"] != level:
                    continue
                vals = {
                    "name": row["name"],
                    "level": level,
                    "parent_id": parent_ids.get(row["parent_code"], False),
                }
                old = existing.get(row["code"])
                if not old:
                    to_create.append(dict(vals, code=row["code"]))
                elif any(old[key] != value for key, value in vals.items()):
                    Region.browse(old["id"]).write(vals)
                    updated += 1
            for start in range(0, len(to_create), BATCH):
                batch = Region.create(to_create[start : start + BATCH])
                parent_ids.update(zip(batch.mapped("code"), batch.ids, strict=True))
                created += len(batch)
        return created, updated
