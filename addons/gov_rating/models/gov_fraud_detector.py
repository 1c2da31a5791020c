import hashlib
import re
import unicodedata
from datetime import timedelta

from odoo import api, models

from .. import tools as gov_tools

# Settings of the detection (ir.config_parameter "gov_rating.<name>"), defaults.
FRAUD_PARAMS = {
    "suspect_score": 1.0,
    "burst_minutes": 10,
    "burst_count": 5,
    "duplicate_hours": 24,
    "same_text_count": 3,
    "same_text_min_length": 6,
    "same_text_days": 30,
    "same_text_share": 0.5,
    # A text is common (ordinary) only when this many staff members or windows
    # receive it; on fewer, each of them with "same_text_count" cases is pasted.
    "same_text_targets": 3,
    "reuse_days": 90,
    "reuse_cases": 3,
    "fast_seconds": 8,
    "coercion_days": 90,
    "onsite_gap": 2.0,
    "onsite_min": 5,
    "device_share": 0.6,
    "device_share_min": 8,
    "bad_source_count": 3,
    "surge_days": 7,
    "surge_baseline_days": 60,
    "surge_min": 3,
    "surge_factor": 3.0,
}
# Weight each kind of signal adds to a rating's suspicion score (a setting too:
# "gov_rating.weight_<kind>"). A rating is suspect from the score "suspect_score".
FRAUD_WEIGHTS = {
    "duplicate": 1.0,
    "burst_ip": 1.0,
    "burst_device": 1.0,
    "burst_phone": 1.0,
    "too_fast": 1.0,
    "own_case": 1.0,
    "same_text": 1.0,
    "not_applicant": 0.6,
    "phone_reuse": 0.6,
    "fast_after_done": 0.6,
    "onsite_gap": 0.5,
    "device_share": 0.4,
    "source_bad_day": 1.0,
    "bad_surge": 1.0,
}
ONSITE_CHANNELS = ("device", "qr", "terminal")
# Where the staff member can tap the rating in the citizen's place.
COUNTER_CHANNELS = ("device", "terminal")
OFFSITE_CHANNELS = ("pc", "app", "sms", "phone", "hotline")
# Prior of the bad-review rate of a staff member with little history, and how many
# ratings it counts as.
SURGE_PRIOR_RATE = 0.05
SURGE_PRIOR_WEIGHT = 10


def text_key(comment):
    """A comment reduced to what a paste keeps: full-width folded (NFKC), lower
    case, without spaces, punctuation or symbols."""
    text = unicodedata.normalize("NFKC", comment or "").lower()
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PSZC")


def text_hash(key):
    """The MD5 of a ``text_key`` (what the same-text check looks up by index: a
    fixed 32 characters, whatever the length of the comment)."""
    return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest() if key else ""


