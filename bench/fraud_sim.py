"""A labelled simulation of honest and fraudulent rating traffic through the
product's public routes (case API, counter codes, case links, rating devices, a
logged-in staff session), with a hidden true quality per staff member.

It prints, per attack kind and overall, the recall (attack ratings flagged: suspect
or invalid), the false-flag rate (honest ratings flagged) and Kendall's tau between
the staff ranking the product publishes and the ranking from honest ratings alone.

The routes are driven in-process through the WSGI application (``odoo.http.root``)
with a werkzeug test client, one client (cookie jar) and one address per citizen in
proxy mode (X-Forwarded-For); the clock is simulated with freezegun so that a month
of traffic runs in minutes. ``run(app, read_env)`` is called by
``bench/run-fraud`` on its own database and by a smoke test in ``tests/gov_e2e``.
"""

import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from freezegun import freeze_time
from freezegun.api import real_monotonic
from stdnum.cn import ric
from werkzeug.test import Client

from odoo.addons.gov_rating.models.gov_api_key_mixin import PREFIX_SIZE, key_digest

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
THANKS_RE = re.compile(r"/gov/thanks/(\d+)/")
GOOD_TEXTS = ["服务态度很好", "办事效率高", "很满意，谢谢", "服务热情周到", "非常好"]
BAD_TEXTS = ["等待时间太长", "材料要求说不清楚", "跑了好几趟"]
PASTE = "窗口工作人员业务熟练，耐心细致，一次性告知，为民服务点赞！"
ATTACK_KINDS = [
    "device_burst",
    "self_phone",
    "self_id",
    "self_login",
    "coerced",
    "bought",
    "flood",
    "paste",
    "slow_flood",
    "slow_paste",
    "slow_pool",
]
PASSWORD = "sim-password-2026"
# Why an honest applicant gets no rating that is no refusal of the product: the
# case had its one rating already, from an attacker who rated it first.
PREEMPTED = "case rated first by an attacker"


class Web:
    """HTTP through the WSGI application: one instance per citizen."""

    def __init__(self, app, address):
        self.client = Client(app)
        self.headers = {
            "X-Forwarded-For": address,
            "X-Forwarded-Host": "sim.example.cn",
            "X-Forwarded-Proto": "http",
        }

    def get(self, path, headers=None):
        response = self.client.get(path, headers={**self.headers, **(headers or {})})
        return response.status_code, response.get_data(as_text=True), response

    def post(self, path, data=None, payload=None, headers=None):
        headers = {**self.headers, **(headers or {})}
        if payload is not None:
            response = self.client.post(
                path,
                data=json.dumps(payload),
                headers={**headers, "Content-Type": "application/json"},
            )
        else:
            response = self.client.post(path, data=data, headers=headers)
        return response.status_code, response.get_data(as_text=True), response

    def form(self, page, submit, fields):
        """GET a rating page, POST its form; the id of the rating or None."""
        status, html, _r = self.get(page)
        match = CSRF_RE.search(html)
        if status != 200 or not match:
            return None, status
        status, _body, response = self.post(
            submit, data={"csrf_token": match.group(1), **fields}
        )
        found = THANKS_RE.search(response.headers.get("Location", ""))
        return (int(found.group(1)) if found else None), status


