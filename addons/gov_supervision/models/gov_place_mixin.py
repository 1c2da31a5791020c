from odoo import api, fields, models


class GovPlaceMixin(models.AbstractModel):
    """Where a record belongs: the window, its hall and the unit. The hall follows
    the window and the unit the first of ``_place_fields`` that has one, unless set
    by hand."""

    _name = "gov.place.mixin"
    _description = "Window, Hall and Unit of a Record"

    # Where the unit is looked for, first to last.
    _place_fields = ("window_id", "hall_id")

    window_id = fields.Many2one("gov.window", index=True, tracking=True)
    hall_id = fields.Many2one(
        "gov.hall",
        compute="_compute_hall_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )

    @api.depends("window_id")
    def _compute_hall_id(self):
        for record in self.filtered("window_id"):
            record.hall_id = record.window_id.hall_id

    @api.depends(lambda self: self._place_fields)
    def _compute_department_id(self):
        for record in self:
            for name in self._place_fields:
                if record[name].department_id:
                    record.department_id = record[name].department_id
                    break
