import json
from datetime import timedelta

from odoo.tests import tagged

from .channels_common import FakeSmsGateway, GovHttpCase

# Drives a rating page in a same-origin frame filling the phone screen, so that one
# script follows the real form submission to the next page.
FLOW_JS = """
(async () => {
    const steps = %(steps)s;
    const frame = document.createElement("iframe");
    frame.style = "position:fixed;inset:0;width:100%%;height:100%%;border:0";
    document.body.appendChild(frame);
    const load = (url) => new Promise((resolve) => {
        frame.onload = () => resolve(frame.contentDocument);
        if (url) frame.src = url;
    });
    const fail = (message) => { throw new Error(message); };
    let doc = await load(steps.url);
    for (const step of steps.actions) {
        if (step.open) {
            doc = await load(step.open);
        } else if (step.level) {
            const input = doc.querySelector(`input[name=level][value="${step.level}"]`);
            input.closest("label").click();
            const names = [...doc.querySelectorAll(".tags label")]
                .filter((t) => !t.hidden).map((t) => t.textContent.trim());
            if (JSON.stringify(names) !== JSON.stringify(step.tags)) {
                fail(`tags shown for level ${step.level}: ${names}`);
            }
        } else if (step.tag) {
            [...doc.querySelectorAll(".tags label")]
                .find((t) => t.textContent.trim() === step.tag).click();
        } else if (step.comment) {
            doc.querySelector("textarea[name=comment]").value = step.comment;
        } else if (step.submit) {
            const next = load();
            doc.querySelector("button[type=submit]").click();
            doc = await next;
        } else if (step.expect) {
            const text = doc.body.innerText;
            if (!text.includes(step.expect)) fail(`"${step.expect}" not in: ${text}`);
            if (step.noform && doc.querySelector("form")) fail("a form is offered");
        }
    }
    if (frame.contentWindow.innerWidth > 390) fail("not a phone-sized page");
    console.log("test successful");
})().catch((error) => console.error(error.message));
"""


@tagged("post_install", "-at_install")
class TestBrowser(GovHttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def _flow(self, url, actions):
        steps = json.dumps({"url": url, "actions": actions})
        self.browser_js(url, FLOW_JS % {"steps": steps}, timeout=60)

    def _tags(self, tag_set, level):
        return [t.name for t in tag_set if level in t.level_ids.mapped("value")]

    def test_scan_to_rate(self):
        case = self._case("BR-QR", done_ago=timedelta(minutes=10))
        url = f"/gov/r/{self.seat.gov_qr_token}"
        self._flow(
            url,
            [
                {"level": "2", "tags": self._tags(self.counter_tags, "2")},
                {"level": "5", "tags": self._tags(self.counter_tags, "5")},
                {"tag": self.good_counter_tag.name},
                {"submit": True},
                {"expect": "Thank you for your rating!"},
            ],
        )
        evaluation = self._evaluations(seat_id=self.seat.id)
        self.assertEqual(evaluation.level, "5")
        self.assertEqual(evaluation.tag_ids, self.good_counter_tag)
        self.assertEqual(evaluation.channel, "qr")
        self.assertFalse(case.evaluation_ids, "the visit was rated, not the case")

    def test_rate_through_case_link_then_reuse_it(self):
        case = self._case("BR-LINK", done_ago=timedelta(minutes=10))
        url = f"/gov/l/{case.sudo().link_ids.token}"
        self._flow(
            url,
            [
                {"level": "1", "tags": self._tags(self.online_tags, "1")},
                {"tag": self.bad_online_tag.name},
                {"comment": "材料要求说明不清"},
                {"submit": True},
                {"expect": "Thank you for your rating!"},
                {"open": url},
                {"expect": "rated already: one rating per case", "noform": True},
            ],
        )
        evaluation = case.evaluation_ids
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(evaluation.level, "1")
        self.assertEqual(evaluation.comment, "材料要求说明不清")
        self.assertTrue(evaluation.is_bad)

    def test_rate_from_sms(self):
        self.env["ir.config_parameter"].set_param("gov_rating.sms_invitation", "True")
        with FakeSmsGateway() as gateway:
            self.env["gov.sms.provider"].create(
                {
                    "name": "短信网关",
                    "url": gateway.url,
                    "account": "acc",
                    "secret": "secret",
                    "template_code": "SMS_1",
                    "sender": "政务服务",
                }
            )
            case = self._case("BR-SMS", phone="13700001111")
            case.action_done()
            self.env["sms.sms"].search([("state", "=", "outgoing")]).send()
        [sms] = gateway.received
        self.assertEqual(sms["phone"], "13700001111")
        url = sms["params"]["url"].removeprefix(self.base_url())
        self._flow(
            url,
            [
                {"level": "4", "tags": self._tags(self.online_tags, "4")},
                {"submit": True},
                {"expect": "Thank you for your rating!"},
            ],
        )
        evaluation = case.evaluation_ids
        self.assertEqual(evaluation.level, "4")
        self.assertEqual(evaluation.channel, "sms")
