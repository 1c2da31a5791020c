from odoo import fields, models


class GovIndexTester(models.Model):
    """A rated object with children whose ratings roll up into it."""

    _name = "gov.index.tester"
    _inherit = ["gov.index.mixin"]
    _description = "Index Tester"
    _parent_store = True
    _gov_evaluation_field = "index_tester_id"
    _gov_hierarchical = True

    name = fields.Char()
    parent_id = fields.Many2one("gov.index.tester", index=True)
    parent_path = fields.Char(index=True)


class GovEvaluation(models.Model):
    """Ratings of the index tester (a test-only link, loaded with the tester)."""

    _inherit = "gov.evaluation"  # pylint: disable=consider-merging-classes-inherited

    index_tester_id = fields.Many2one("gov.index.tester", readonly=True, index=True)
