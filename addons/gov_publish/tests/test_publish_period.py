from datetime import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import GovPublishCase


@tagged("post_install", "-at_install")
class TestPublishPeriod(GovPublishCase, TransactionCase):
    def test_ranking_orders_objects_by_their_ratings(self):
        period = self._published_period()
        dept_good = self._line(period, self.dept_good).filtered(
            lambda li: li.kind == "department"
        )
        dept_bad = self._line(period, self.dept_bad).filtered(
            lambda li: li.kind == "department"
        )
        departments = period.line_ids.filtered(lambda li: li.kind == "department")
        self.assertEqual(dept_good.rank, 1, "only very satisfied ratings: first")
        self.assertEqual(dept_bad.rank, len(departments), "bad reviews: last")
        self.assertEqual(dept_good.rating_count, 5)
        self.assertEqual(dept_good.good_rate, 100.0)
        # Five ratings, one judged invalid: four count, two of them bad.
        self.assertEqual(dept_bad.rating_count, 4)
        self.assertEqual(dept_bad.bad_rate, 50.0)
        staff = period.line_ids.filtered(lambda li: li.kind == "staff")
        self.assertLess(
            self._line(period, self.staff_good)
            .filtered(lambda li: li.kind == "staff")
            .rank,
            self._line(period, self.staff_bad)
            .filtered(lambda li: li.kind == "staff")
            .rank,
        )
        self.assertTrue(staff)
        window = self._line(period, self.window_bad).filtered(
            lambda li: li.kind == "window"
        )
        self.assertEqual(window.region_id, self.county_b, "filterable by region")
        self.assertEqual(window.department_id, self.dept_bad)

    def test_author_cannot_approve(self):
        period = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .create({"date_range_id": self.march.id})
        )
        period.action_generate()
        period.request_validation()
        with self.assertRaisesRegex(UserError, "another supervisor"):
            period.validate_tier()
        with self.assertRaisesRegex(UserError, "once approved"):
            period.action_publish()
        self.assertEqual(period.state, "draft")
        period.with_user(self.supervisor_2).validate_tier()
        self.assertEqual(period.validation_status, "validated")
        period.with_user(self.supervisor_2).action_publish()
        self.assertEqual(period.state, "published")

    def test_published_period_never_changes_and_its_digest_verifies(self):
        period = self._published_period()
        before = period._canonical_json()
        digest = period.digest
        self.assertEqual(len(digest), 64)
        self.assertTrue(period._gov_verify()["ok"])
        # New ratings of the period arrive after publication.
        self._rate("1", 20)
        self._rate("1", 21)
        period.invalidate_recordset()
        self.assertEqual(period._canonical_json(), before)
        self.assertEqual(period.digest, digest)
        self.assertTrue(period._gov_verify()["ok"])
        # A new draft of the same month sees them; the published one does not.
        draft = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .create({"date_range_id": self.march.id})
        )
        draft.action_generate()
        self.assertEqual(
            self._line(draft, self.staff_good)
            .filtered(lambda li: li.kind == "staff")
            .rating_count,
            7,
        )
        self.assertEqual(
            self._line(period, self.staff_good)
            .filtered(lambda li: li.kind == "staff")
            .rating_count,
            5,
        )
        # Nobody edits or deletes it through the ORM.
        line = period.line_ids[:1]
        with self.assertRaises(UserError):
            line.write({"rank": 99})
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            period.write({"date_range_id": self.april.id})
        with self.assertRaises(UserError):
            period.unlink()
        with self.assertRaises(UserError):
            self.env["gov.publish.line"].create(
                {
                    "period_id": period.id,
                    "kind": "staff",
                    "res_id": 1,
                    "name": "x",
                    "rank": 1,
                }
            )

    def test_altered_ranking_fails_verification(self):
        period = self._published_period()
        line = self._line(period, self.dept_bad).filtered(
            lambda li: li.kind == "department"
        )
        self.env.cr.execute(
            "UPDATE gov_publish_line SET rank = 1, bad_rate = 0 WHERE id = %s",
            [line.id],
        )
        self.env.invalidate_all()
        result = period._gov_verify()
        self.assertFalse(result["ok"])
        self.assertNotEqual(result["recomputed"], result["digest"])

    def test_digests_chain_publications(self):
        march = self._published_period()
        self._rate("4", 1, date=datetime(2024, 4, 3, 9, 0))
        april = self._published_period(self.april)
        self.assertEqual(april.previous_id, march)
        self.assertEqual(april.previous_digest, march.digest)
        self.assertTrue(april._gov_verify()["ok"])
        self.assertNotEqual(april.digest, march.digest)

    def test_overlapping_publication_refused(self):
        self._published_period()
        again = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .create({"date_range_id": self.march.id})
        )
        again.action_generate()
        again.request_validation()
        again.with_user(self.supervisor_2).validate_tier()
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            again.with_user(self.supervisor_2).action_publish()
        self.assertEqual(again.state, "draft")
        # Items only: March ranked items too, so it still overlaps.
        items = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .create(
                {
                    "date_range_id": self.march.id,
                    "rank_region": False,
                    "rank_department": False,
                    "rank_hall": False,
                    "rank_window": False,
                    "rank_staff": False,
                }
            )
        )
        self.assertEqual(items._kinds(), ["item"])
        items.action_generate()
        self.assertEqual(set(items.line_ids.mapped("kind")), {"item"})
        items.request_validation()
        items.with_user(self.supervisor_2).validate_tier()
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            items.with_user(self.supervisor_2).action_publish()
