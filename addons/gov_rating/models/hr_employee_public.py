from odoo import fields, models


class HrEmployeePublic(models.Model):
    """The gov fields of an employee on the public profile, which users outside HR
    read (a case's staff, a window's staff): the card's code is printed at the
    counter anyway."""

    _inherit = "hr.employee.public"

    gov_window_id = fields.Many2one(
        "gov.window", string="Service Window", readonly=True
    )
    gov_hall_id = fields.Many2one(
        related="gov_window_id.hall_id", string="Service Hall"
    )
    gov_staff_code = fields.Char(string="Staff Number", readonly=True)
    gov_qr_token = fields.Char(string="QR Token", readonly=True)
