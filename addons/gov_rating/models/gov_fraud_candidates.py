from datetime import timedelta

from odoo import api, models

from .gov_fraud_detector import OFFSITE_CHANNELS, ONSITE_CHANNELS

# Checks cheap enough to run on every rating (they read the rating, its case and
# its staff, prefetched for the whole batch): no query selects them.
ALWAYS = ("_check_not_applicant", "_check_fast_after_done")


class GovFraudDetector(models.AbstractModel):
    """Which new ratings each check can find anything on, decided for a whole batch
    by one query per check over windows bounded on both sides of each rating's
    date. Every condition is necessary for the check to return a finding that
    changes anything (a signal to add or to withdraw); the exact check then runs on
    the ratings selected only, so the signals are those of running every check on
    every rating."""

    _inherit = "gov.fraud.detector"

    @api.model
    def _candidates(self, evaluations, params):
        """{check method name: ids of ``evaluations`` to run it on}"""
        ids = evaluations.ids
        self.env["gov.evaluation"].flush_model()
        self.env["gov.fraud.signal"].flush_model()
        candidates = {name: set(ids) for name in ALWAYS}
        candidates["_check_too_fast"] = {
            e.id for e in evaluations if e.device_id.response_interval
        }
        for name, query, args in self._candidate_queries(params):
            self.env.cr.execute(query, {"ids": ids, **args})
            candidates[name] = {row[0] for row in self.env.cr.fetchall()}
        return candidates

    def _candidate_queries(self, params):
        """(check, SQL selecting the ids of the new ratings (``%(ids)s``) it may
        find something on, arguments)"""
        burst = timedelta(minutes=params["burst_minutes"])
        day = timedelta(days=1)
        duplicate = timedelta(hours=params["duplicate_hours"])
        return [
            (
                "_check_own_case",
                """
                SELECT n.id FROM gov_evaluation n
                 WHERE n.id = ANY(%(ids)s) AND n.channel != 'paper'
                   AND EXISTS (
                       SELECT 1 FROM hr_employee staff
                        WHERE (staff.id = n.employee_id
                               OR staff.id IN (
                                   SELECT rel.hr_employee_id
                                     FROM gov_case_hr_employee_rel rel
                                    WHERE rel.gov_case_id = n.case_id))
                          AND (staff.user_id = n.create_uid
                               OR staff.identification_id IN (
                                   n.evaluator_cert, n.evaluator_phone)
                               OR staff.mobile_phone IN (
                                   n.evaluator_cert, n.evaluator_phone)
                               OR staff.private_phone IN (
                                   n.evaluator_cert, n.evaluator_phone)))
                """,
                {},
            ),
            (
                "_check_duplicate",
                """
                SELECT n.id FROM gov_evaluation n
                 WHERE n.id = ANY(%(ids)s)
                   AND n.evaluator_key != 'applicant'
                   AND (n.evaluator_cert IS NOT NULL OR n.evaluator_phone IS NOT NULL)
                   AND EXISTS (
                       SELECT 1 FROM gov_evaluation e
                        WHERE e.evaluator_key = n.evaluator_key AND e.id != n.id
                          AND e.date BETWEEN n.date - %(span)s AND n.date + %(span)s)
                """,
                {"span": duplicate},
            ),
            (
                "_check_bursts",
                """
                SELECT n.id FROM gov_evaluation n
                 WHERE n.id = ANY(%(ids)s)
                   AND (n.ip_address IS NOT NULL
                        OR (SELECT count(*) FROM gov_evaluation e
                             WHERE e.device_id = n.device_id
                               AND e.date BETWEEN n.date - %(span)s
                                              AND n.date + %(span)s) >= %(count)s
                        OR (SELECT count(*) FROM gov_evaluation e
                             WHERE e.evaluator_phone = n.evaluator_phone
                               AND e.date BETWEEN n.date - %(span)s
                                              AND n.date + %(span)s) >= %(count)s)
                """,
                {"span": burst, "count": params["burst_count"]},
            ),
            (
                "_check_bad_sources",
                """
                SELECT n.id FROM gov_evaluation n
                 WHERE n.id = ANY(%(ids)s) AND n.is_bad
                   AND (n.ip_address IS NOT NULL
                        OR (SELECT count(*) FROM gov_evaluation e
                             WHERE e.device_id = n.device_id AND e.is_bad
                               AND e.date BETWEEN n.date - %(span)s AND n.date)
                           >= %(count)s
                        OR (SELECT count(*) FROM gov_evaluation e
                             WHERE e.evaluator_phone = n.evaluator_phone AND e.is_bad
                               AND e.date BETWEEN n.date - %(span)s AND n.date)
                           >= %(count)s)
                """,
                {"span": day, "count": params["bad_source_count"]},
            ),
            (
                "_check_same_text",
                """
                SELECT n.id FROM gov_evaluation n
                 WHERE n.id = ANY(%(ids)s)
                   AND char_length(n.comment_key) >= %(length)s
                   AND ((SELECT count(*) FROM gov_evaluation e
                          WHERE e.comment_hash = n.comment_hash
                            AND e.date BETWEEN n.date - %(span)s AND n.date)
                        >= %(count)s
                        OR EXISTS (
                            SELECT 1 FROM gov_evaluation e
                              JOIN gov_fraud_signal s ON s.evaluation_id = e.id
                             WHERE e.comment_hash = n.comment_hash
                               AND s.kind = 'same_text'
                               AND e.date BETWEEN n.date - %(span)s AND n.date))
                """,
                {
                    "span": timedelta(days=params["same_text_days"]),
                    "count": params["same_text_count"],
                    "length": params["same_text_min_length"],
                },
            ),
            (
                "_check_phone_reuse",
                """
                SELECT n.id FROM gov_evaluation n
                 WHERE n.id = ANY(%(ids)s) AND n.case_id IS NOT NULL
                   AND n.evaluator_phone IS NOT NULL
                   AND (%(cases)s <= 1 OR EXISTS (
                       SELECT 1 FROM gov_evaluation e
                        WHERE e.evaluator_phone = n.evaluator_phone AND e.id != n.id
                          AND e.case_id IS NOT NULL
                          AND e.date BETWEEN n.date - %(span)s AND n.date))
                """,
                {
                    "span": timedelta(days=params["reuse_days"]),
                    "cases": params["reuse_cases"],
                },
            ),
            (
                "_check_coercion",
                """
                SELECT n.id FROM gov_evaluation n,
                LATERAL (
                    SELECT count(*) AS total,
                           count(*) FILTER (WHERE e.channel = ANY(%(onsite)s))
                               AS onsite,
                           count(*) FILTER (WHERE e.channel = ANY(%(offsite)s))
                               AS offsite,
                           count(e.device_id) AS with_device,
                           bool_or(EXISTS (
                               SELECT 1 FROM gov_fraud_signal s
                                WHERE s.evaluation_id = e.id
                                  AND s.kind IN ('onsite_gap', 'device_share')))
                               AS signalled
                      FROM gov_evaluation e
                     WHERE e.employee_id = n.employee_id
                       AND e.date BETWEEN n.date - %(span)s AND n.date
                ) scope
                 WHERE n.id = ANY(%(ids)s)
                   AND ((scope.onsite >= %(onsite_min)s
                         AND scope.offsite >= %(onsite_min)s)
                        OR (scope.total >= %(share_min)s
                            AND scope.with_device >= %(share)s * scope.total)
                        OR scope.signalled)
                """,
                {
                    "span": timedelta(days=params["coercion_days"]),
                    "onsite": list(ONSITE_CHANNELS),
                    "offsite": list(OFFSITE_CHANNELS),
                    "onsite_min": params["onsite_min"],
                    "share_min": params["device_share_min"],
                    "share": params["device_share"],
                },
            ),
            (
                "_check_bad_surge",
                """
                SELECT n.id FROM gov_evaluation n,
                LATERAL (
                    SELECT count(*) AS bad,
                           count(*) FILTER (WHERE e.case_id IS NULL) AS without_case
                      FROM gov_evaluation e
                     WHERE e.employee_id = n.employee_id AND e.is_bad
                       AND e.date BETWEEN n.date - %(span)s AND n.date
                ) recent
                 WHERE n.id = ANY(%(ids)s) AND n.is_bad
                   AND recent.bad >= %(count)s AND recent.without_case > 0
                """,
                {
                    "span": timedelta(days=params["surge_days"]),
                    "count": params["surge_min"],
                },
            ),
        ]
