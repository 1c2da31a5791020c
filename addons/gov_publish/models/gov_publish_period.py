import hashlib
import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from odoo.addons.gov_rating import tools as gov_tools

# What a publication ranks: slug → (model, domain of the ranked records, path to the
# region and to the department a line is filtered by on the public pages; "." is the
# record itself).
RANKED_KINDS = {
    "region": ("gov.region", [], ".", False),
    "department": ("hr.department", [], "gov_region_id", "."),
    "hall": ("gov.hall", [], "region_id", "department_id"),
    "window": ("gov.window", [], "region_id", "department_id"),
    "staff": (
        "hr.employee",
        [("gov_window_id", "!=", False)],
        "gov_window_id.region_id",
        "department_id",
    ),
    "item": ("gov.service.item", [], "department_id.gov_region_id", "department_id"),
}
KIND_LABELS = [
    ("region", "Regions"),
    ("department", "Departments"),
    ("hall", "Service Halls"),
    ("window", "Windows"),
    ("staff", "Staff"),
    ("item", "Service Items"),
]
# Kinds whose lines also carry the rectification figures of their work orders.
RECTIFY_KINDS = ("region", "department")
# Fields of a published period that may still change: messages and followers only.
MUTABLE_WHEN_PUBLISHED = {
    "message_follower_ids",
    "message_main_attachment_id",
    "activity_ids",
}


def _rate(part, count):
    return round(100.0 * part / count, 2) if count else 0.0


def _follow(record, path):
    if not path:
        return record.browse()
    return record if path == "." else record.mapped(path)[:1]


