from odoo import models


class GovEvaluationXlsx(models.AbstractModel):
    """Ratings as XLSX: the selected ratings here, any number in the background
    export, both through the two methods below."""

    _name = "report.gov_publish.evaluation_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Ratings XLSX"

    def _gov_start_sheet(self, workbook, number=1):
        name = self.env._("Ratings")
        if number > 1:
            name = f"{name} ({number})"
        sheet = workbook.add_worksheet(name)
        bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF7"})
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 1, 20)
        sheet.set_column(4, 12, 16)
        sheet.write_row(0, 0, self.env["gov.evaluation"]._gov_export_header(), bold)
        sheet.freeze_panes(1, 0)
        return sheet

    def _gov_write_rows(self, sheet, evaluations, row):
        """Write the ratings from ``row`` on; return the next free row."""
        for values in evaluations._gov_export_rows():
            sheet.write_row(row, 0, values)
            row += 1
        return row

    def generate_xlsx_report(self, workbook, data, objs):
        sheet = self._gov_start_sheet(workbook)
        self._gov_write_rows(sheet, objs, 1)
