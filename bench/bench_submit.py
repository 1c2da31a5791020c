"""Citizens rating through our counter code and through Odoo's stock rating route on
the same server and database, interleaved in rounds, with every production check
of ours on (the per-address rate limit, the fraud checks); prints throughput, p95
and the ratios ours / stock.

One flow is one citizen with a fresh session (no cookie, a new CSRF token):
ours: GET /gov/r/<seat token> (the page), POST /gov/r/<seat token>/submit and the
thank-you page it redirects to; stock: GET /rate/<token>/5 (the page) and POST
/rate/<token>/submit_feedback (whose answer is the thank-you page), a fresh rating
token for every flow. The whole flow is timed.

Two kinds of traffic, each timed for both routes: ``citizen``, every citizen from an
address of their own; ``hall``, a whole hall behind one address (declared as the
hall's shared network, counted with the hall-sized limit). The server runs in proxy
mode and each flow names its address in X-Forwarded-For.
"""

import argparse
import itertools
import random
import re
import statistics
import threading
import time
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import requests

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
ROUNDS = 4
HALL_NETWORK = "203.0.113.0/28"
HALL_ADDRESS = "203.0.113.9"


class Setup:
    """What the citizens rate, made through XML-RPC as admin."""

    def __init__(self, url, db, flows, hall_limit):
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, "admin", "admin", {})
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
        self.db = db
        # The hall's network gets the limit a hall of this traffic needs; the
        # per-address limit and the fraud checks keep their defaults.
        self.call(
            "ir.config_parameter",
            "set_param",
            "gov_rating.limit_shared_network_per_hour",
            str(hall_limit),
        )
        # A fresh region code each run, so that a run can repeat on the same database.
        code = f"5201{random.randrange(10**8):08d}"
        region = self.call("gov.region", "create", {"name": "基准区", "code": code})
        department = self.call(
            "hr.department", "create", {"name": "基准局", "gov_region_id": region}
        )
        hall = self.call(
            "gov.hall", "create", {"name": "基准大厅", "region_id": region}
        )
        self.call(
            "gov.shared.network", "create", {"network": HALL_NETWORK, "hall_id": hall}
        )
        window = self.call(
            "gov.window",
            "create",
            {"name": "基准窗口", "hall_id": hall, "department_id": department},
        )
        employee = self.call("hr.employee", "create", {"name": "基准员工"})
        seat = self.call(
            "gov.seat",
            "create",
            {"name": "1", "code": "1", "window_id": window, "employee_id": employee},
        )
        [seat_token] = self.call("gov.seat", "read", [seat], ["gov_qr_token"])
        self.seat_token = seat_token["gov_qr_token"]
        partner = self.call("res.partner", "create", {"name": "Rated partner"})
        model_id = self.call("ir.model", "search", [("model", "=", "res.partner")])[0]
        ratings = self.call(
            "rating.rating",
            "create",
            [{"res_model_id": model_id, "res_id": partner, "partner_id": partner}]
            * flows,
        )
        tokens = self.call("rating.rating", "read", ratings, ["access_token"])
        # One token per stock flow, never used twice.
        self.stock_tokens = iter([r["access_token"] for r in tokens])
        self.lock = threading.Lock()
        tags = self.call(
            "gov.tag", "search_read", [("code", "=", "C01")], fields=["id"], limit=1
        )
        self.tag = tags[0]["id"]

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, "admin", model, method, list(args), kwargs
        )

    def stock_token(self):
        with self.lock:
            return next(self.stock_tokens)


def flow(url, setup, name, address, number):
    """One citizen: page, submit (and thank-you page); returns the seconds."""
    session = requests.Session()
    session.headers.update(
        {"X-Forwarded-For": address, "X-Forwarded-Host": urlparse(url).netloc}
    )
    # Citizens write different comments (identical ones are a fraud signal).
    comment = f"办事效率高，态度好 {number}"
    if name == "ours":
        page = f"/gov/r/{setup.seat_token}"
        submit = f"{page}/submit"
        data = {"level": "5", "tag_ids": str(setup.tag), "comment": comment}
    else:
        token = setup.stock_token()
        page, submit = f"/rate/{token}/5", f"/rate/{token}/submit_feedback"
        data = {"rate": "5", "feedback": comment}
    start = time.perf_counter()
    response = session.get(url + page, timeout=60)
    response.raise_for_status()
    csrf = CSRF_RE.search(response.text).group(1)
    response = session.post(url + submit, data={"csrf_token": csrf, **data}, timeout=60)
    spent = time.perf_counter() - start
    done = name == "stock" or urlparse(response.url).path.startswith("/gov/thanks")
    if response.status_code != 200 or not done:
        raise RuntimeError(f"{name}: HTTP {response.status_code} {response.url}")
    return spent


def run(url, setup, name, traffic, count, clients, numbers):
    """``count`` flows, ``clients`` at a time; returns (seconds, latencies)."""

    def one(__):
        number = next(numbers)
        if traffic == "hall":
            address = HALL_ADDRESS
        else:
            address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        return flow(url, setup, name, address, number)

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(one, range(count)))
    return time.perf_counter() - start, latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=400, help="flows per route")
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    if urlparse(args.url).hostname != "127.0.0.1":
        parser.error("the benchmark runs against 127.0.0.1 only")
    per_round = max(args.requests // ROUNDS, args.clients)
    warm_up = 2 * args.clients
    traffics = ("citizen", "hall")
    flows = len(traffics) * (warm_up + ROUNDS * per_round)
    setup = Setup(args.url, args.db, flows, hall_limit=4 * flows)
    # Every run its own addresses: a repeated run is not refused by the last one's.
    numbers = itertools.count(random.randrange(2**23) * 2)
    for traffic in traffics:
        results = {name: [0.0, []] for name in ("ours", "stock")}
        for name in results:
            run(args.url, setup, name, traffic, warm_up, args.clients, numbers)
        for __ in range(ROUNDS):
            for name, result in results.items():
                elapsed, latencies = run(
                    args.url, setup, name, traffic, per_round, args.clients, numbers
                )
                result[0] += elapsed
                result[1] += latencies
        figures = {}
        for name, (elapsed, latencies) in results.items():
            throughput = len(latencies) / elapsed
            p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
            figures[name] = (throughput, p95)
            print(  # noqa: T201
                f"{traffic:7} {name:5}  {len(latencies)} flows, {args.clients} "
                f"clients: {throughput:6.1f} flows/s, p95 {p95:6.1f} ms"
            )
        print(  # noqa: T201
            f"{traffic:7} ours/stock: throughput "
            f"{figures['ours'][0] / figures['stock'][0]:.2f}x (target >= 1.0), "
            f"p95 {figures['ours'][1] / figures['stock'][1]:.2f}x (target <= 1.2)"
        )


if __name__ == "__main__":
    main()
