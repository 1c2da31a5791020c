from odoo import fields, models


class GovSupervisionMixin(models.AbstractModel):
    """An object that suggestions and third-party assessments are about (department,
    hall, window): their counts and lists on its form. They are kept apart from the
    citizen ratings: neither is a gov.evaluation, neither moves the index.

    ``_gov_evaluation_field`` and ``_gov_hierarchical`` of gov.index.mixin name the
    field of gov.suggestion and gov.assessment that points to the object as well."""

    _name = "gov.supervision.mixin"
    _description = "Object of Suggestions and Assessments"

    gov_suggestion_count = fields.Integer(
        string="Suggestions",
        compute="_compute_gov_supervision_counts",
        groups="gov_rating.group_gov_handler",
    )
    gov_assessment_count = fields.Integer(
        string="Assessments",
        compute="_compute_gov_supervision_counts",
        groups="gov_rating.group_gov_handler",
    )

    def _gov_supervision_domain(self):
        operator = "child_of" if self._gov_hierarchical else "="
        return [(self._gov_evaluation_field, operator, self.id)]

    def _compute_gov_supervision_counts(self):
        Suggestion = self.env["gov.suggestion"]
        Assessment = self.env["gov.assessment"]
        for record in self:
            if not record.id:
                record.gov_suggestion_count = record.gov_assessment_count = 0
                continue
            domain = record._gov_supervision_domain()
            record.gov_suggestion_count = Suggestion.search_count(domain)
            record.gov_assessment_count = Assessment.search_count(domain)

    def _gov_supervision_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = self._gov_supervision_domain()
        action["context"] = {f"default_{self._gov_evaluation_field}": self.id}
        return action

    def action_view_gov_suggestions(self):
        return self._gov_supervision_action("gov_supervision.gov_suggestion_action")

    def action_view_gov_assessments(self):
        return self._gov_supervision_action("gov_supervision.gov_assessment_action")
