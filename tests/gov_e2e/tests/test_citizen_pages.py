import re

from lxml import html as lxml_html

from odoo.tests import tagged

from .test_citizen_phone import CitizenCase

# Words a Chinese page may show in Latin letters: the language switcher.
LATIN_ALLOWED = {"English"}
PLACEHOLDERS = (
    "My Website",
    "YourLogo",
    "YourCompany",
    "555-555",
    "We are a team of passionate people",
    "充满激情的团队",
    "info@yourcompany",
    "Powered by",
)


def visible_text(page):
    """The text a visitor reads: no scripts, styles, e-mail addresses, codes."""
    doc = lxml_html.fromstring(page)
    for node in doc.xpath("//script|//style|//noscript"):
        node.drop_tree()
    text = re.sub(r"\S+@\S+", " ", doc.text_content())
    return re.sub(r"\s+", " ", text)


def latin_words(text):
    """Words of three Latin letters or more that are not part of a code."""
    words = set(re.findall(r"(?<![\w-])[A-Za-z][A-Za-z-]{2,}(?![\w-])", text))
    return words - LATIN_ALLOWED


@tagged("post_install", "-at_install")
class TestCitizenPages(CitizenCase):
    """What a citizen checks on the public pages: the centre's name and contacts,
    no placeholder, Chinese on a Chinese phone, English when the browser asks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.website.name = "测试县政务服务中心"
        cls.env.company.write(
            {
                "name": "测试县政务服务中心",
                "street": "政务路1号",
                "phone": "0851-87654321",
                "email": "zwfw@example.com",
            }
        )
        case = cls._case()
        cls.link = case.sudo().link_ids
        cls.link._submit({"level": "1", "comment": "材料被退回三次"}, "10.0.0.5")

    def _pages(self):
        return [
            f"/gov/r/{self.window.gov_qr_token}",
            f"/gov/l/{self.link.token}",
            "/gov/results/rankings",
            "/gov/results/items",
            "/gov/results/comments",
            "/gov/results/rectifications",
            "/gov/complaint",
            "/gov/complaint/track",
            "/gov/roster",
        ]

    def test_the_pages_carry_the_centre_and_no_placeholder(self):
        for url in self._pages():
            page = self.url_open(url).text
            for placeholder in PLACEHOLDERS:
                self.assertNotIn(placeholder, page, url)
            title = re.search(r"<title>([^<]*)</title>", page).group(1)
            self.assertTrue(title.endswith("| 测试县政务服务中心"), (url, title))
            self.assertIn('property="og:site_name" content="测试县政务服务中心"', page)
            self.assertIn('property="og:image"', page, url)
            if not url.startswith(("/gov/r/", "/gov/l/")):
                footer = page[page.index('id="footer"') :]
                self.assertIn("0851-87654321", footer, url)
                self.assertIn("政务路1号", footer, url)
                self.assertIn("Copyright &copy; 测试县政务服务中心", footer, url)

    def test_chinese_on_a_chinese_phone_english_when_asked(self):
        zh = self.env["res.lang"]._activate_lang("zh_CN")
        self.website.write({"language_ids": [(4, zh.id)], "default_lang_id": zh.id})
        self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    [
                        "web",
                        "portal",
                        "website",
                        "gov_rating",
                        "gov_rectify",
                        "gov_supervision",
                        "gov_publish",
                    ],
                )
            ]
        )._update_translations("zh_CN", overwrite=True)
        for url in self._pages():
            response = self.url_open(url, headers={"Accept-Language": "zh-CN,zh"})
            self.assertEqual(response.status_code, 200, url)
            self.assertIn('lang="zh-CN"', response.text, url)
            text = visible_text(response.text)
            self.assertFalse(latin_words(text), f"English on the Chinese page {url}")
        self.opener.cookies.set("frontend_lang", None)
        for url in self._pages():
            response = self.url_open(
                url.replace("/gov/", "/en/gov/", 1),
                headers={"Accept-Language": "en-US,en"},
            )
            self.assertEqual(response.status_code, 200, url)
            self.assertIn('lang="en-US"', response.text, url)
            self.assertNotIn("网上投诉", visible_text(response.text), url)
            self.assertIn("Online Complaint", response.text, url)
