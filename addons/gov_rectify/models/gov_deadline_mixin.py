from datetime import timedelta

from odoo import api, fields, models


class GovDeadlineMixin(models.AbstractModel):
    """A time limit on a step of work: due on a date computed by the company's
    calendar, a warning some hours before, the overdue flag and one escalation per
    overdue step, checked by the daily timers cron.

    The inheriting model, a ``mail.thread`` and ``mail.activity.mixin`` as well,
    tells whose clock runs (``_deadline_running_domain``),
    who is warned (``_deadline_warned_partners``) and who receives escalations
    (``_deadline_escalation_users``)."""

    _name = "gov.deadline.mixin"
    _description = "Step Deadline"

    date_deadline = fields.Datetime(
        string="Step Due", readonly=True, copy=False, index=True
    )
    date_warning = fields.Datetime(string="Warn From", readonly=True, copy=False)
    warned = fields.Boolean(readonly=True, copy=False)
    is_overdue = fields.Boolean(string="Overdue", readonly=True, copy=False, index=True)
    escalation_count = fields.Integer(string="Escalations", readonly=True, copy=False)

    # ------------------------------------------------------------- settings
    @api.model
    def _due_date(self, start, days, day_type, company=None):
        """The time limit of ``days`` natural or working days after ``start``."""
        return (company or self.env.company)._gov_add_days(start, days, day_type)

    @api.model
    def _warning_date(self, deadline):
        hours = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rectify.warning_hours", 24)
        )
        return deadline - timedelta(hours=hours)

    @api.model
    def _deadline_vals(self, deadline):
        """What starting a clock due at ``deadline`` (or no clock) records."""
        return {
            "date_deadline": deadline or False,
            "date_warning": deadline and self._warning_date(deadline),
            "warned": False,
            "is_overdue": False,
        }

    # -------------------------------------------------------------- hooks
    @api.model
    def _deadline_running_domain(self):
        """Records whose clock still runs (the others are done)."""
        return []

    def _deadline_step_name(self):
        self.ensure_one()
        return self.display_name

    def _deadline_warned_partners(self):
        self.ensure_one()
        return self.env["res.partner"]

    def _deadline_escalation_users(self):
        """(supervisor, others told): the supervisor gets a to-do as well."""
        self.ensure_one()
        return self.env["res.users"], self.env["res.users"]

    def _deadline_write(self, vals):
        """Write the timer fields, which nobody sets by hand."""
        return self.sudo().write(vals)

    # -------------------------------------------------------------- timers
    @api.model
    def _cron_timers(self):
        """Warn before a step is due, escalate when it is overdue (once a step),
        on every model with step deadlines."""
        mixin = GovDeadlineMixin._name
        for model in self.env.registry.descendants([mixin], "_inherit"):
            if not self.env[model]._abstract:
                self.env[model].sudo()._check_deadlines()

    @api.model
    def _check_deadlines(self):
        now = fields.Datetime.now()
        running = [*self._deadline_running_domain(), ("date_deadline", "!=", False)]
        to_warn = self.search(
            running + [("warned", "=", False), ("date_warning", "<=", now)]
        )
        for record in to_warn:
            record.message_post(
                body=self.env._(
                    "The step %(step)s is due on %(date)s.",
                    step=record._deadline_step_name(),
                    date=record.date_deadline,
                ),
                partner_ids=record._deadline_warned_partners().ids,
            )
        to_warn._deadline_write({"warned": True})
        self.search(
            running + [("is_overdue", "=", False), ("date_deadline", "<", now)]
        )._escalate()

    def _escalate(self):
        """An overdue step goes up a level: an activity and a message to the
        supervisor, and a message to the others concerned."""
        for record in self:
            supervisor, others = record._deadline_escalation_users()
            record.message_post(
                body=self.env._(
                    "Overdue: the step %(step)s was due on %(date)s. Escalated.",
                    step=record._deadline_step_name(),
                    date=record.date_deadline,
                ),
                partner_ids=(supervisor | others).partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            if supervisor:
                record.activity_schedule(
                    "mail.mail_activity_data_warning",
                    summary=self.env._(
                        "Overdue: %(step)s", step=record._deadline_step_name()
                    ),
                    user_id=supervisor.id,
                )
            record._deadline_write(
                {"is_overdue": True, "escalation_count": record.escalation_count + 1}
            )
