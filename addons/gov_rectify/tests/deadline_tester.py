from odoo import api, fields, models


class GovDeadlineTester(models.Model):
    """A task with a step deadline, for the tests of the deadline mixin alone."""

    _name = "gov.deadline.tester"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.deadline.mixin"]
    _description = "Deadline Tester"

    name = fields.Char()
    done = fields.Boolean()
    supervisor_id = fields.Many2one("res.users")

    @api.model
    def _deadline_running_domain(self):
        return [("done", "=", False)]

    def _deadline_escalation_users(self):
        return self.supervisor_id, self.env["res.users"]
