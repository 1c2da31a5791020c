from odoo import api, models


class GovMonthlyReport(models.AbstractModel):
    """The leader's monthly report: printed only from the dashboards the user may
    read, whatever ids the URL names."""

    _name = "report.gov_publish.report_monthly"
    _description = "Leader's Monthly Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        boards = self.env["gov.publish.dashboard"].browse(docids)
        boards.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "gov.publish.dashboard",
            "docs": boards,
        }
