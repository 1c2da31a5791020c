from odoo.addons.gov_rating.upgrade import hand_over

MODELS = (
    "gov.place.mixin",
    "gov.evaluation.dimension",
    "gov.roster.entry",
    "gov.suggestion",
    "gov.assessment",
    "gov.supervision.mixin",
)
FIELDS = [("gov.evaluation", "dimension_ids")] + [
    (model, field)
    for model in ("hr.department", "gov.hall", "gov.window")
    for field in ("gov_suggestion_count", "gov_assessment_count")
]


def migrate(cr, version):
    """The public roster, suggestions and assessments moved to gov_supervision."""
    hand_over(cr, "gov_rating", "gov_supervision", MODELS, FIELDS)
