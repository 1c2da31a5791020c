from odoo import models


class GovPublishLineXlsx(models.AbstractModel):
    """Published rankings as XLSX: the selected lines, a sheet per period and kind."""

    _name = "report.gov_publish.ranking_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Rankings XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        objs.check_access("read")
        bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF7"})
        kinds = dict(objs._fields["kind"]._description_selection(self.env))
        header = [
            self.env._("Rank"),
            self.env._("Name"),
            self.env._("Ratings"),
            self.env._("Good-review Rate (%)"),
            self.env._("Bad-review Rate (%)"),
            self.env._("Rating Index"),
        ]
        groups = {}
        for line in objs.sorted(lambda li: (li.period_id.id, li.kind, li.rank)):
            groups.setdefault((line.period_id, line.kind), []).append(line)
        for number, ((period, kind), lines) in enumerate(groups.items(), start=1):
            title = f"{number} {period.name or ''} {kinds[kind]}"[:31]
            sheet = workbook.add_worksheet(title)
            sheet.set_column(1, 1, 36)
            sheet.write_row(0, 0, [period.name, kinds[kind], period.digest or ""])
            sheet.write_row(1, 0, header, bold)
            for row, line in enumerate(lines, start=2):
                sheet.write_row(
                    row,
                    0,
                    [
                        line.rank,
                        line.name,
                        line.rating_count,
                        line.good_rate,
                        line.bad_rate,
                        line.index,
                    ],
                )
