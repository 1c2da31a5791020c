"""Run in ``odoo shell`` on the database under test: the world one production check
needs (a seat with its staff, completed cases, a hall rating device), as the
back office would have set it up. Prints one line ``FIXTURES {json}``."""

# ruff: noqa: F821 (``env`` is the shell's)
import json
import random
from datetime import timedelta

from odoo import fields

code = f"5201{random.randrange(10**8):08d}"
region = env["gov.region"].create({"name": "演练区", "code": code, "level": "county"})
department = env["hr.department"].create({"name": "演练局", "gov_region_id": region.id})
hall = env["gov.hall"].create({"name": "演练区政务服务中心", "region_id": region.id})
window = env["gov.window"].create(
    {
        "name": "演练窗口",
        "code": "01",
        "hall_id": hall.id,
        "department_id": department.id,
    }
)
staff = env["hr.employee"].create({"name": "赵演练", "gov_window_id": window.id})
seat = env["gov.seat"].create(
    {"name": "01-1", "code": "1", "window_id": window.id, "employee_id": staff.id}
)
item = env["gov.service.item"].create(
    {"name": "演练事项", "code": f"1152{code}", "department_id": department.id}
)


def case(number):
    record = env["gov.case"].create(
        {
            "name": f"{number}-{code}",
            "item_id": item.id,
            "hall_id": hall.id,
            "window_id": window.id,
            "seat_id": seat.id,
            "employee_ids": [(6, 0, staff.ids)],
            "applicant_name": "张演练",
        }
    )
    record.write(
        {"state": "done", "date_done": fields.Datetime.now() - timedelta(minutes=2)}
    )
    return record


cases = {name: case(name) for name in ("LINK", "KILL", "REPLICA", "COUNTER", "DEVICE")}
device = env["gov.device"].create(
    {
        "name": "演练评价器",
        "code": f"PJQ-{code}",
        "hall_id": hall.id,
        "window_id": window.id,
        # One rating per burst: the device takes one every 10 minutes.
        "response_interval": 600,
    }
)
key = device.action_generate_api_key()["params"]["message"].rsplit(" ", 1)[1]
env.cr.commit()
fixtures = {
    "cases": {name: record.id for name, record in cases.items()},
    "links": {name: cases[name].link_ids.token for name in ("LINK", "KILL", "REPLICA")},
    "seat_token": seat.gov_qr_token,
    "device_key": key,
    "device_case": cases["DEVICE"].name,
    "counter_case": cases["COUNTER"].name,
    "counter_proof": cases["COUNTER"].rating_code,
}
print("FIXTURES " + json.dumps(fixtures))  # noqa: T201
