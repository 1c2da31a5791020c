from datetime import timedelta

from odoo import api, fields, models

SIGNAL_KINDS = [
    ("duplicate", "Duplicate"),
    ("burst_ip", "Burst from one IP address"),
    ("burst_device", "Burst from one device"),
    ("burst_phone", "Burst from one phone"),
    ("too_fast", "Faster than the device's response interval"),
    ("own_case", "Staff rating their own case"),
    ("same_text", "Identical comment across cases"),
]


class GovFraudSignal(models.Model):
    """Why a rating looks abnormal; a supervisor reads it in the review queue."""

    _name = "gov.fraud.signal"
    _description = "Fraud Signal"
    _order = "id"

    evaluation_id = fields.Many2one(
        "gov.evaluation", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(SIGNAL_KINDS, required=True)
    explanation = fields.Char(required=True)

    @api.model
    def _settings(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {
            "burst_minutes": int(get("gov_rating.burst_minutes", 10)),
            "burst_count": int(get("gov_rating.burst_count", 5)),
            "duplicate_hours": int(get("gov_rating.duplicate_hours", 24)),
            "same_text_count": int(get("gov_rating.same_text_count", 3)),
            "same_text_min_length": int(get("gov_rating.same_text_min_length", 6)),
        }

    @api.model
    def _detect(self, evaluation):
        """Signal values for one new rating, each with its explanation."""
        settings = self._settings()
        checks = (
            self._detect_duplicate,
            self._detect_bursts,
            self._detect_too_fast,
            self._detect_own_case,
            self._detect_same_text,
        )
        signals = []
        for check in checks:
            for kind, explanation in check(evaluation, settings):
                signals.append(
                    {
                        "evaluation_id": evaluation.id,
                        "kind": kind,
                        "explanation": explanation,
                    }
                )
        return signals

    def _others(self, evaluation, domain, since):
        return self.env["gov.evaluation"].search_count(
            [("id", "!=", evaluation.id), ("date", ">=", since), *domain]
        )

    def _detect_duplicate(self, evaluation, settings):
        if evaluation.evaluator_key == "applicant" or not (
            evaluation.evaluator_cert or evaluation.evaluator_phone
        ):
            return []
        target = (
            ("employee_id", "=", evaluation.employee_id.id)
            if evaluation.employee_id
            else ("window_id", "=", evaluation.window_id.id)
        )
        since = evaluation.date - timedelta(hours=settings["duplicate_hours"])
        count = self._others(
            evaluation,
            [
                ("evaluator_key", "=", evaluation.evaluator_key),
                target,
                ("case_id", "=", False),
            ]
            if not evaluation.case_id
            else [
                ("evaluator_key", "=", evaluation.evaluator_key),
                target,
                ("item_id", "=", evaluation.item_id.id),
                ("case_id", "!=", evaluation.case_id.id),
            ],
            since,
        )
        if not count:
            return []
        return [
            (
                "duplicate",
                self.env._(
                    "The same evaluator rated the same object %(count)s time(s) in the "
                    "last %(hours)s hours.",
                    count=count,
                    hours=settings["duplicate_hours"],
                ),
            )
        ]

    def _detect_bursts(self, evaluation, settings):
        since = evaluation.date - timedelta(minutes=settings["burst_minutes"])
        sources = [
            ("burst_ip", "ip_address", evaluation.ip_address, self.env._("IP address")),
            (
                "burst_device",
                "device_id",
                evaluation.device_id.id,
                self.env._("device"),
            ),
            (
                "burst_phone",
                "evaluator_phone",
                evaluation.evaluator_phone,
                self.env._("phone"),
            ),
        ]
        found = []
        for kind, field, value, label in sources:
            if not value:
                continue
            count = self._others(evaluation, [(field, "=", value)], since) + 1
            if count >= settings["burst_count"]:
                found.append(
                    (
                        kind,
                        self.env._(
                            "%(count)s ratings from one %(origin)s within %(minutes)s "
                            "minutes (threshold %(threshold)s).",
                            count=count,
                            origin=label,
                            minutes=settings["burst_minutes"],
                            threshold=settings["burst_count"],
                        ),
                    )
                )
        return found

    def _detect_too_fast(self, evaluation, settings):
        device = evaluation.device_id
        if not device or not device.response_interval:
            return []
        since = evaluation.date - timedelta(seconds=device.response_interval)
        if not self._others(evaluation, [("device_id", "=", device.id)], since):
            return []
        return [
            (
                "too_fast",
                self.env._(
                    "Less than %(seconds)s s after the previous rating on device "
                    "%(device)s.",
                    seconds=device.response_interval,
                    device=device.name,
                ),
            )
        ]

    def _detect_own_case(self, evaluation, settings):
        staff = evaluation.employee_id | evaluation.case_id.employee_ids
        creator = evaluation.create_uid
        by_staff = creator and not creator._is_public() and creator.employee_ids & staff
        identities = {
            value
            for value in staff.mapped("identification_id")
            + staff.mapped("mobile_phone")
            + staff.mapped("private_phone")
            if value
        }
        by_identity = identities & {
            evaluation.evaluator_cert,
            evaluation.evaluator_phone,
        }
        if evaluation.channel == "paper" or not (by_staff or by_identity):
            return []
        return [
            (
                "own_case",
                self.env._(
                    "The rating was given by a staff member who handled it "
                    "(%(staff)s).",
                    staff=", ".join(staff.mapped("name")),
                ),
            )
        ]

    def _detect_same_text(self, evaluation, settings):
        text = " ".join((evaluation.comment or "").split())
        if len(text) < settings["same_text_min_length"]:
            return []
        since = evaluation.date - timedelta(days=30)
        self.env.cr.execute(
            """
            SELECT count(DISTINCT COALESCE(case_id, -id)) FROM gov_evaluation
             WHERE id != %s AND date >= %s
               AND regexp_replace(btrim(comment), '\\s+', ' ', 'g') = %s
               AND COALESCE(case_id, -id) != COALESCE(%s, 0)
            """,
            (evaluation.id, since, text, evaluation.case_id.id or None),
        )
        others = self.env.cr.fetchone()[0]
        if others + 1 < settings["same_text_count"]:
            return []
        return [
            (
                "same_text",
                self.env._(
                    "The same comment was left on %(count)s different cases in "
                    "30 days.",
                    count=others + 1,
                ),
            )
        ]
