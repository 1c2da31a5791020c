from datetime import date

from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestManagerPeriods(TransactionCase):
    def test_manager_generates_the_months_of_a_year(self):
        manager = self.env.ref("gov_rating.user_manager")
        month = self.env.ref("gov_publish.date_range_type_month")
        Generator = self.env["date.range.generator"].with_user(manager)
        # The OCA wizard logs its name preview's failure while the form is still
        # incomplete (no count yet): the manager sees nothing of it.
        with (
            mute_logger("odoo.addons.date_range.wizard.date_range_generator"),
            Form(Generator) as form,
        ):
            form.type_id = month
            form.date_start = date(2031, 1, 1)
            form.count = 12
        form.record.action_apply()
        ranges = self.env["date.range"].search(
            [("type_id", "=", month.id), ("date_start", ">=", date(2031, 1, 1))]
        )
        self.assertEqual(len(ranges), 12)
        self.assertEqual(sorted(ranges.mapped("name"))[0], "2031-01")
