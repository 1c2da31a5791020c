from odoo import fields, models, tools


class GovCaseActivityReport(models.Model):
    """Completed cases and whether they were rated, for 主动评价率 (rated cases /
    completed cases): one row a case, the rate as a 0/100 average."""

    _name = "gov.case.activity.report"
    _description = "Active Rating Statistics"
    _auto = False
    _order = "date_done desc"

    name = fields.Char(string="Case Number", readonly=True)
    date_done = fields.Datetime(string="Completed On", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    region_id = fields.Many2one("gov.region", readonly=True)
    hall_id = fields.Many2one("gov.hall", readonly=True)
    window_id = fields.Many2one("gov.window", readonly=True)
    item_id = fields.Many2one("gov.service.item", string="Service Item", readonly=True)
    case_count = fields.Integer(string="Completed Cases", readonly=True)
    rated_count = fields.Integer(string="Rated Cases", readonly=True)
    active_rate = fields.Float(
        string="Active Rating Rate (%)", readonly=True, aggregator="avg"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # A case counts as rated by a person: a valid first rating, not a default.
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT c.id, c.name, c.date_done, c.department_id, c.region_id,
                       c.hall_id, c.window_id, c.item_id, 1 AS case_count,
                       r.rated AS rated_count,
                       100.0 * r.rated AS active_rate
                  FROM gov_case c
                 CROSS JOIN LATERAL (
                       SELECT CASE WHEN EXISTS (
                           SELECT 1 FROM gov_evaluation e
                            WHERE e.case_id = c.id AND e.validity = 'valid'
                              AND e.assess_number = '1' AND e.is_default IS NOT TRUE
                       ) THEN 1 ELSE 0 END AS rated
                 ) r
                 WHERE c.state = 'done'
            )
            """
        )
