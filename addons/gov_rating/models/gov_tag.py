from odoo import api, fields, models


class GovTag(models.Model):
    _name = "gov.tag"
    _description = "Rating Tag"
    _order = "tag_set_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        string="Indicator Code", help="Sent in evalDetail to provincial platforms."
    )
    sequence = fields.Integer(default=10)
    tag_set_id = fields.Many2one(
        "gov.tag.set", required=True, index=True, ondelete="cascade"
    )
    level_ids = fields.Many2many(
        "gov.level", string="Levels", help="The levels after which this tag is offered."
    )

    @api.model_create_multi
    def create(self, vals_list):
        sets = self.env["gov.tag.set"].browse([v.get("tag_set_id") for v in vals_list])
        sets._check_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        self.tag_set_id._check_unlocked()
        return super().write(vals)

    def unlink(self):
        self.tag_set_id._check_unlocked()
        return super().unlink()
