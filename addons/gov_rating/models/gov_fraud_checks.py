from collections import Counter
from datetime import timedelta

from odoo import models

from .gov_fraud_detector import (
    COUNTER_CHANNELS,
    OFFSITE_CHANNELS,
    ONSITE_CHANNELS,
    SURGE_PRIOR_RATE,
    SURGE_PRIOR_WEIGHT,
)


class GovFraudDetector(models.AbstractModel):
    """The checks of the fraud detector: each finds the ratings one signal flags,
    with its explanation."""

    _inherit = "gov.fraud.detector"

    # ------------------------------------------------------------ single ones
    def _check_own_case(self, evaluation, params):
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
            self._finding(
                "own_case",
                evaluation,
                self.env._(
                    "The rating was given by a staff member who handled it "
                    "(%(staff)s).",
                    staff=", ".join(staff.mapped("name")),
                ),
            )
        ]

    def _check_too_fast(self, evaluation, params):
        device = evaluation.device_id
        if not device or not device.response_interval:
            return []
        previous = self._search(
            [
                ("id", "!=", evaluation.id),
                ("device_id", "=", device.id),
                *self._window(evaluation, timedelta(seconds=device.response_interval)),
            ]
        )
        if not previous:
            return []
        return [
            self._finding(
                "too_fast",
                evaluation,
                self.env._(
                    "Less than %(seconds)s s after the previous rating %(previous)s "
                    "on device %(device)s.",
                    seconds=device.response_interval,
                    previous=previous[-1].name,
                    device=device.name,
                ),
            )
        ]

    def _check_not_applicant(self, evaluation, params):
        case = evaluation.case_id
        phone, cert = evaluation.evaluator_phone, evaluation.evaluator_cert
        if not case or not (phone or cert):
            return []
        if not (case.applicant_phone or case.applicant_cert):
            return []
        if (phone and phone == case.applicant_phone) or (
            cert and cert == case.applicant_cert
        ):
            return []
        return [
            self._finding(
                "not_applicant",
                evaluation,
                self.env._(
                    "Case %(case)s was rated with a phone or ID number that is not "
                    "its applicant's.",
                    case=case.name,
                ),
            )
        ]

    def _check_fast_after_done(self, evaluation, params):
        case = evaluation.case_id
        if (
            not case.date_done
            or evaluation.channel not in COUNTER_CHANNELS
            or not params["fast_seconds"]
        ):
            return []
        seconds = (evaluation.date - case.date_done).total_seconds()
        if not 0 <= seconds <= params["fast_seconds"]:
            return []
        return [
            self._finding(
                "fast_after_done",
                evaluation,
                self.env._(
                    "Rated at the counter %(seconds)s s after case %(case)s was "
                    "completed: the citizen can hardly have read the screen.",
                    seconds=int(seconds),
                    case=case.name,
                ),
            )
        ]

    # -------------------------------------------------------------- clusters
    def _check_duplicate(self, evaluation, params):
        if evaluation.evaluator_key == "applicant" or not (
            evaluation.evaluator_cert or evaluation.evaluator_phone
        ):
            return []
        target = (
            ("employee_id", "=", evaluation.employee_id.id)
            if evaluation.employee_id
            else ("window_id", "=", evaluation.window_id.id)
        )
        hours = timedelta(hours=params["duplicate_hours"])
        domain = [
            ("evaluator_key", "=", evaluation.evaluator_key),
            target,
            *self._window(evaluation, hours, hours),
        ]
        if evaluation.case_id:
            domain += [
                ("item_id", "=", evaluation.item_id.id),
                ("case_id", "!=", False),
                ("assess_number", "=", "1"),
            ]
        else:
            domain.append(("case_id", "=", False))
        members = self._search(domain)
        if len(set(members.mapped(lambda e: e.case_id.id or -e.id))) < 2:
            return []
        return [
            self._finding(
                "duplicate",
                members,
                self.env._(
                    "The same evaluator rated the same object %(count)s times within "
                    "%(hours)s hours: %(ratings)s.",
                    count=len(members),
                    hours=params["duplicate_hours"],
                    ratings=self._names(members),
                ),
                key=f"{evaluation.evaluator_key}:{target[2]}",
            )
        ]

    def _dense(self, ratings, seconds, count):
        """The ratings that lie in some span of ``seconds`` holding ``count`` or
        more of them (ordered by date)."""
        dense = set()
        dates = ratings.mapped("date")
        end = 0
        for start, date in enumerate(dates):
            end = max(end, start)
            while end + 1 < len(dates) and (
                (dates[end + 1] - date).total_seconds() <= seconds
            ):
                end += 1
            if end - start + 1 >= count:
                dense.update(range(start, end + 1))
        return ratings.browse([ratings[i].id for i in sorted(dense)])

    def _check_bursts(self, evaluation, params):
        span = timedelta(minutes=params["burst_minutes"])
        window = self._window(evaluation, span, span)
        sources = [
            ("burst_ip", self._ip_source(evaluation), self.env._("network address")),
            ("burst_device", evaluation.device_id.id, self.env._("device")),
            ("burst_phone", evaluation.evaluator_phone, self.env._("phone")),
        ]
        findings = []
        for kind, value, label in sources:
            if not value:
                continue
            if kind == "burst_ip":
                nearby = self._same_ip_source(evaluation, window)
            else:
                field = "device_id" if kind == "burst_device" else "evaluator_phone"
                nearby = self._search([(field, "=", value), *window])
            members = self._dense(nearby, span.total_seconds(), params["burst_count"])
            if evaluation not in members:
                continue
            findings.append(
                self._finding(
                    kind,
                    members,
                    self.env._(
                        "%(count)s ratings from one %(origin)s within %(minutes)s "
                        "minutes (threshold %(threshold)s): %(ratings)s.",
                        count=len(members),
                        origin=label,
                        minutes=params["burst_minutes"],
                        threshold=params["burst_count"],
                        ratings=self._names(members),
                    ),
                    key=f"{kind}:{value}",
                )
            )
        return findings

    def _check_bad_sources(self, evaluation, params):
        if not evaluation.is_bad:
            return []
        window = [("is_bad", "=", True), *self._window(evaluation, timedelta(days=1))]
        sources = [
            ("ip", self._ip_source(evaluation), self.env._("network address")),
            ("device", evaluation.device_id.id, self.env._("device")),
            ("phone", evaluation.evaluator_phone, self.env._("phone")),
        ]
        findings = []
        for name, value, label in sources:
            if not value:
                continue
            if name == "ip":
                members = self._same_ip_source(evaluation, window)
            else:
                field = "device_id" if name == "device" else "evaluator_phone"
                members = self._search([(field, "=", value), *window])
            if len(members) < params["bad_source_count"]:
                continue
            findings.append(
                self._finding(
                    "source_bad_day",
                    members,
                    self.env._(
                        "%(count)s bad reviews from one %(origin)s within 24 hours "
                        "(threshold %(threshold)s): %(ratings)s.",
                        count=len(members),
                        origin=label,
                        threshold=params["bad_source_count"],
                        ratings=self._names(members),
                    ),
                    key=f"{name}:{value}",
                )
            )
        return findings

    def _check_same_text(self, evaluation, params):
        """A text many staff members receive is ordinary; the same text gathered
        on one staff member (or window), or on a few only, is a paste."""
        key = evaluation.comment_key
        if not key or len(key) < params["same_text_min_length"]:
            return []
        scope = self._search(
            [
                ("comment_hash", "=", evaluation.comment_hash),
                *self._window(evaluation, timedelta(days=params["same_text_days"])),
            ]
        )
        groups = {}
        for rating in scope:
            target = rating.employee_id or rating.window_id
            groups.setdefault(target, self.env["gov.evaluation"])
            groups[target] |= rating
        findings = []
        for target, ratings in groups.items():
            cases = len(set(ratings.mapped(lambda e: e.case_id.id or -e.id)))
            concentrated = cases >= params["same_text_count"] and (
                len(ratings) >= params["same_text_share"] * len(scope)
                or len(groups) < params["same_text_targets"]
            )
            members = ratings if concentrated else ratings.browse()
            explanation = self.env._(
                "The same comment (after removing spaces and punctuation) was left "
                "%(count)s times on %(target)s out of %(total)s uses in %(days)s "
                "days: %(ratings)s.",
                count=len(ratings),
                target=target.display_name or "-",
                total=len(scope),
                days=params["same_text_days"],
                ratings=self._names(ratings),
            )
            findings.append(
                self._finding(
                    "same_text",
                    members,
                    explanation,
                    key=f"{key[:60]}:{target._name}:{target.id}",
                    scope=ratings,
                )
            )
        return findings

    def _check_phone_reuse(self, evaluation, params):
        phone = evaluation.evaluator_phone
        if not phone or not evaluation.case_id:
            return []
        members = self._search(
            [
                ("evaluator_phone", "=", phone),
                ("case_id", "!=", False),
                *self._window(evaluation, timedelta(days=params["reuse_days"])),
            ]
        )
        cases = members.case_id
        per_staff = Counter(
            staff.id for case in cases for staff in case.employee_ids
        ).most_common(1)
        same_staff = per_staff[0][1] if per_staff else 0
        if len(cases) < params["reuse_cases"] and same_staff < 2:
            return []
        return [
            self._finding(
                "phone_reuse",
                members,
                self.env._(
                    "One phone rated %(cases)s cases within %(days)s days, "
                    "%(same)s of them handled by one staff member, across "
                    "%(items)s service items: %(ratings)s.",
                    cases=len(cases),
                    days=params["reuse_days"],
                    same=same_staff,
                    items=len(cases.item_id),
                    ratings=self._names(members),
                ),
                key=phone,
            )
        ]

    # ------------------------------------------------------------ staff level
    def _check_coercion(self, evaluation, params):
        """On-site ratings of a staff member far better than their off-site ones,
        and one device giving most of their ratings."""
        staff = evaluation.employee_id
        if not staff:
            return []
        scope = self._search(
            [
                ("employee_id", "=", staff.id),
                *self._window(evaluation, timedelta(days=params["coercion_days"])),
            ]
        )
        onsite = scope.filtered(lambda e: e.channel in ONSITE_CHANNELS)
        offsite = scope.filtered(lambda e: e.channel in OFFSITE_CHANNELS)
        findings = []
        gap_members = self.env["gov.evaluation"]
        gap = 0.0
        if len(onsite) >= params["onsite_min"] and len(offsite) >= params["onsite_min"]:
            gap = sum(onsite.mapped("points")) / len(onsite) - sum(
                offsite.mapped("points")
            ) / len(offsite)
            if gap >= params["onsite_gap"]:
                gap_members = onsite.filtered("is_good")
        findings.append(
            self._finding(
                "onsite_gap",
                gap_members,
                self.env._(
                    "At the counter %(staff)s averages %(gap).1f points more than in "
                    "ratings given afterwards, away from the counter (%(onsite)s "
                    "on-site, %(offsite)s off-site ratings in %(days)s days).",
                    staff=staff.name,
                    gap=gap,
                    onsite=len(onsite),
                    offsite=len(offsite),
                    days=params["coercion_days"],
                ),
                key=str(staff.id),
                scope=scope,
            )
        )
        share_members = self.env["gov.evaluation"]
        devices = Counter(e.device_id.id for e in scope if e.device_id)
        top, top_count = (devices.most_common(1) or [(None, 0)])[0]
        if len(scope) >= params["device_share_min"] and top_count >= params[
            "device_share"
        ] * len(scope):
            share_members = scope.filtered(lambda e: e.device_id.id == top)
        findings.append(
            self._finding(
                "device_share",
                share_members,
                self.env._(
                    "%(count)s of the %(total)s ratings of %(staff)s in %(days)s days "
                    "come from one device.",
                    count=top_count,
                    total=len(scope),
                    staff=staff.name,
                    days=params["coercion_days"],
                ),
                key=f"{staff.id}:{top}",
                scope=scope,
            )
        )
        return findings

    def _check_bad_surge(self, evaluation, params):
        """A staff member's bad reviews jumping against their own baseline: the bad
        reviews without a case (that anyone with the code can give) are held."""
        staff = evaluation.employee_id
        if not evaluation.is_bad or not staff:
            return []
        recent_span = timedelta(days=params["surge_days"])
        recent = self._search(
            [("employee_id", "=", staff.id), *self._window(evaluation, recent_span)]
        )
        start = evaluation.date - recent_span
        base_domain = [
            ("employee_id", "=", staff.id),
            ("date", "<", start),
            ("date", ">=", start - timedelta(days=params["surge_baseline_days"])),
        ]
        Evaluation = self.env["gov.evaluation"].sudo()
        base_count = Evaluation.search_count(base_domain)
        base_bad = Evaluation.search_count([*base_domain, ("is_bad", "=", True)])
        rate = (base_bad + SURGE_PRIOR_RATE * SURGE_PRIOR_WEIGHT) / (
            base_count + SURGE_PRIOR_WEIGHT
        )
        expected = rate * len(recent)
        bad = recent.filtered("is_bad")
        if len(bad) < params["surge_min"] or len(bad) < params["surge_factor"] * max(
            expected, 1.0
        ):
            return []
        members = bad.filtered(lambda e: not e.case_id)
        if not members:
            return []
        return [
            self._finding(
                "bad_surge",
                members,
                self.env._(
                    "%(bad)s bad reviews of %(staff)s in %(days)s days where their "
                    "own baseline expects %(expected).1f; the bad reviews without a "
                    "case are held: %(ratings)s.",
                    bad=len(bad),
                    staff=staff.name,
                    days=params["surge_days"],
                    expected=expected,
                    ratings=self._names(members),
                ),
                key=str(staff.id),
            )
        ]
