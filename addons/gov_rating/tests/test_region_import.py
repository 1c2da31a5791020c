from odoo.tests import TransactionCase, new_test_user

from ..wizards.gov_region_import_wizard import read_regions

GUIZHOU = "520000000000"
NINGXIA = "640000000000"
BEIJING = "110000000000"


class TestRegionImport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="region_manager", groups="gov_rating.group_gov_manager"
        )
        cls.Region = cls.env["gov.region"].with_context(active_test=False)

    def _load(self, province_code, depth="county"):
        wizard = (
            self.env["gov.region.import.wizard"]
            .with_user(self.manager)
            .create(
                {"scope": "province", "province_code": province_code, "depth": depth}
            )
        )
        action = wizard.action_import()
        self.assertEqual(action["params"]["type"], "success")
        return action["params"]["message"]

    def _province_regions(self, province_code):
        return self.Region.search([("code", "=like", province_code[:2] + "%")])

    def test_province_twice_same_count(self):
        expected = {
            r["code"] for r in read_regions(NINGXIA) if r["level"] != "township"
        }
        self.assertGreater(len(expected), 20)
        self._load(NINGXIA)
        regions = self._province_regions(NINGXIA)
        self.assertEqual(set(regions.mapped("code")), expected)
        self.assertEqual(len(regions), len(expected))
        message = self._load(NINGXIA)
        self.assertIn("0 regions created, 0 updated", message)
        self.assertEqual(self._province_regions(NINGXIA), regions)
        self.assertFalse(regions.filtered(lambda r: r.level == "township"))

    def test_parent_chain_and_codes(self):
        self._load(GUIZHOU)
        county = self.Region.search([("code", "=", "520102000000")])
        self.assertEqual(county.name, "南明区")
        self.assertEqual(county.level, "county")
        self.assertEqual(county.parent_id.code, "520100000000")
        self.assertEqual(county.parent_id.name, "贵阳市")
        self.assertEqual(county.parent_id.level, "city")
        province = county.parent_id.parent_id
        self.assertEqual((province.code, province.name), (GUIZHOU, "贵州省"))
        self.assertFalse(province.parent_id)
        self.assertEqual(
            county.parent_path,
            f"{province.id}/{county.parent_id.id}/{county.id}/",
        )
        province_regions = self._province_regions(GUIZHOU)
        self.assertEqual(
            self.Region.search([("id", "child_of", province.id)]), province_regions
        )
        for region in province_regions:
            self.assertRegex(region.code, r"^52[0-9]{10}$")

    def test_townships_and_corrections(self):
        self._load(BEIJING, depth="township")
        township = self.Region.search([("code", "=", "110101001000")])
        self.assertEqual(township.name, "东华门街道")
        self.assertEqual(township.level, "township")
        # Beijing's districts sit directly under the municipality.
        self.assertEqual(township.parent_id.code, "110101000000")
        self.assertEqual(township.parent_id.parent_id.code, BEIJING)
        count = len(self._province_regions(BEIJING))
        self.assertGreater(count, 300)
        # A region renamed or moved by hand is put right, none is duplicated.
        district = township.parent_id
        district.write({"name": "错误名称", "parent_id": False})
        message = self._load(BEIJING, depth="township")
        self.assertIn("0 regions created, 1 updated", message)
        self.assertEqual(district.name, "东城区")
        self.assertEqual(district.parent_id.code, BEIJING)
        self.assertTrue(township.parent_path.startswith(district.parent_path))
        self.assertEqual(len(self._province_regions(BEIJING)), count)

    def test_province_is_required(self):
        before = self.Region.search_count([])
        wizard = (
            self.env["gov.region.import.wizard"]
            .with_user(self.manager)
            .create({"scope": "province"})
        )
        action = wizard.action_import()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(self.Region.search_count([]), before)
