from odoo import fields, models

SIGNAL_KINDS = [
    ("duplicate", "Duplicate"),
    ("burst_ip", "Burst from one network address"),
    ("burst_device", "Burst from one device"),
    ("burst_phone", "Burst from one phone"),
    ("too_fast", "Faster than the device's response interval"),
    ("own_case", "Staff rating their own case"),
    ("same_text", "Comment concentrated on one staff member"),
    ("not_applicant", "Case rated from a phone that is not the applicant's"),
    ("phone_reuse", "Phone reused across cases"),
    ("fast_after_done", "Counter rating seconds after completion"),
    ("onsite_gap", "On-site ratings far better than off-site ones"),
    ("device_share", "One device gives most of a staff member's ratings"),
    ("source_bad_day", "Many bad reviews from one source in a day"),
    ("bad_surge", "Bad reviews of a staff member far above their baseline"),
]


class GovFraudSignal(models.Model):
    """Why a rating looks abnormal, with the weight it adds to the rating's
    suspicion score; signals of a cluster name the cluster that holds all the
    ratings concerned. A supervisor reads them in the review queue."""

    _name = "gov.fraud.signal"
    _description = "Fraud Signal"
    _order = "id"

    evaluation_id = fields.Many2one(
        "gov.evaluation", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(SIGNAL_KINDS, required=True)
    explanation = fields.Char(required=True)
    weight = fields.Float(digits=(4, 2), default=1.0)
    cluster_id = fields.Many2one("gov.fraud.cluster", index=True, ondelete="set null")

    _sql_constraints = [
        (
            "one_kind_per_rating",
            "unique(evaluation_id, kind)",
            "A rating has one signal of each kind.",
        )
    ]
