import json
from datetime import timedelta
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.gov_rating.tests.channels_common import GovHttpCase
from odoo.addons.gov_rating.tests.test_api_key import key_of

# Hostile values of the issue, mixed into random text: NUL bytes, Unicode digits,
# non-ASCII, huge numbers, markup.
HOSTILE = st.sampled_from(
    [
        "\x00",
        "1\x002",
        "²",
        "١٢٣",
        "１２",
        "é" * 20,
        "9" * 40,
        "-1",
        "0",
        "<script>",
        "' OR 1=1 --",
        "%00",
        "",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=30))
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)
    ),
    max_leaves=20,
)
FORM = st.dictionaries(
    st.sampled_from(
        [
            "level",
            "tag_ids",
            "comment",
            "name",
            "phone",
            "cert",
            "case",
            "proof",
            "round",
            "department_id",
            "subject",
            "description",
            "code",
            "score",
        ]
    ),
    TEXT,
    max_size=6,
)
EXAMPLES = 12
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# What a refused request must leave as it was.
COUNTED = (
    "gov.evaluation",
    "gov.case",
    "gov.complaint",
    "gov.rectify.order",
    "ir.attachment",
)


@tagged("post_install", "-at_install")
class TestPublicRoutesFuzz(GovHttpCase):
    """Every public route that takes input, fed random and hostile input
    (Hypothesis, bounded and derandomized): never a 5xx, and a refused request
    stores nothing. (/gov/health takes none: its 503 is an answer.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        for param, __, __ in cls.env["gov.rate.limit"]._limits().values():
            params.set_param(param, "0")
        cls.case = cls._case("FUZZ-1", done_ago=timedelta(minutes=5))
        cls.link = cls.case.sudo().link_ids[:1]
        device = cls.env["gov.device"].create(
            {
                "name": "评价器",
                "code": "FZ-1",
                "hall_id": cls.hall.id,
                "window_id": cls.window.id,
            }
        )
        cls.device_key = key_of(device.action_generate_api_key())
        platform = cls.env["gov.platform"].create({"name": "业务系统", "code": "FZ"})
        cls.platform_key = key_of(platform.action_generate_api_key())

    def _counts(self):
        self.env.invalidate_all()
        return {model: self.env[model].sudo().search_count([]) for model in COUNTED}

    def _check(self, url, **kwargs):
        before = self._counts()
        with mute_logger("odoo.http", "odoo.addons.website.models.ir_http"):
            response = self.url_open(url, allow_redirects=False, **kwargs)
        self.assertLess(response.status_code, 500, f"{url}: {response.text[:300]}")
        if response.status_code >= 400:
            self.assertEqual(self._counts(), before, f"{url} stored a refused request")
        return response

    def test_get_routes(self):
        paths = [
            "/gov/r/{}",
            "/gov/l/{}",
            "/gov/thanks/1/{}",
            "/gov/roster/{}",
            "/gov/roster/{}/photo",
            "/gov/results/verify/{}",
        ]
        pages = [
            "/gov/results",
            "/gov/results/comments",
            "/gov/results/items",
            "/gov/results/rankings",
            "/gov/results/rectifications",
            "/gov/roster",
            "/gov/complaint",
            "/gov/complaint/track",
        ]

        @FUZZ_SETTINGS
        @given(st.sampled_from(paths), TEXT)
        def path_token(path, token):
            self._check(path.format(quote(token, safe="")))

        @FUZZ_SETTINGS
        @given(
            st.sampled_from(pages),
            st.dictionaries(
                st.sampled_from(
                    ["region", "department", "page", "period", "unit", "code"]
                ),
                TEXT,
                max_size=3,
            ),
        )
        def query(page, params):
            self._check(f"{page}?{urlencode(params)}")

        path_token()
        query()

    def test_form_posts(self):
        csrf = self._csrf(f"/gov/r/{self.seat.gov_qr_token}")
        targets = [
            f"/gov/r/{self.seat.gov_qr_token}/submit",
            f"/gov/l/{self.link.token}/submit",
            "/gov/roster/1/rate",
            "/gov/complaint/submit",
            "/gov/complaint/track",
        ]

        @FUZZ_SETTINGS
        @given(st.sampled_from(targets), FORM)
        def post(url, form):
            self._check(url, data={"csrf_token": csrf, **form})

        post()

    def test_machine_apis(self):
        apis = [
            ("/gov/api/v1/cases", {"Authorization": f"Bearer {self.platform_key}"}),
            ("/gov/api/v1/device/show", {"Authorization": f"Bearer {self.device_key}"}),
            ("/gov/api/v1/device/rate", {"Authorization": f"Bearer {self.device_key}"}),
            ("/gov/sms/inbound", {"X-Gov-Token": "wrong"}),
            ("/gov/api/v1/cases", {"Authorization": "Bearer é" + "x" * 40}),
        ]

        @FUZZ_SETTINGS
        @given(st.sampled_from(apis), JSON_VALUE)
        def post(api, value):
            url, headers = api
            self._check(
                url,
                data=json.dumps(value).encode(),
                headers={"Content-Type": "application/json", **headers},
            )

        post()
        # Deep nesting, NUL in JSON strings and a body over the limit: refused.
        url, headers = apis[2]
        headers = {"Content-Type": "application/json", **headers}
        for body, status in (
            ("[" * 5000 + "]" * 5000, 400),
            ('{"level": "5\\u0000"}', 400),
            ('{"pad": "' + "x" * 200_000 + '"}', 413),
        ):
            response = self._check(url, data=body.encode(), headers=headers)
            self.assertEqual(response.status_code, status, body[:40])
