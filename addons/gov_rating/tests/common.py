import base64
import importlib
import io

import zxingcpp
from odoo_test_helper import FakeModelLoader
from PIL import Image

from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# Valid identities (check digits computed with python-stdnum).
ID_PERSON = "11010519491231002X"
ID_OTHER = "110101199003074477"
CREDIT_CODE = "91110108551385082Q"


def scanned_qr(image):
    """The texts a phone reads from a base64 PNG ``image``."""
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(image))))
    return [result.text for result in decoded]


def give_ratings(env, vals_list, fraud_checks=True):
    """Ratings as their channels give them: each through the gateway, with the
    channel (default: QR code), date, IP address and device its values name."""
    Evaluation = env["gov.evaluation"]
    ratings = Evaluation
    for vals in vals_list:
        vals = dict(vals)
        device = env["gov.device"].browse(vals.pop("device_id", False))
        ratings |= Evaluation._gateway_create(
            vals.pop("channel", "qr"),
            [vals],
            date=vals.pop("date", None),
            ip_address=vals.pop("ip_address", None),
            device=device or None,
            fraud_checks=fraud_checks,
        )
    return ratings


class GovWorld:
    """The world every test of the gov addons stands in: a county with two
    departments, a hall, two windows, three staff, two service items and one user
    per role. Mail is off unless the class tests it (``mail_under_test``)."""

    mail_under_test = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.mail_under_test:
            cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls._setup_world()

    @classmethod
    def _setup_world(cls):
        env = cls.env
        cls.params = env["ir.config_parameter"].sudo()
        cls.params.set_param("gov_rating.initial_score", 10)
        cls.params.set_param("gov_rating.prior_weight", 5)
        Region = env["gov.region"]
        cls.province = Region.create(
            {"name": "测试省", "code": "990000", "level": "province"}
        )
        cls.city = Region.create(
            {
                "name": "测试市",
                "code": "990100",
                "level": "city",
                "parent_id": cls.province.id,
            }
        )
        cls.county = Region.create(
            {
                "name": "测试县",
                "code": "990101",
                "level": "county",
                "parent_id": cls.city.id,
            }
        )
        Department = env["hr.department"]
        # Units that serve the public (listed on the public pages); not the section.
        cls.dept = Department.create(
            {
                "name": "测试市场监管局",
                "gov_region_id": cls.city.id,
                "gov_public_service": True,
            }
        )
        cls.subdept = Department.create(
            {"name": "登记科", "parent_id": cls.dept.id, "gov_region_id": cls.city.id}
        )
        cls.other_dept = Department.create(
            {
                "name": "测试公安局",
                "gov_region_id": cls.city.id,
                "gov_public_service": True,
            }
        )
        cls.hall = env["gov.hall"].create(
            {"name": "测试县政务服务中心", "region_id": cls.county.id}
        )
        cls.window = cls._window("市场监管窗口", "01", cls.hall, cls.subdept)
        cls.window2 = cls._window("户籍窗口", "02", cls.hall, cls.other_dept)
        cls.user_clerk = cls._user("t_clerk", "gov_rating.group_gov_clerk")
        cls.user_clerk2 = cls._user("t_clerk2", "gov_rating.group_gov_clerk")
        cls.user_handler = cls._user("t_handler", "gov_rating.group_gov_handler")
        cls.user_supervisor = cls._user(
            "t_supervisor", "gov_rating.group_gov_supervisor"
        )
        cls.user_manager = cls._user("t_gov_manager", "gov_rating.group_gov_manager")
        cls.user_identity = cls._user(
            "t_identity",
            "gov_rating.group_gov_supervisor,gov_rating.group_gov_identity",
        )
        Employee = env["hr.employee"]
        cls.staff = Employee.create(
            {
                "name": "张三",
                "department_id": cls.subdept.id,
                "gov_window_id": cls.window.id,
                "user_id": cls.user_clerk.id,
                "mobile_phone": "13900000001",
            }
        )
        cls.staff2 = Employee.create(
            {
                "name": "李四",
                "department_id": cls.subdept.id,
                "gov_window_id": cls.window.id,
                "user_id": cls.user_clerk2.id,
            }
        )
        cls.staff3 = Employee.create(
            {
                "name": "王五",
                "department_id": cls.other_dept.id,
                "gov_window_id": cls.window2.id,
            }
        )
        Employee.create(
            {
                "name": "经办人",
                "department_id": cls.dept.id,
                "user_id": cls.user_handler.id,
            }
        )
        cls.item = env["gov.service.item"].create(
            {
                "name": "营业执照设立登记",
                "code": "TEST0001",
                "department_id": cls.subdept.id,
            }
        )
        cls.item2 = env["gov.service.item"].create(
            {"name": "户籍迁移", "code": "TEST0002", "department_id": cls.other_dept.id}
        )
        cls.case_seq = 0

    @classmethod
    def _load_fake_models(cls, module, *class_names, access=None):
        """Test-only models of ``module`` (relative to this test's package) in the
        registry for this class, each read (and written by the group ``access`` names
        with "rw") by the groups ``access`` maps to "r" or "rw"."""
        loader = FakeModelLoader(cls.env, cls.__module__)
        loader.backup_registry()
        known = set(cls.env.registry)
        testers = importlib.import_module(module, cls.__module__.rpartition(".")[0])
        classes = [getattr(testers, name) for name in class_names]
        loader.update_registry(classes)
        cls.addClassCleanup(loader.restore_registry)
        new_models = [c._name for c in classes if c._name not in known]
        for model_name in new_models:
            for group, perms in (access or {}).items():
                cls.env["ir.model.access"].create(
                    {
                        "name": f"{model_name} {group}",
                        "model_id": cls.env["ir.model"]._get_id(model_name),
                        "group_id": cls.env.ref(group).id,
                        "perm_read": True,
                        "perm_write": perms == "rw",
                        "perm_create": perms == "rw",
                    }
                )
        return [cls.env[name] for name in new_models]

    @classmethod
    def _window(cls, name, code, hall, department):
        return cls.env["gov.window"].create(
            {
                "name": name,
                "code": code,
                "hall_id": hall.id,
                "department_id": department.id,
            }
        )

    @classmethod
    def _user(cls, login, groups, department=None, **vals):
        """A user of ``groups`` (comma-separated xml ids) whose password is their
        login; with a ``department``, also an employee of it."""
        vals.setdefault("name", login)
        vals.setdefault("email", f"{login}@example.com")
        user = new_test_user(cls.env, login, groups=groups, **vals)
        if department:
            cls.env["hr.employee"].create(
                {"name": login, "user_id": user.id, "department_id": department.id}
            )
        return user

    @classmethod
    def make_case(cls, staff=None, window=None, item=None, **vals):
        cls.case_seq += 1
        window = window or cls.window
        item = item or (cls.item2 if window == cls.window2 else cls.item)
        return cls.env["gov.case"].create(
            {
                "name": f"TESTCASE{cls.case_seq:05d}",
                "item_id": item.id,
                "hall_id": window.hall_id.id,
                "window_id": window.id,
                "employee_ids": [(6, 0, (staff or cls.staff).ids)],
                "state": "done",
                **vals,
            }
        )

    @classmethod
    def rate(cls, level, case=None, staff=None, **vals):
        """A rating of a new case handled by ``staff`` (default: 张三)."""
        staff = staff or cls.staff
        case = case or cls.make_case(staff=staff, window=staff.gov_window_id)
        return give_ratings(
            cls.env,
            [
                {
                    "case_id": case.id,
                    "employee_id": staff.id,
                    "level": str(level),
                    **vals,
                }
            ],
        )


class GovRatingCase(GovWorld, TransactionCase):
    """The world, one transaction per test."""


class GovRatingHttpCase(GovWorld, HttpCase):
    """The world behind the public routes: the server shares our cursor but not
    our cache."""

    def url_open(self, *args, **kwargs):
        self.env.flush_all()
        response = super().url_open(*args, **kwargs)
        self.env.invalidate_all()
        return response


def centre_calendar(env, holiday):
    """The company works Monday to Friday on Beijing time; the local ``holiday``
    (a date) is a public holiday, its global time off."""
    calendar = env["resource.calendar"].create(
        {"name": "政务服务中心工作时间", "tz": "Asia/Shanghai"}
    )
    env.company.resource_calendar_id = calendar
    start = env.company._gov_day_start(holiday)
    env["resource.calendar.leaves"].create(
        {
            "name": "法定节假日",
            "calendar_id": calendar.id,
            "date_from": start,
            "date_to": env.company._gov_day_end(holiday),
        }
    )
    return calendar
