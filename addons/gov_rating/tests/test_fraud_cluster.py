from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GovRatingCase


@tagged("post_install", "-at_install")
class TestFraudCluster(GovRatingCase):
    """A supervisor opens a suspect cluster, sees all its ratings and decides for
    all of them at once, then changes the decision."""

    def test_supervisor_decides_a_burst_cluster_at_once(self):
        self.params.set_param("gov_rating.burst_count", 3)
        burst = self.env["gov.evaluation"]
        for _i in range(4):
            burst |= self.rate(5, ip_address="10.3.3.3")
        honest = self.rate(5, ip_address="10.3.3.4")
        Cluster = self.env["gov.fraud.cluster"].with_user(self.user_supervisor)
        cluster = Cluster.search([("state", "=", "open"), ("kind", "=", "burst_ip")])
        self.assertEqual(len(cluster), 1)
        self.assertEqual(cluster.evaluation_ids, burst)
        self.assertEqual(cluster.member_count, 4)
        self.assertIn(cluster.name, burst[0].sudo().signal_ids.explanation)
        self.assertNotIn(honest, cluster.evaluation_ids)

        action = cluster.action_open_review()
        wizard = (
            self.env["gov.evaluation.review.wizard"]
            .with_user(self.user_supervisor)
            .with_context(**action["context"])
            .create({"reason": "同一地址刷单"})
        )
        self.assertEqual(wizard.decision, "invalid")
        wizard.action_apply()
        self.assertEqual(set(burst.mapped("validity")), {"invalid"})
        self.assertEqual(set(burst.mapped("review_reason")), {"同一地址刷单"})
        self.assertEqual(burst.reviewer_id, self.user_supervisor)
        self.assertEqual(cluster.state, "invalid")
        self.assertEqual(cluster.reviewer_id, self.user_supervisor)
        self.assertEqual(honest.validity, "valid")
        # Excluded ratings leave the figures.
        self.staff.invalidate_recordset()
        self.assertEqual(self.staff.gov_rating_count, 1)

        # A reviewed rating keeps the supervisor's decision when evidence grows.
        self.rate(5, ip_address="10.3.3.3")
        self.assertEqual(set(burst.mapped("validity")), {"invalid"})

        action = cluster.action_open_review()
        self.assertEqual(action["context"]["default_decision"], "valid")
        self.env["gov.evaluation.review.wizard"].with_user(
            self.user_supervisor
        ).with_context(**action["context"]).create(
            {"reason": "复核：大厅统一网络"}
        ).action_apply()
        self.assertEqual(set(burst.mapped("validity")), {"valid"})
        self.assertEqual(cluster.state, "restored")

    def test_only_a_supervisor_reviews_a_cluster(self):
        self.params.set_param("gov_rating.burst_count", 2)
        self.rate(5, ip_address="10.4.4.4")
        self.rate(5, ip_address="10.4.4.4")
        cluster = self.env["gov.fraud.cluster"].search([("kind", "=", "burst_ip")])
        with self.assertRaises(AccessError):
            cluster.with_user(self.user_clerk).action_open_review()