class GovPublishPeriod(models.Model):
    """The ranking of one period: generated, approved, then published and frozen."""

    _name = "gov.publish.period"
    _inherit = ["mail.thread", "tier.validation"]
    _description = "Published Ranking Period"
    _order = "date_start desc, id desc"

    _state_from = ["draft"]
    _state_to = ["published"]
    _tier_validation_manual_config = False

    name = fields.Char(compute="_compute_name", store=True)
    date_range_id = fields.Many2one(
        "date.range",
        string="Period",
        required=True,
        tracking=True,
        help="A month, quarter or year (Configuration › Date Ranges).",
    )
    date_start = fields.Date(related="date_range_id.date_start", store=True)
    date_end = fields.Date(related="date_range_id.date_end", store=True)
    range_type_id = fields.Many2one(
        related="date_range_id.type_id", string="Period Type", store=True
    )
    rank_region = fields.Boolean(string="Rank Regions", default=True)
    rank_department = fields.Boolean(string="Rank Departments", default=True)
    rank_hall = fields.Boolean(string="Rank Service Halls", default=True)
    rank_window = fields.Boolean(string="Rank Windows", default=True)
    rank_staff = fields.Boolean(default=True)
    rank_item = fields.Boolean(string="Rank Service Items", default=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "gov.publish.line", "period_id", string="Ranking", readonly=True
    )
    line_count = fields.Integer(compute="_compute_line_count")
    generated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    generated_date = fields.Datetime(readonly=True, copy=False)
    published_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    published_date = fields.Datetime(readonly=True, copy=False, index=True)
    previous_id = fields.Many2one(
        "gov.publish.period",
        string="Previous Publication",
        readonly=True,
        copy=False,
        help="The publication published just before this one: its digest is "
        "part of this one's.",
    )
    previous_digest = fields.Char(readonly=True, copy=False)
    digest = fields.Char(
        readonly=True,
        copy=False,
        help="SHA-256 of the published ranking and of the previous digest.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("date_range_id.name")
    def _compute_name(self):
        for period in self:
            period.name = period.date_range_id.name

    @api.constrains(*[f"rank_{kind}" for kind in RANKED_KINDS])
    def _check_kinds(self):
        for period in self:
            if not period._kinds():
                raise ValidationError(self.env._("Choose what the ranking ranks."))

    def _compute_line_count(self):
        counts = dict(
            self.env["gov.publish.line"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.line_count = counts.get(period, 0)

    # ------------------------------------------------------------ protection
    def write(self, vals):
        if self.filtered(lambda p: p.state == "published") and (
            set(vals) - MUTABLE_WHEN_PUBLISHED
        ):
            raise UserError(self.env._("A published ranking never changes."))
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda p: p.state == "published"):
            raise UserError(self.env._("A published ranking cannot be deleted."))
        return super().unlink()

    # ----------------------------------------------------------------- steps
    def _kinds(self):
        self.ensure_one()
        return [kind for kind in RANKED_KINDS if self[f"rank_{kind}"]]

    def action_generate(self):
        """Compute the ranking of the period from the valid ratings it holds."""
        for period in self:
            if period.state != "draft" or period.validation_status not in (
                "no",
                "rejected",
            ):
                raise UserError(
                    self.env._(
                        "%(period)s is under approval or published: restart the "
                        "approval before generating it again.",
                        period=period.display_name,
                    )
                )
            if period.review_ids:
                period.restart_validation()
            period.line_ids.unlink()
            vals_list = []
            for kind in period._kinds():
                vals_list += period._ranking_lines(kind)
            self.env["gov.publish.line"].create(vals_list)
            period.write(
                {
                    "generated_by_id": self.env.uid,
                    "generated_date": fields.Datetime.now(),
                }
            )
        return True

    @api.model
    def _gov_rank(
        self, kind, date_start, date_end, limit=None, region=None, department=None
    ):
        """[(record, figures)] of one kind of object, best first, from the valid
        ratings dated ``date_start`` to ``date_end`` (one grouped query); only the
        objects in ``region`` and ``department`` when given."""
        model, domain, region_path, department_path = RANKED_KINDS[kind]
        domain = list(domain)
        for record, path in ((region, region_path), (department, department_path)):
            if record and path:
                domain.append(("id" if path == "." else path, "child_of", record.id))
        return (
            self.env[model]
            .sudo()
            ._gov_ranking(
                domain,
                limit,
                self.env.company._gov_range_domain(date_start, date_end),
            )
        )

    @api.model
    def _gov_rectify_figures(self, records, date_start, date_end):
        """{id: rectification figures} of regions or departments, from the work
        orders opened from ``date_start`` to ``date_end`` (one grouped query),
        rolled up to the parent objects like the rating index."""
        field = records._gov_evaluation_field
        groups = (
            self.env["gov.rectify.report"]
            .sudo()
            ._read_group(
                self.env.company._gov_range_domain(date_start, date_end, "date_open")
                + [(field, "!=", False)],
                [field],
                ["__count", "rectified:sum", "on_time:sum", "visited:sum"],
            )
        )
        totals = {record.id: [0, 0, 0, 0] for record in records}
        for record, *sums in groups:
            for target in gov_tools.rollup_targets(record, records._gov_hierarchical):
                if target in totals:
                    totals[target] = [
                        a + (b or 0) for a, b in zip(totals[target], sums, strict=False)
                    ]
        return {
            record_id: {
                "order_count": count,
                "rectified_rate": _rate(rectified, count),
                "on_time_rate": _rate(on_time, count),
                "visit_rate": _rate(visited, count),
            }
            for record_id, (count, rectified, on_time, visited) in totals.items()
        }

    def _ranking_lines(self, kind):
        _model, _domain, region_path, department_path = RANKED_KINDS[kind]
        ranked = self._gov_rank(kind, self.date_start, self.date_end)
        rectify = {}
        if kind in RECTIFY_KINDS:
            records = self.env[RANKED_KINDS[kind][0]].browse(r.id for r, _f in ranked)
            rectify = self._gov_rectify_figures(records, self.date_start, self.date_end)
        lines = []
        for rank, (record, fig) in enumerate(ranked, start=1):
            lines.append(
                {
                    **rectify.get(record.id, {}),
                    "period_id": self.id,
                    "kind": kind,
                    "res_id": record.id,
                    "name": record.display_name,
                    "rank": rank,
                    "rating_count": fig["count"],
                    "good_count": fig["good"],
                    "bad_count": fig["bad"],
                    "good_rate": round(fig["good_rate"], 2),
                    "bad_rate": round(fig["bad_rate"], 2),
                    "index": round(fig["index"], 2),
                    "rank_score": round(fig["rank_score"], 4),
                    "region_id": _follow(record, region_path).id,
                    "department_id": _follow(record, department_path).id,
                }
            )
        return lines

    def _validate_tier(self, tiers=False):
        if self.env.user in (self.generated_by_id | self.create_uid):
            raise UserError(
                self.env._("You prepared this ranking: another supervisor approves it.")
            )
        return super()._validate_tier(tiers)

    def action_publish(self):
        for period in self:
            if not period.line_ids:
                raise UserError(self.env._("Generate the ranking before publishing."))
            if period.validation_status != "validated":
                raise UserError(self.env._("The ranking is published once approved."))
            period._check_no_overlap()
            # One publication at a time, so that the chain has no fork.
            self.env.cr.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [self._name]
            )
            previous = self.search(
                [("state", "=", "published")],
                order="published_date desc, id desc",
                limit=1,
            )
            digest = period._compute_digest(previous.digest or "")
            period.write(
                {
                    "state": "published",
                    "published_by_id": self.env.uid,
                    "published_date": fields.Datetime.now(),
                    "previous_id": previous.id,
                    "previous_digest": previous.digest or "",
                    "digest": digest,
                }
            )
        return True

    def _check_no_overlap(self):
        self.ensure_one()
        overlapping = self.search(
            [
                ("id", "!=", self.id),
                ("state", "=", "published"),
                ("range_type_id", "=", self.range_type_id.id),
                ("date_start", "<=", self.date_end),
                ("date_end", ">=", self.date_start),
            ]
            + expression.OR([[(f"rank_{kind}", "=", True)] for kind in self._kinds()]),
            limit=1,
        )
        if overlapping:
            raise ValidationError(
                self.env._(
                    "%(period)s overlaps %(other)s, published already for the same "
                    "objects.",
                    period=self.display_name,
                    other=overlapping.display_name,
                )
            )

    # ---------------------------------------------------------------- digest
    def _canonical_json(self):
        """The published content, in one canonical text that the digest seals."""
        self.ensure_one()
        lines = (
            self.env["gov.publish.line"]
            .sudo()
            .search([("period_id", "=", self.id)], order="kind, rank, id")
        )
        content = {
            "period": self.name,
            "date_start": str(self.date_start),
            "date_end": str(self.date_end),
            "lines": [line._canonical() for line in lines],
        }
        return json.dumps(
            content, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )

    def _compute_digest(self, previous_digest):
        payload = (previous_digest + self._canonical_json()).encode()
        return hashlib.sha256(payload).hexdigest()

    def _gov_verify(self):
        """Recompute the digest from the stored ranking: what anyone can check."""
        self.ensure_one()
        recomputed = self._compute_digest(self.previous_digest or "")
        chained = (self.previous_id.digest or "") == (self.previous_digest or "")
        return {
            "period": self.name,
            "published": self.state == "published",
            "digest": self.digest,
            "recomputed": recomputed,
            "previous_digest": self.previous_digest or "",
            "chained": chained,
            "ok": self.state == "published" and recomputed == self.digest and chained,
        }

    def action_verify(self):
        self.ensure_one()
        result = self._gov_verify()
        message = (
            self.env._("The digest matches: the ranking is as published.")
            if result["ok"]
            else self.env._("The digest does NOT match: the ranking was altered.")
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.display_name,
                "message": message,
                "type": "success" if result["ok"] else "danger",
                "sticky": not result["ok"],
            },
        }

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_publish.gov_publish_line_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"search_default_group_kind": 1}
        return action

    @api.model
    def _public_periods(self):
        return self.sudo().search([("state", "=", "published")])
