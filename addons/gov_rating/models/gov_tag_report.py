from odoo import fields, models, tools

from .gov_level import LEVEL_VALUES


class GovTagReport(models.Model):
    """How often each tag was chosen for a staff member: the staff portrait."""

    _name = "gov.tag.report"
    _description = "Staff Portrait"
    _auto = False
    _depends = {
        "gov.evaluation": [
            "employee_id",
            "window_id",
            "department_id",
            "tag_ids",
            "level",
            "date",
            "validity",
        ],
    }

    employee_id = fields.Many2one("hr.employee", string="Staff", readonly=True)
    window_id = fields.Many2one("gov.window", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    tag_id = fields.Many2one("gov.tag", readonly=True)
    level = fields.Selection(LEVEL_VALUES, readonly=True)
    date = fields.Datetime(readonly=True)
    tag_count = fields.Integer(string="Times Chosen", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT row_number() OVER () AS id, e.employee_id, e.window_id,
                       e.department_id, rel.gov_tag_id AS tag_id, e.level, e.date,
                       1 AS tag_count
                  FROM gov_evaluation e
                  JOIN gov_evaluation_gov_tag_rel rel ON rel.gov_evaluation_id = e.id
                 WHERE e.validity = 'valid'
            )
            """
        )
