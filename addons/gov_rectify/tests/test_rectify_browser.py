from odoo.tests import HttpCase, tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyBrowser(RectifyCase, HttpCase):
    """A supervisor follows a bad review in the back office."""

    def test_supervisor_follows_an_order(self):
        self.supervisor.password = "rf_supervisor"
        _evaluation, order = self._bad_order()
        self._run_to(order, "contact")
        step = order.stage_id.name
        kanban = f"""
            const card = [...document.querySelectorAll('.o_kanban_record')].find(
                (c) => c.textContent.includes({order.name!r}));
            const column = card && card.closest('.o_kanban_group');
            const title = column && column.querySelector('.o_column_title');
            if (!card) {{
                console.error('the order is not on the board');
            }} else if (!title || !title.textContent.includes({step!r})) {{
                console.error('the order is not in its step');
            }} else {{
                console.log('test successful');
            }}
        """
        self.browser_js(
            "/odoo/action-gov_rectify.gov_rectify_order_action",
            kanban,
            ready="!!document.querySelector('.o_kanban_record .fw-bold')",
            login="rf_supervisor",
        )
        form = f"""
            const current = document.querySelector(
                '.o_statusbar_status .o_arrow_button_current');
            const title = document.querySelector('.oe_title h1');
            if (!title || !title.textContent.includes({order.name!r})) {{
                console.error('the form does not show the order');
            }} else if (!current || !current.textContent.includes({step!r})) {{
                console.error('the status bar does not show the step');
            }} else {{
                console.log('test successful');
            }}
        """
        self.browser_js(
            f"/odoo/action-gov_rectify.gov_rectify_order_action/{order.id}",
            form,
            ready="!!document.querySelector('.o_statusbar_status')",
            login="rf_supervisor",
        )
        opened = self.env["gov.identity.access.log"].search(
            [("res_model", "=", order._name), ("res_id", "=", order.id)]
        )
        self.assertIn(self.supervisor, opened.user_id, "opening the order is logged")
        self.browser_js(
            "/odoo/action-gov_rectify.gov_rectify_report_action",
            "console.log('test successful')",
            ready="!!document.querySelector('.o_pivot table')",
            login="rf_supervisor",
        )
