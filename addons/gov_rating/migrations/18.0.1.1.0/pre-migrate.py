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
    # The one menu of public supervision is named 公众监督 (it was 社会监督).
    cr.execute(
        """
        UPDATE ir_ui_menu SET name = name || '{"zh_CN": "公众监督"}'
         WHERE name->>'zh_CN' = '社会监督'
           AND id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'gov_supervision'
                         AND name = 'menu_gov_supervision')
        """
    )
