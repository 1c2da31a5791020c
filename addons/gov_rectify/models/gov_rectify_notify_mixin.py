from odoo import api, models

# Who is told when a step is overdue (setting gov_rectify.overdue_notify): the
# supervisor always, with the department's head, with its handlers as well.
OVERDUE_NOTIFY = [
    ("supervisor", "The supervisor"),
    ("head", "The supervisor and the department's head"),
    ("department", "The supervisor, the department's head and its handlers"),
]


class GovRectifyNotifyMixin(models.AbstractModel):
    """Who a work order tells, and when: the department's handlers and head when
    the order reaches them, the step's assignee before a step is due, and the
    people configured when it is overdue."""

    _name = "gov.rectify.notify.mixin"
    _description = "Work Order Notifications"

    def _department_users(self):
        """The handlers of the order's department and its head."""
        self.ensure_one()
        if not self.department_id:
            return self.env["res.users"]
        handler = self.env.ref("gov_rating.group_gov_handler")
        handlers = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", handler.id),
                    ("employee_ids.department_id", "=", self.department_id.id),
                ]
            )
        )
        return handlers | self.department_id.sudo().manager_id.user_id

    @api.model
    def _is_department_stage(self, stage):
        """Whether the department works the order at ``stage``."""
        handler = self.env.ref("gov_rating.group_gov_handler")
        return stage.step not in ("appeal", "closed") and stage.group_id in (
            handler,
            self.env["res.groups"],
        )

    def _notify_department(self):
        """The department's handlers and head follow the order and are told it
        reached them."""
        for order in self:
            users = order._department_users()
            if not users:
                continue
            order_sudo = order.sudo()
            order_sudo.message_subscribe(partner_ids=users.partner_id.ids)
            order_sudo.message_post(
                body=self.env._(
                    "The work order reached %(department)s at the step %(step)s.",
                    department=order.department_id.name,
                    step=order.stage_id.name,
                ),
                partner_ids=users.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _deadline_warned_partners(self):
        return (self.user_id | self._step_assignee()).partner_id

    def _deadline_escalation_users(self):
        mode = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rectify.overdue_notify", "department")
        )
        others = self.env["res.users"]
        if mode in ("head", "department"):
            others |= self.department_id.sudo().manager_id.user_id
        if mode == "department":
            others |= self._department_users() | self.user_id
        return self.supervisor_id, others - self.supervisor_id
