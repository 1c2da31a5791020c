from odoo import api, fields, models


class GovRectifyDemo(models.AbstractModel):
    """Demo work orders, built through the ORM by the demo data of gov_rectify only."""

    _name = "gov.rectify.demo"
    _description = "Rectification Demo Data"

    @api.model
    def _generate_rectify_demo(self):
        """Open the work orders of the demo bad reviews (rated before this module was
        installed) and take a few of them along the loop, by the demo users."""
        params = self.env["ir.config_parameter"].sudo()
        supervisor = self.env.ref("gov_rating.user_supervisor")
        handler = self.env.ref("gov_rating.user_handler")
        params.set_param("gov_rectify.supervisor_id", supervisor.id)
        evaluations = self.env["gov.evaluation"].search(
            [
                ("is_bad", "=", True),
                ("validity", "=", "valid"),
                ("assess_number", "=", "1"),
            ]
        )
        orders = evaluations._gov_open_rectify_orders()
        # The demo ratings are up to three months old: so are their orders.
        for order in orders:
            order.date_open = order.evaluation_id.date
        department = handler.employee_ids.department_id[:1]
        mine = orders.filtered(lambda o: o.department_id == department)
        others = orders - mine
        orders.write({"supervisor_id": supervisor.id})
        mine.write({"user_id": handler.id})
        steps = (mine + others)[:6]
        as_supervisor = steps.with_user(supervisor)
        as_supervisor.write({"verification": "true"})
        as_supervisor.action_next_step()  # → verification
        for order in as_supervisor[:5]:
            order.action_next_step()  # → transfer
        for order in as_supervisor[:4]:
            order.action_next_step()  # → contact
            order.with_user(order.user_id or supervisor).write(
                {"contact_note": "已电话联系办事群众，了解情况。"}
            )
            order.action_next_step()  # → rectification
        closed, ledger = as_supervisor[0], as_supervisor[1]
        closed.write(
            {
                "rectify_kind": "immediate",
                "rectify_note": "窗口人员已当面致歉，材料当场补正并办结。",
            }
        )
        closed.action_skip_step()  # no leader instruction: → reply
        closed.write({"reply_text": "您反映的问题已整改，感谢监督。"})
        closed.action_next_step()
        self.env["gov.rectify.visit"].with_user(supervisor).create(
            {
                "order_id": closed.id,
                "outcome": "reached",
                "rectified_confirmed": True,
                "satisfaction": "4",
                "note": "群众表示问题已解决。",
            }
        ).action_done()
        closed.action_next_step()  # → second evaluation (optional)
        closed.action_next_step()  # → closed
        ledger.write(
            {
                "rectify_kind": "ledger",
                "ledger_deadline": fields.Date.add(
                    self.env.company._gov_today(), days=20
                ),
                "rectify_note": "流程优化纳入整改台账，限期完成。",
            }
        )
        appealed = as_supervisor[5:6]
        appealed.write({"appeal_reason": "监控录像显示窗口已一次性告知，系误评。"})
        appealed.action_appeal()
        # Orders nobody has started are overdue since their first working day.
        Order = self.env["gov.rectify.order"]
        for order in orders.filtered(lambda o: o.step == "new"):
            due = Order._due_date(order.date_open, 1, "working")
            order.write(
                {
                    "date_stage": order.date_open,
                    "date_deadline": due,
                    "date_warning": Order._warning_date(due),
                }
            )
        Order._cron_timers()