class GovFraudDetector(models.AbstractModel):
    """Signals of abnormal ratings, re-evaluated whenever a rating brings new
    evidence: every check looks at the ratings around the new one (same source,
    text, phone or staff member), flags all the members of what it finds (the
    earlier ones too) and withdraws what the evidence no longer supports. Each
    signal adds its weight to the rating's suspicion score; a rating no supervisor
    has decided on is suspect while its score reaches the threshold."""

    _name = "gov.fraud.detector"
    _description = "Fraud Detection"

    @api.model
    def _params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        params = {
            name: type(default)(float(get(f"gov_rating.{name}", default)))
            for name, default in FRAUD_PARAMS.items()
        }
        for kind, default in FRAUD_WEIGHTS.items():
            params[f"weight_{kind}"] = float(get(f"gov_rating.weight_{kind}", default))
        return params

    # ------------------------------------------------------------------ driver
    @api.model
    def _evaluate(self, evaluations):
        """Run every check for the new ``evaluations`` and apply the findings."""
        params = self._params()
        checks = (
            self._check_own_case,
            self._check_too_fast,
            self._check_not_applicant,
            self._check_fast_after_done,
            self._check_duplicate,
            self._check_bursts,
            self._check_bad_sources,
            self._check_same_text,
            self._check_phone_reuse,
            self._check_coercion,
            self._check_bad_surge,
        )
        candidates = self._candidates(evaluations.sudo(), params)
        findings = []
        for evaluation in evaluations.sudo():
            for check in checks:
                if evaluation.id in candidates[check.__name__]:
                    findings += check(evaluation, params)
        touched = evaluations.sudo()
        for finding in findings:
            touched |= self._apply(finding, params)
        self._update_scores(touched, params)

    def _finding(self, kind, members, explanation, key=None, scope=None):
        """What a check found: ``members`` carry the signal ``kind``; with a
        ``scope``, the signal of this kind is withdrawn from the ratings of the
        scope outside ``members``; a ``key`` groups several members in a cluster."""
        return {
            "kind": kind,
            "members": members,
            "explanation": explanation,
            "key": key,
            "scope": scope,
        }

    def _apply(self, finding, params):
        """Create, update or withdraw the signals of one finding; returns the
        ratings whose score may have changed."""
        Signal = self.env["gov.fraud.signal"].sudo()
        kind, members = finding["kind"], finding["members"]
        scope = finding["scope"] if finding["scope"] is not None else members
        existing = Signal.search(
            [("kind", "=", kind), ("evaluation_id", "in", (scope | members).ids)]
        )
        # What a supervisor decided on keeps its evidence.
        stale = existing.filtered(
            lambda s: s.evaluation_id not in members and not s.evaluation_id.reviewer_id
        )
        touched = stale.evaluation_id | members
        stale_clusters = stale.cluster_id
        stale.unlink()
        cluster = self._cluster_for(finding) if len(members) > 1 else Signal.cluster_id
        note = (
            self.env._(" See cluster %(cluster)s.", cluster=cluster.name)
            if cluster
            else ""
        )
        by_rating = {s.evaluation_id: s for s in existing - stale}
        weight = params[f"weight_{kind}"]
        new = []
        for evaluation in members:
            signal = by_rating.get(evaluation)
            if not signal:
                new.append(
                    {
                        "evaluation_id": evaluation.id,
                        "kind": kind,
                        "weight": weight,
                        "cluster_id": cluster.id,
                        "explanation": finding["explanation"] + note,
                    }
                )
            elif signal.cluster_id != cluster and signal.cluster_id.state in (
                False,
                "open",
            ):
                signal.write(
                    {
                        "cluster_id": cluster.id,
                        "explanation": finding["explanation"] + note,
                    }
                )
        Signal.create(new)
        (cluster | stale_clusters)._update_members()
        return touched

    def _cluster_for(self, finding):
        Cluster = self.env["gov.fraud.cluster"].sudo()
        cluster = Cluster.search(
            [
                ("kind", "=", finding["kind"]),
                ("key", "=", finding["key"]),
                ("state", "=", "open"),
            ],
            limit=1,
        )
        if not cluster:
            cluster = Cluster.create({"kind": finding["kind"], "key": finding["key"]})
        cluster.explanation = finding["explanation"]
        return cluster

    def _update_scores(self, evaluations, params):
        """Score = sum of the weights of a rating's signals; ratings nobody has
        reviewed become suspect at the threshold and valid again below it."""
        evaluations = evaluations.exists()
        scores = dict(
            self.env["gov.fraud.signal"]
            .sudo()
            ._read_group(
                [("evaluation_id", "in", evaluations.ids)],
                ["evaluation_id"],
                ["weight:sum"],
            )
        )
        targets = {"valid": evaluations.browse(), "suspect": evaluations.browse()}
        threshold = params["suspect_score"]
        for evaluation in evaluations:
            score = round(scores.get(evaluation, 0.0), 2)
            # Only a rating the score made suspect is restored by the score.
            made_suspect = evaluation.fraud_score >= threshold
            if evaluation.fraud_score != score:
                evaluation.fraud_score = score
            if evaluation.reviewer_id or evaluation.validity == "invalid":
                continue
            if score >= threshold and evaluation.validity == "valid":
                targets["suspect"] |= evaluation
            elif (
                score < threshold and evaluation.validity == "suspect" and made_suspect
            ):
                targets["valid"] |= evaluation
        for validity, records in targets.items():
            if records:
                records.write({"validity": validity})

    # ------------------------------------------------------------- candidates
    # Which new ratings each check can find anything on, decided for a whole batch
    # by one query (a part per check) over windows bounded on both sides of each
    # rating's date. Every condition is necessary for the check to return a finding that
    # changes anything (a signal to add or to withdraw); the exact check then runs
    # on the ratings selected only, so the signals are those of running every check
    # on every rating.
    @api.model
    def _candidates(self, evaluations, params):
        """{check method name: ids of ``evaluations`` to run it on}"""
        ids = evaluations.ids
        # The queries read ratings, signals, staff and cases from the database.
        self.env.flush_all()
        candidates = {
            "_check_too_fast": {
                e.id for e in evaluations if e.device_id.response_interval
            }
        }
        keys = list(
            {
                e.evaluator_key
                for e in evaluations
                if e.evaluator_key and e.evaluator_key != "applicant"
            }
        )
        # One round trip for all the checks: their queries side by side, each with
        # its arguments renamed apart.
        parts, values, names = [], {"ids": ids, "keys": keys}, []
        for index, (name, query, args) in enumerate(self._candidate_queries(params)):
            candidates[name] = set()
            names.append(name)
            query = re.sub(r"%\((?!ids\)|keys\))(\w+)\)s", rf"%(c{index}_\1)s", query)
            parts.append(f"SELECT {index} AS c, q.id FROM ({query}) q")
            values.update({f"c{index}_{key}": value for key, value in args.items()})
        # The new ratings read once, for every check.
        batch = (
            "WITH batch AS MATERIALIZED "
            "(SELECT * FROM gov_evaluation WHERE id = ANY(%(ids)s)) "
        )
        with gov_tools.without_jit(self.env.cr):
            self.env.cr.execute(batch + " UNION ALL ".join(parts), values)  # pylint: disable=sql-injection
            found = self.env.cr.fetchall()
        for index, rating_id in found:
            candidates[names[index]].add(rating_id)
        return candidates

    def _candidate_queries(self, params):
        """(check, SQL selecting the ids of the new ratings (the rows of ``batch``,
        their ids ``%(ids)s``, their evaluator keys but ``applicant``: ``%(keys)s``)
        it may find something on, arguments)"""
        burst = timedelta(minutes=params["burst_minutes"])
        day = timedelta(days=1)
        duplicate = timedelta(hours=params["duplicate_hours"])
        return [
            (
                "_check_own_case",
                # The staff of each rating (named, or who handled its case) are
                # found by id: a condition "this one or those" on the staff table
                # would compare every rating with every staff member.
                """
                SELECT n.id FROM batch n
                 CROSS JOIN LATERAL (
                       SELECT n.employee_id AS id
                        UNION
                       SELECT rel.hr_employee_id
                         FROM gov_case_hr_employee_rel rel
                        WHERE rel.gov_case_id = n.case_id
                       ) handled
                  JOIN hr_employee staff ON staff.id = handled.id
                 WHERE n.channel != 'paper'
                   AND (staff.user_id = n.create_uid
                        OR staff.identification_id IN (
                            n.evaluator_cert, n.evaluator_phone)
                        OR staff.mobile_phone IN (n.evaluator_cert, n.evaluator_phone)
                        OR staff.private_phone IN (
                            n.evaluator_cert, n.evaluator_phone))
                """,
                {},
            ),
            (
                # A case rated with a phone or ID number, its applicant known by
                # another one.
                "_check_not_applicant",
                """
                SELECT n.id FROM batch n
                  JOIN gov_case c ON c.id = n.case_id
                 WHERE (NULLIF(n.evaluator_phone, '') IS NOT NULL
                        OR NULLIF(n.evaluator_cert, '') IS NOT NULL)
                   AND (NULLIF(c.applicant_phone, '') IS NOT NULL
                        OR NULLIF(c.applicant_cert, '') IS NOT NULL)
                   AND NOT COALESCE(
                       NULLIF(n.evaluator_phone, '') = c.applicant_phone, FALSE)
                   AND NOT COALESCE(
                       NULLIF(n.evaluator_cert, '') = c.applicant_cert, FALSE)
                """,
                {},
            ),
            (
                # Rated at the counter within seconds of the case's completion.
                "_check_fast_after_done",
                """
                SELECT n.id FROM batch n
                  JOIN gov_case c ON c.id = n.case_id
                 WHERE n.channel = ANY(%(channels)s)
                   AND n.date BETWEEN c.date_done AND c.date_done + %(fast)s
                """,
                {
                    "channels": list(COUNTER_CHANNELS),
                    "fast": timedelta(seconds=params["fast_seconds"]),
                },
            ),
            (
                # Another rating of the same evaluator within the span on either
                # side: then the one just before or just after is. The keys are
                # given as values, so that the plan is a scan of the key index
                # whatever the statistics of the column (a join on the key from
                # freshly inserted rows, estimated at one, loops over the dates).
                "_check_duplicate",
                """
                SELECT n.id FROM (
                    SELECT e.id, e.date, e.evaluator_cert, e.evaluator_phone,
                           lag(e.date) OVER near AS before,
                           lead(e.date) OVER near AS after
                      FROM gov_evaluation e
                     WHERE e.evaluator_key = ANY(%(keys)s)
                    WINDOW near AS (PARTITION BY e.evaluator_key ORDER BY e.date, e.id)
                ) n
                 WHERE n.id = ANY(%(ids)s)
                   AND (n.evaluator_cert IS NOT NULL OR n.evaluator_phone IS NOT NULL)
                   AND (n.date - n.before <= %(span)s OR n.after - n.date <= %(span)s)
                """,
                {"span": duplicate},
            ),
            (
                "_check_bursts",
                """
                SELECT n.id FROM batch n
                 WHERE (n.ip_address IS NOT NULL
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
                SELECT n.id FROM batch n
                 WHERE n.is_bad
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
                SELECT n.id FROM batch n
                 WHERE char_length(n.comment_key) >= %(length)s
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
                SELECT n.id FROM batch n
                 WHERE n.case_id IS NOT NULL
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
                SELECT n.id FROM batch n,
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
                 WHERE n.employee_id IS NOT NULL
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
                SELECT n.id FROM batch n,
                LATERAL (
                    SELECT count(*) AS bad,
                           count(*) FILTER (WHERE e.case_id IS NULL) AS without_case
                      FROM gov_evaluation e
                     WHERE e.employee_id = n.employee_id AND e.is_bad
                       AND e.date BETWEEN n.date - %(span)s AND n.date
                ) recent
                 WHERE n.is_bad AND n.employee_id IS NOT NULL
                   AND recent.bad >= %(count)s AND recent.without_case > 0
                """,
                {
                    "span": timedelta(days=params["surge_days"]),
                    "count": params["surge_min"],
                },
            ),
        ]

    # ---------------------------------------------------------------- helpers
    def _search(self, domain):
        return self.env["gov.evaluation"].sudo().search(domain, order="date, id")

    def _window(self, evaluation, before, after=None):
        return [
            ("date", ">=", evaluation.date - before),
            ("date", "<=", evaluation.date + (after or timedelta())),
        ]

    def _ip_source(self, evaluation):
        """The source an address counts as, or None for a hall's shared network
        (many honest citizens) and for no address."""
        if not evaluation.ip_address:
            return None
        kind, value = self.env["gov.shared.network"]._source_of(evaluation.ip_address)
        return value if kind == "ip" else None

    def _same_ip_source(self, evaluation, domain):
        source = self._ip_source(evaluation)
        if not source:
            return self.env["gov.evaluation"]
        candidates = self._search([("ip_address", "!=", False), *domain])
        return candidates.filtered(lambda e: self._ip_source(e) == source)

    def _names(self, evaluations, limit=8):
        names = evaluations[:limit].mapped("name")
        if len(evaluations) > limit:
            names.append("…")
        return ", ".join(names)
