from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovMonitor(models.Model):
    """A citizen appointed by the centre to watch the units (监测员). Monitors are
    portal users; they report at least once a month."""

    _name = "gov.monitor"
    _inherit = ["mail.thread"]
    _description = "Appointed Monitor"
    _order = "name"
    _rec_name = "name"

    user_id = fields.Many2one(
        "res.users",
        string="Portal User",
        required=True,
        ondelete="restrict",
        domain=[("share", "=", True)],
        tracking=True,
    )
    partner_id = fields.Many2one(related="user_id.partner_id", store=True)
    name = fields.Char(related="user_id.name", store=True)
    date_start = fields.Date(
        string="Appointed On",
        required=True,
        default=lambda self: self.env.company._gov_today(),
        tracking=True,
    )
    date_end = fields.Date(string="Appointed Until", tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text()
    report_ids = fields.One2many("gov.monitor.report", "monitor_id", string="Reports")
    report_count = fields.Integer(compute="_compute_report_count")
    date_reminded = fields.Date(
        string="Last Reminded On",
        readonly=True,
        copy=False,
        help="The monthly reminder is sent once a month to a monitor who has not "
        "reported.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("user_unique", "unique(user_id)", "A user is appointed as a monitor once."),
    ]

    def _compute_report_count(self):
        counts = dict(
            self.env["gov.monitor.report"]._read_group(
                [("monitor_id", "in", self.ids)], ["monitor_id"], ["__count"]
            )
        )
        for monitor in self:
            monitor.report_count = counts.get(monitor, 0)

    @api.constrains("user_id")
    def _check_portal_user(self):
        for monitor in self:
            if not monitor.user_id.has_group("base.group_portal"):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a portal user: monitors report from the "
                        "portal.",
                        user=monitor.user_id.name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for monitor in self:
            if monitor.date_end and monitor.date_end < monitor.date_start:
                raise ValidationError(
                    self.env._("An appointment ends after it starts.")
                )

    @api.model
    def _serving_domain(self, day):
        return [
            ("date_start", "<=", day),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", day),
        ]

    @api.model
    def _of_user(self, user):
        """The current appointment of ``user``, if any."""
        return (
            self.sudo()
            .search(
                [("user_id", "=", user.id)]
                + self._serving_domain(self.env.company._gov_today()),
                limit=1,
            )
            .sudo(False)
        )

    def action_view_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_supervision.gov_monitor_report_action"
        )
        action["domain"] = [("monitor_id", "=", self.id)]
        action["context"] = {"default_monitor_id": self.id}
        return action

    @api.model
    def _cron_remind_silent(self):
        """Remind every serving monitor who has not reported this month, once."""
        today = self.env.company._gov_today()
        month_start = today.replace(day=1)
        serving = self.search(self._serving_domain(today))
        reported = self.env["gov.monitor.report"]._read_group(
            [
                ("monitor_id", "in", serving.ids),
                ("create_date", ">=", self.env.company._gov_day_start(month_start)),
            ],
            ["monitor_id"],
        )
        silent = serving.filtered(
            lambda m: not m.date_reminded or m.date_reminded < month_start
        ) - self.browse([monitor.id for (monitor,) in reported])
        template = self.env.ref("gov_supervision.mail_template_gov_monitor_reminder")
        for monitor in silent:
            monitor.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=monitor.partner_id.ids,
            )
        silent.write({"date_reminded": today})
        return silent
