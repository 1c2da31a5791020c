import random
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_rating import guard
from odoo.addons.gov_rating.models.gov_level import LEVEL_VALUES

# Lifted by action_done only (gov_rating/guard.py): a visit is done through its action.
DONE = "gov.rectify.visit.done"


class GovRectifyVisit(models.Model):
    """A call back to the citizen (回访): the follow-up of a work order, or a
    random-sample survey of a rated case. Kept for life once done."""

    _name = "gov.rectify.visit"
    _inherit = ["mail.thread"]
    _description = "Follow-up Visit"
    _order = "id desc"

    kind = fields.Selection(
        [("follow_up", "Work order follow-up"), ("sample", "Sample survey")],
        required=True,
        default="follow_up",
        index=True,
    )
    order_id = fields.Many2one(
        "gov.rectify.order", string="Work Order", index=True, ondelete="restrict"
    )
    evaluation_id = fields.Many2one("gov.evaluation", string="Rating", index=True)
    case_id = fields.Many2one("gov.case", index=True)
    department_id = fields.Many2one("hr.department", index=True)
    user_id = fields.Many2one(
        "res.users", string="Called By", default=lambda self: self.env.user, index=True
    )
    date = fields.Datetime(string="Called On", default=fields.Datetime.now)
    channel = fields.Selection(
        [("phone", "Phone"), ("sms", "SMS"), ("visit", "In person")],
        required=True,
        default="phone",
    )
    outcome = fields.Selection(
        [
            ("reached", "Reached"),
            ("unreachable", "Could not be reached"),
            ("refused", "Declined to answer"),
        ]
    )
    rectified_confirmed = fields.Boolean(string="Citizen Confirms the Rectification")
    satisfaction = fields.Selection(LEVEL_VALUES, string="Citizen's Satisfaction")
    note = fields.Text()
    state = fields.Selection(
        [("todo", "To call"), ("done", "Done")],
        required=True,
        default="todo",
        tracking=True,
        index=True,
    )

    _sql_constraints = [
        (
            "sample_case_once",
            "EXCLUDE (case_id WITH =) WHERE (kind = 'sample')",
            "A case is drawn for the sample survey once; another supervisor has "
            "just drawn it: draw again.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        Order = self.env["gov.rectify.order"]
        for vals in vals_list:
            if vals.get("state", "todo") != "todo" and not self.env.su:
                raise UserError(
                    self.env._("A visit is recorded first, then marked done.")
                )
            order = Order.browse(vals.get("order_id"))
            if order:
                vals.setdefault("evaluation_id", order.evaluation_id.id)
                vals.setdefault("case_id", order.case_id.id)
                vals.setdefault("department_id", order.department_id.id)
            elif vals.get("kind", "follow_up") == "follow_up":
                raise ValidationError(
                    self.env._("A follow-up visit belongs to a work order.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda v: v.state == "done"):
            raise UserError(self.env._("A completed visit is kept as recorded."))
        if "state" in vals and not (self.env.su or guard.is_allowed(DONE)):
            raise UserError(
                self.env._(
                    "A visit is marked done by its action, with the outcome of the "
                    "call and the citizen's satisfaction."
                )
            )
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda v: v.state == "done"):
            raise UserError(self.env._("A completed visit is kept as recorded."))
        return super().unlink()

    def action_done(self):
        for visit in self:
            if not visit.outcome:
                raise UserError(self.env._("Record the outcome of the call."))
            if visit.outcome == "reached" and not visit.satisfaction:
                raise UserError(self.env._("Record the citizen's satisfaction."))
        with guard.allowed(DONE):
            self.write({"state": "done", "date": fields.Datetime.now()})
        for visit in self.filtered("order_id"):
            visit.order_id.message_post(
                body=self.env._(
                    "Follow-up visit by %(user)s: %(outcome)s, %(satisfaction)s.",
                    user=visit.user_id.name,
                    outcome=visit._fields["outcome"].convert_to_export(
                        visit.outcome, visit
                    ),
                    satisfaction=visit._fields["satisfaction"].convert_to_export(
                        visit.satisfaction, visit
                    )
                    or "-",
                )
            )
        return True

    @api.model
    def _sample_share(self):
        return float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rectify.sample_share", 0)
        )

    @api.model
    def _cron_sample_survey(self):
        """Pick the configured share of yesterday's rated cases for a survey call."""
        company = self.env.company
        yesterday = company._gov_today() - timedelta(days=1)
        return self._sample_survey(
            *company._gov_period_bounds(yesterday, "day"), self._sample_share()
        )

    @api.model
    def action_draw_sample(self):
        """A supervisor draws the sample survey now, without waiting for the
        nightly job: the configured share of the cases rated since yesterday's
        local midnight that were not drawn yet."""
        if not self.env.user.has_group("gov_rating.group_gov_supervisor"):
            raise AccessError(self.env._("Only supervisors draw the sample survey."))
        share = self._sample_share()
        if not share:
            raise UserError(
                self.env._(
                    "The sample survey is off: set its share in Configuration › "
                    "Settings › Work Orders first."
                )
            )
        company = self.env.company
        today = company._gov_today()
        drawn = self._sample_survey(
            *company._gov_range_bounds(today - timedelta(days=1), today), share
        )
        if not drawn:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._(
                        "No rated case is left to draw since yesterday."
                    ),
                },
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sample Survey Drawn"),
            "res_model": self._name,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", drawn.ids)],
        }

    @api.model
    def _sample_survey(self, date_from, date_to, share, seed=None):
        """Create survey calls for ``share`` % of the valid first ratings between
        the dates (one per case); returns them."""
        # Two draws at once (two supervisors, or one and the nightly job) take
        # turns; a case drawn by both is refused by the constraint.
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", ["gov.rectify.visit.sample"]
        )
        Evaluation = self.env["gov.evaluation"].sudo()
        domain = Evaluation._gov_statistics_domain() + [
            ("date", ">=", date_from),
            ("date", "<", date_to),
            ("case_id", "!=", False),
        ]
        rows = Evaluation._read_group(domain, ["case_id"], ["id:min"])
        already = set(
            self.sudo()
            .search(
                [("kind", "=", "sample"), ("case_id", "in", [c.id for c, _e in rows])]
            )
            .case_id.ids
        )
        rows = [(case, first) for case, first in rows if case.id not in already]
        count = round(len(rows) * share / 100.0)
        chosen = random.Random(seed).sample(rows, count) if count else []
        return self.sudo().create(
            [
                {
                    "kind": "sample",
                    "case_id": case.id,
                    "evaluation_id": first,
                    "department_id": case.department_id.id,
                    "user_id": False,
                }
                for case, first in chosen
            ]
        )