class Simulation:
    def __init__(self, seed=1, staff=24, days=28, cases_per_day=3, scale=1.0):
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_staff = staff
        self.days = days
        self.cases_per_day = cases_per_day
        self.scale = scale
        # A Monday, 09:00 Beijing time; each seed its own weeks, so that several
        # runs on one database rank separate periods.
        self.start = datetime(2025, 1, 6, 1, 0) + timedelta(weeks=6 * (seed % 50))
        self.events = []
        self.labels = {}  # rating id -> attack kind or "honest"
        # Honest submissions answered without a rating, by reason.
        self.honest_refusals = Counter()
        self.attack_refused = 0
        self.tag = f"{seed:03d}{self.rng.randrange(10**5):05d}"

    # ----------------------------------------------------------------- world
    def _id_number(self):
        body = f"110105{1960 + self.rng.randrange(40)}0{1 + self.rng.randrange(9)}1"
        body += f"{self.rng.randrange(10)}{self.rng.randrange(1000):03d}"
        body = body[:17]
        return next(body + c for c in "0123456789X" if ric.is_valid(body + c))

    def _phone(self):
        return f"13{self.rng.randrange(10**9):09d}"

    def _address(self):
        if self.rng.random() < 0.2:
            groups = [f"{self.rng.randrange(1, 65535):x}" for _i in range(4)]
            return f"240e:{groups[0]}:{groups[1]}:{groups[2]}::{groups[3]}"
        parts = [
            self.rng.randrange(11, 220),
            self.rng.randrange(256),
            self.rng.randrange(256),
            self.rng.randrange(1, 255),
        ]
        return ".".join(str(p) for p in parts)

    def setup(self, env):
        """The province: one hall, a window, seat and device per staff member."""
        env = env(su=True)
        tag = self.tag
        region = env["gov.region"].create(
            {"name": f"模拟县{tag}", "code": f"52{tag}00"[:12].ljust(12, "0")}
        )
        department = env["hr.department"].create(
            {"name": f"模拟局{tag}", "gov_region_id": region.id}
        )
        hall = env["gov.hall"].create(
            {"name": f"模拟大厅{tag}", "region_id": region.id}
        )
        self.platform_key = hashlib.sha256(f"platform{tag}".encode()).hexdigest()
        env["gov.platform"].create(
            {
                "name": "模拟业务系统",
                "code": f"SIM{tag}",
                "api_key_prefix": key_digest(self.platform_key)[:PREFIX_SIZE],
                "api_key_hash": key_digest(self.platform_key),
            }
        )
        self.items = []
        for i, item_type in enumerate(("01", "07", "20", "05")):
            env["gov.service.item"].create(
                {
                    "name": f"模拟事项{i}",
                    "code": f"SIM{tag}I{i}",
                    "item_type": item_type,
                    "department_id": department.id,
                }
            )
            self.items.append(f"SIM{tag}I{i}")
        group = env.ref("gov_rating.group_gov_clerk")
        self.staff = []
        for i in range(self.n_staff):
            window = env["gov.window"].create(
                {
                    "name": f"窗口{i}",
                    "code": f"W{tag}{i:02d}",
                    "hall_id": hall.id,
                    "department_id": department.id,
                }
            )
            login = f"sim{tag}s{i}"
            user = env["res.users"].create(
                {
                    "name": f"工作人员{i}",
                    "login": login,
                    "groups_id": [(6, 0, [group.id, env.ref("base.group_user").id])],
                }
            )
            employee = env["hr.employee"].create(
                {
                    "name": f"工作人员{i}",
                    "gov_staff_code": f"S{tag}{i:02d}",
                    "gov_window_id": window.id,
                    "department_id": department.id,
                    "mobile_phone": self._phone(),
                    "identification_id": self._id_number(),
                    "user_id": user.id,
                }
            )
            seat = env["gov.seat"].create(
                {
                    "name": "1",
                    "code": f"{tag}{i}",
                    "window_id": window.id,
                    "employee_id": employee.id,
                }
            )
            key = hashlib.sha256(f"device{tag}{i}".encode()).hexdigest()
            env["gov.device"].create(
                {
                    "name": f"评价器{i}",
                    "code": f"D{tag}{i:02d}",
                    "hall_id": hall.id,
                    "window_id": window.id,
                    "response_interval": 5,
                    "api_key_prefix": key_digest(key)[:PREFIX_SIZE],
                    "api_key_hash": key_digest(key),
                }
            )
            quality = min(0.995, max(0.75, self.rng.gauss(0.95, 0.04)))
            self.staff.append(
                {
                    "employee": employee.id,
                    "code": f"S{tag}{i:02d}",
                    "window": f"W{tag}{i:02d}",
                    "window_token": window.gov_qr_token,
                    "seat_token": seat.gov_qr_token,
                    "device_key": key,
                    "login": login,
                    "user": user.id,
                    "phone": employee.mobile_phone,
                    "cert": employee.identification_id,
                    "quality": quality,
                }
            )
        self.hall = hall.id
        order = sorted(range(self.n_staff), key=lambda i: self.staff[i]["quality"])
        self.roles = {
            "coerced": order[0],
            "bought": order[1],
            "paste": order[2],
            "slow_paste": order[3 % self.n_staff],
            "slow_pool": order[4 % self.n_staff],
            "flood": order[-1],
            "slow_flood": order[-2],
            "self": order[len(order) // 2],
            "device_burst": order[-3 % self.n_staff],
        }
        # Only the staff member who rates logged in has a password (hashing one
        # takes a second).
        self_user = env["res.users"].browse(self.staff[self.roles["self"]]["user"])
        self_user.password = PASSWORD

    # ---------------------------------------------------------------- traffic
    def _level(self, quality):
        if self.rng.random() < quality:
            return "5" if self.rng.random() < 0.7 else "4"
        return self.rng.choice(["3", "3", "2", "1"])

    def _comment(self, level):
        if self.rng.random() > 0.35:
            return ""
        return self.rng.choice(GOOD_TEXTS if level in "45" else BAD_TEXTS)

    def _at(self, when, action, *args):
        self.events.append((when, len(self.events), action, args))

    def plan(self):
        """Cases and honest ratings; the attacks take some cases and add ratings."""
        self.cases = defaultdict(list)
        self.attacked = set()
        # Cases an attacker rated without a phone or ID: the rating took the
        # applicant's place (one rating per case), the applicant cannot rate.
        self.preempted = set()
        self._plan_cases()
        self._plan_counter_attacks()
        self._plan_phone_attacks()
        self._plan_text_attacks()
        self._plan_floods()
        self._plan_honest()

    def _plan_cases(self):
        number = 0
        for day in range(self.days):
            if (self.start + timedelta(days=day)).weekday() >= 5:
                continue
            for i in range(self.n_staff):
                # One case at a time: completions at least 10 minutes apart.
                slots = sorted(self.rng.sample(range(0, 460, 10), self.cases_per_day))
                for slot in slots:
                    number += 1
                    done = self.start + timedelta(
                        days=day, minutes=slot, seconds=self.rng.randrange(0, 300)
                    )
                    case = {
                        "number": f"SIM{self.tag}-{number:06d}",
                        "staff": i,
                        "done": done,
                        "phone": self._phone(),
                        "item": self.rng.choice(self.items),
                    }
                    self.cases[i].append(case)
                    self._at(done, "push_case", case)

    def _take(self, role, count, since=0.0, preempt=False):
        """``count`` cases of the staff member playing ``role`` not attacked yet,
        completed after the fraction ``since`` of the period."""
        after = self.start + timedelta(days=self.days * since)
        pool = [
            c
            for c in self.cases[self.roles[role]]
            if c["number"] not in self.attacked and c["done"] >= after
        ]
        chosen = self.rng.sample(pool, min(count, len(pool)))
        self.attacked.update(c["number"] for c in chosen)
        if preempt:
            self.preempted.update(c["number"] for c in chosen)
        return sorted(chosen, key=lambda c: c["done"])

    def _plan_counter_attacks(self):
        rng = self.rng
        # Coerced: the poor staff member taps 5 on the device after most cases.
        staff_cases = self.cases[self.roles["coerced"]]
        count = len([c for c in staff_cases if rng.random() < 0.7])
        for case in self._take("coerced", count, preempt=True):
            self._at(case["done"], "device_show", case)
            delay = timedelta(seconds=rng.randrange(2, 6))
            self._at(case["done"] + delay, "device_rate", case, "5", "coerced")
        # Device burst: 40 ratings seconds apart on one device, no case, after
        # hours (20:00).
        burst_at = self.start + timedelta(days=self.days // 2, hours=11)
        for k in range(max(8, int(40 * self.scale))):
            self._at(
                burst_at + timedelta(seconds=7 * k),
                "device_visit",
                self.roles["device_burst"],
                "5",
                "device_burst",
            )
        # Self-rating: by phone (counter code), by ID number (case link), logged in.
        person = self.staff[self.roles["self"]]
        own = self._take("self", 3 * max(2, int(4 * self.scale)))
        for k, case in enumerate(own):
            kind = ("self_phone", "self_id", "self_login")[k % 3]
            when = case["done"] + timedelta(seconds=rng.randrange(30, 300))
            if kind == "self_phone":
                fields = {"level": "5", "phone": person["phone"]}
                self._at(when, "qr_case", case, fields, kind)
            elif kind == "self_id":
                fields = {"level": "5", "cert": person["cert"]}
                self._at(when, "link", case, fields, kind)
            else:
                self.preempted.add(case["number"])
                fields = {"level": "5"}
                self._at(when, "qr_case", case, fields, kind, person["login"])

    def _plan_phone_attacks(self):
        rng = self.rng
        # Bought: a pool of 10 phones rates most cases of one staff member.
        pool = [self._phone() for _i in range(max(3, int(10 * self.scale)))]
        for k, case in enumerate(self._take("bought", max(10, int(40 * self.scale)))):
            fields = {"level": "5", "phone": pool[k % len(pool)]}
            delay = timedelta(minutes=rng.randrange(2, 25))
            self._at(case["done"] + delay, "qr_case", case, fields, "bought")
        # Slow pool: phones each on two cases a week or more apart.
        slow = self._take("slow_pool", max(4, int(12 * self.scale)))
        phones = [self._phone() for _i in range(len(slow) // 2)]
        for k, case in enumerate(slow):
            fields = {"level": "5", "phone": phones[k % len(phones)]}
            delay = timedelta(hours=rng.randrange(2, 40))
            self._at(case["done"] + delay, "qr_case", case, fields, "slow_pool")

    def _plan_text_attacks(self):
        rng = self.rng
        # Pasted text on 15 cases; slowly with small variations on 8 others.
        for case in self._take("paste", max(4, int(15 * self.scale)), preempt=True):
            fields = {"level": "5", "comment": PASTE}
            delay = timedelta(minutes=rng.randrange(5, 120))
            self._at(case["done"] + delay, "qr_case", case, fields, "paste")
        variants = [PASTE, PASTE.replace("，", ","), " ".join(PASTE), PASTE + "！！"]
        slow = self._take(
            "slow_paste", max(4, int(8 * self.scale)), since=0.3, preempt=True
        )
        for case in slow:
            fields = {"level": "5", "comment": rng.choice(variants)}
            delay = timedelta(hours=rng.randrange(1, 30))
            self._at(case["done"] + delay, "qr_case", case, fields, "slow_paste")

    def _plan_floods(self):
        rng = self.rng
        # Flood: 12 bad visit ratings from one address against a good staff member.
        flood_at = self.start + timedelta(days=self.days // 3, hours=5)
        address = self._address()
        for k in range(max(5, int(12 * self.scale))):
            self._at(
                flood_at + timedelta(minutes=3 * k + rng.randrange(0, 3)),
                "seat_visit",
                self.roles["flood"],
                {"level": "1", "comment": rng.choice(BAD_TEXTS)},
                "flood",
                address,
            )
        # Slow flood: one bad visit rating every 10-14 hours from new addresses.
        when = self.start + timedelta(days=self.days * 0.6)
        end = self.start + timedelta(days=self.days)
        while when < end:
            staff = self.roles["slow_flood"]
            self._at(when, "seat_visit", staff, {"level": "1"}, "slow_flood")
            when += timedelta(hours=rng.randrange(10, 15))

    def _plan_honest(self):
        """Honest ratings of the cases the attacks left to their applicant: three
        in four cases rated, on the device, by the counter code or the link."""
        rng = self.rng
        for i, staff_cases in self.cases.items():
            for case in staff_cases:
                if case["number"] in self.preempted or rng.random() > 0.75:
                    continue
                level = self._level(self.staff[i]["quality"])
                fields = {"level": level, "comment": self._comment(level)}
                if rng.random() < 0.5:
                    fields["phone"] = case["phone"]
                channel = rng.random()
                if channel < 0.35 and case["number"] not in self.attacked:
                    self._at(case["done"], "device_show", case)
                    delay = timedelta(seconds=rng.randrange(12, 120))
                    self._at(case["done"] + delay, "device_rate", case, level, "honest")
                elif channel < 0.6:
                    delay = timedelta(minutes=rng.randrange(1, 40))
                    self._at(case["done"] + delay, "qr_case", case, fields, "honest")
                else:
                    delay = timedelta(hours=rng.randrange(1, 48))
                    self._at(case["done"] + delay, "link", case, fields, "honest")

    # -------------------------------------------------------------- execution
    def run(self, app, read_env, progress=None):
        """Play the events in time order; ``read_env(fn)`` calls ``fn(env)`` with
        an environment that sees what the requests wrote; ``progress(line)`` is
        told the wall-clock time each simulated day took."""
        self.read_env = read_env
        self.app = app
        self.sessions = {}
        self.events.sort(key=lambda e: (e[0], e[1]))
        day, started = None, real_monotonic()
        # One freezer for the whole run, moved from event to event (starting a
        # freezer scans every loaded module).
        with freeze_time(self.events[0][0]) as clock:
            for when, _n, action, args in self.events:
                if progress and when.date() != day:
                    if day:
                        progress(f"  {day}: {real_monotonic() - started:.0f} s")
                    day, started = when.date(), real_monotonic()
                clock.move_to(when)
                getattr(self, f"_do_{action}")(*args)

    def _record(self, rating_id, status, kind, case=None):
        if rating_id:
            self.labels[rating_id] = kind
        elif kind != "honest":
            self.attack_refused += 1
        elif status == 429:
            self.honest_refusals["rate limit (429)"] += 1
        elif case and case["number"] in self.attacked:
            # One rating a case: an attacker rated this case first.
            self.honest_refusals[PREEMPTED] += 1
        else:
            self.honest_refusals[f"status {status}"] += 1

    def _web(self, address=None):
        return Web(self.app, address or self._address())

    def _do_push_case(self, case):
        staff = self.staff[case["staff"]]
        status, body, _r = self._web().post(
            "/gov/api/v1/cases",
            payload={
                "projectNo": case["number"],
                "taskCode": case["item"],
                "windowCode": staff["window"],
                "staffCodes": [staff["code"]],
                "userName": "办事群众",
                "mobile": case["phone"],
                "proStatus": "done",
            },
            headers={"Authorization": f"Bearer {self.platform_key}"},
        )
        case["id"] = json.loads(body).get("id") if status == 200 else None

    def _device_headers(self, i):
        return {"Authorization": f"Bearer {self.staff[i]['device_key']}"}

    def _do_device_show(self, case):
        self._web().post(
            "/gov/api/v1/device/show",
            payload={"projectNo": case["number"]},
            headers=self._device_headers(case["staff"]),
        )

    def _device_rate(self, i, level, kind, case=None):
        status, body, _r = self._web().post(
            "/gov/api/v1/device/rate",
            payload={"level": int(level)},
            headers=self._device_headers(i),
        )
        self._record(
            json.loads(body).get("id") if status == 201 else None, status, kind, case
        )

    def _do_device_rate(self, case, level, kind):
        self._device_rate(case["staff"], level, kind, case)

    def _do_device_visit(self, i, level, kind):
        self._device_rate(i, level, kind)

    def _form_fields(self, fields):
        return {
            key: value
            for key, value in {
                "level": fields["level"],
                "comment": fields.get("comment", ""),
                "phone": fields.get("phone", ""),
                "cert": fields.get("cert", ""),
            }.items()
            if value
        }

    def _do_qr_case(self, case, fields, kind, login=None):
        if not case.get("id"):
            return
        web = self._logged_in(login) if login else self._web()
        token = self.staff[case["staff"]]["window_token"]
        rating_id, status = web.form(
            f"/gov/r/{token}",
            f"/gov/r/{token}/submit",
            # The case is named by its number and proved with the last four digits
            # of the applicant's phone (the staff member saw them when handling it).
            {
                **self._form_fields(fields),
                "case_number": case["number"],
                "proof": case["phone"][-4:],
            },
        )
        self._record(rating_id, status, kind, case)

    def _logged_in(self, login):
        """The staff member's browser, logged in once (from their own address)."""
        if login not in self.sessions:
            web = self.sessions[login] = self._web()
            status, html, _r = web.get("/web/login")
            token = CSRF_RE.search(html)
            web.post(
                "/web/login",
                data={
                    "csrf_token": token.group(1) if token else "",
                    "login": login,
                    "password": PASSWORD,
                },
            )
        return self.sessions[login]

    def _do_link(self, case, fields, kind):
        if not case.get("id"):
            return
        token = self.read_env(
            lambda env: env["gov.case.link"]
            .sudo()
            .search([("case_id", "=", case["id"])], limit=1)
            .token
        )
        if not token:
            return
        rating_id, status = self._web().form(
            f"/gov/l/{token}", f"/gov/l/{token}/submit", self._form_fields(fields)
        )
        self._record(rating_id, status, kind, case)

    def _do_seat_visit(self, i, fields, kind, address=None):
        token = self.staff[i]["seat_token"]
        rating_id, status = self._web(address).form(
            f"/gov/r/{token}", f"/gov/r/{token}/submit", self._form_fields(fields)
        )
        self._record(rating_id, status, kind)

    # ---------------------------------------------------------------- figures
    def figures(self, env):
        """Recall per attack kind and overall, false-flag rate, Kendall's tau."""
        env = env(su=True)
        ratings = env["gov.evaluation"].browse(list(self.labels)).exists()
        flagged = {r.id for r in ratings if r.validity != "valid"}
        per_kind = {}
        for kind in ATTACK_KINDS:
            ids = [i for i, k in self.labels.items() if k == kind]
            if ids:
                caught = len([i for i in ids if i in flagged])
                per_kind[kind] = (caught, len(ids))
        attack = [i for i, k in self.labels.items() if k != "honest"]
        honest = [i for i, k in self.labels.items() if k == "honest"]
        caught = len([i for i in attack if i in flagged])
        false = len([i for i in honest if i in flagged])
        # What explains the misses: the signals on flagged honest ratings, the
        # signals (if any) on missed attack ratings.
        false_signals, missed = Counter(), Counter()
        for rating in ratings:
            kind = self.labels[rating.id]
            signals = "+".join(sorted(rating.signal_ids.mapped("kind"))) or "-"
            if kind == "honest" and rating.id in flagged:
                false_signals[f"{rating.channel}: {signals}"] += 1
            elif kind != "honest" and rating.id not in flagged:
                missed[f"{kind}: {signals}"] += 1
        return {
            "per_kind": per_kind,
            "recall": caught / len(attack) if attack else 1.0,
            "attack_count": len(attack),
            "false_flag_rate": false / len(honest) if honest else 0.0,
            "honest_count": len(honest),
            "honest_refused": sum(
                n for reason, n in self.honest_refusals.items() if reason != PREEMPTED
            ),
            "honest_refusals": dict(self.honest_refusals),
            "tau": self._tau(env, honest),
            "false_signals": dict(false_signals),
            "missed": dict(missed),
            "swapped": self.swapped,
        }

    def _tau(self, env, honest):
        """Kendall's tau-b between the staff ranking of the publication (valid
        ratings) and the ranking from the honest ratings alone, same formula."""
        employees = env["hr.employee"].browse([s["employee"] for s in self.staff])
        start = self.start.date()
        end = (self.start + timedelta(days=self.days)).date()
        if "gov.publish.period" in env:
            published = env["gov.publish.period"]._gov_rank("staff", start, end)
            published = [(r, f) for r, f in published if r in employees]
        else:
            published = employees._gov_ranking([("id", "in", employees.ids)])
        published_rank = {r.id: n for n, (r, _f) in enumerate(published)}
        # Honest ratings a supervisor would keep: count them all, flagged or not.
        initial, weight = env["gov.evaluation"]._gov_index_params()
        totals = defaultdict(lambda: [0, 0.0])
        # The honest ratings of the same period as the publication (a link may be
        # used after its last day).
        after = datetime.combine(end + timedelta(days=1), datetime.min.time())
        for rating in env["gov.evaluation"].browse(honest):
            if rating.date >= after:
                continue
            if rating.employee_id and rating.assess_number == "1":
                totals[rating.employee_id.id][0] += 1
                totals[rating.employee_id.id][1] += rating.points
        count = sum(c for c, _p in totals.values())
        mean = sum(p for _c, p in totals.values()) / count if count else initial
        score = {
            e: (weight * mean + totals[e][1]) / (weight + totals[e][0]) for e in totals
        }
        common = [e for e in score if e in published_rank]
        honest_rank = {
            e: n for n, e in enumerate(sorted(common, key=lambda e: (-score[e], e)))
        }
        concordant = discordant = 0
        index = {s["employee"]: i for i, s in enumerate(self.staff)}
        self.swapped = []
        for a_index, a in enumerate(common):
            for b in common[a_index + 1 :]:
                sign = (published_rank[a] - published_rank[b]) * (
                    honest_rank[a] - honest_rank[b]
                )
                concordant += sign > 0
                discordant += sign < 0
                if sign < 0:
                    self.swapped.append(
                        f"staff {index[a]} ({score[a]:.3f}) / {index[b]} "
                        f"({score[b]:.3f})"
                    )
        pairs = concordant + discordant
        return (concordant - discordant) / pairs if pairs else 1.0

    def report(self, figures):
        lines = [f"seed {self.seed}: {self.n_staff} staff, {self.days} days"]
        for kind, (caught, total) in figures["per_kind"].items():
            rate = 100.0 * caught / total
            lines.append(f"  {kind:<14} recall {rate:5.1f} % ({caught}/{total})")
        lines += [
            f"  all attacks    recall {100 * figures['recall']:5.1f} % "
            f"({figures['attack_count']} attack ratings)",
            f"  honest         false flags {100 * figures['false_flag_rate']:5.2f} % "
            f"of {figures['honest_count']}, refused {figures['honest_refused']}",
            f"  attacks refused {self.attack_refused}",
            f"  Kendall tau    {figures['tau']:.3f}",
        ]
        for reason, count in figures["honest_refusals"].items():
            lines.append(f"  honest refused: {reason} x{count}")
        for signals, count in sorted(figures["false_signals"].items()):
            lines.append(f"  honest flagged by {signals} x{count}")
        for signals, count in sorted(figures["missed"].items()):
            lines.append(f"  attack missed {signals} x{count}")
        roles = {i: role for role, i in self.roles.items()}
        lines.append(
            "  roles: "
            + ", ".join(f"staff {i} {role}" for i, role in sorted(roles.items()))
        )
        lines += [f"  swapped in tau: {pair}" for pair in figures["swapped"]]
        return "\n".join(lines)
