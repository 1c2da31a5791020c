"""Submit ratings through our public route and through Odoo's stock rating route on
the same server and database, interleaved in rounds, and print throughput and p95.

Ours: POST /gov/r/<seat token>/submit (a counter-code rating of the visit, with a
tag and a comment), then GET of the thank-you page it redirects to, as a phone does.
Stock: POST /rate/<token>/submit_feedback (rating_apply on a res.partner), whose
response is the rendered thank-you page.
"""

import argparse
import random
import re
import statistics
import time
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import requests

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
ROUNDS = 4


def setup(url, db, clients):
    """Objects to rate, through XML-RPC as admin: the seat's code token, one stock
    rating token per client (one rating updated concurrently would measure lock
    waits), and a tag."""
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

    # All simulated phones share one address: no rate limit, no burst signal (a
    # burst signal is an extra write per rating that real traffic rarely causes).
    call("ir.config_parameter", "set_param", "gov_rating.limit_ip_per_hour", "0")
    call("ir.config_parameter", "set_param", "gov_rating.burst_count", "1000000")
    # A fresh region code each run, so that a run can repeat on the same database.
    code = f"5201{random.randrange(10**8):08d}"
    region = call("gov.region", "create", {"name": "基准区", "code": code})
    department = call(
        "hr.department", "create", {"name": "基准局", "gov_region_id": region}
    )
    hall = call("gov.hall", "create", {"name": "基准大厅", "region_id": region})
    window = call(
        "gov.window",
        "create",
        {"name": "基准窗口", "hall_id": hall, "department_id": department},
    )
    employee = call("hr.employee", "create", {"name": "基准员工"})
    seat = call(
        "gov.seat",
        "create",
        {"name": "1", "code": "1", "window_id": window, "employee_id": employee},
    )
    [seat_token] = call("gov.seat", "read", [seat], ["gov_qr_token"])
    partner = call("res.partner", "create", {"name": "Rated partner"})
    model_id = call("ir.model", "search", [("model", "=", "res.partner")])[0]
    ratings = call(
        "rating.rating",
        "create",
        [{"res_model_id": model_id, "res_id": partner, "partner_id": partner}]
        * clients,
    )
    rating_tokens = call("rating.rating", "read", ratings, ["access_token"])
    tags = call(
        "gov.tag", "search_read", [("code", "=", "C01")], fields=["id"], limit=1
    )
    return (
        seat_token["gov_qr_token"],
        [r["access_token"] for r in rating_tokens],
        tags[0]["id"],
    )


def worker(url, name, page, submit, data, count):
    """One phone: opens the page once (cookie, CSRF token), then submits ``count``
    times; returns the latency of each submission."""
    session = requests.Session()
    response = session.get(url + page, timeout=30)
    response.raise_for_status()
    csrf = CSRF_RE.search(response.text).group(1)
    latencies = []
    for n in range(count):
        # Citizens write different comments (identical ones are a fraud signal).
        form = {
            key: f"{value} {id(session)}-{n}"
            if key in ("comment", "feedback")
            else value
            for key, value in data.items()
        }
        start = time.perf_counter()
        response = session.post(
            url + submit, data={"csrf_token": csrf, **form}, timeout=60
        )
        latencies.append(time.perf_counter() - start)
        done = name == "stock" or urlparse(response.url).path.startswith("/gov/thanks")
        if response.status_code != 200 or not done:
            raise RuntimeError(f"{name}: HTTP {response.status_code} {response.url}")
    return latencies


def run(url, name, route, count, clients):
    """``route(i)``: the page, submit URL and form data of client ``i``."""
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        futures = [
            pool.submit(worker, url, name, *route(i), count // clients)
            for i in range(clients)
        ]
        latencies = [lat for future in futures for lat in future.result()]
    return time.perf_counter() - start, latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    if urlparse(args.url).hostname != "127.0.0.1":
        parser.error("the benchmark runs against 127.0.0.1 only")
    seat_token, rating_tokens, tag = setup(args.url, args.db, args.clients)
    comment = "办事效率高，态度好"
    routes = {
        "ours": lambda i: (
            f"/gov/r/{seat_token}",
            f"/gov/r/{seat_token}/submit",
            {"level": "5", "tag_ids": str(tag), "comment": comment},
        ),
        "stock": lambda i: (
            f"/rate/{rating_tokens[i]}/5",
            f"/rate/{rating_tokens[i]}/submit_feedback",
            {"rate": "5", "feedback": comment},
        ),
    }
    per_round = max(args.requests // ROUNDS, args.clients)
    results = {name: [0.0, []] for name in routes}
    for name, route in routes.items():  # warm-up
        run(args.url, name, route, 2 * args.clients, args.clients)
    for __ in range(ROUNDS):
        for name, route in routes.items():
            elapsed, latencies = run(args.url, name, route, per_round, args.clients)
            results[name][0] += elapsed
            results[name][1] += latencies
    figures = {}
    for name, (elapsed, latencies) in results.items():
        throughput = len(latencies) / elapsed
        p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
        figures[name] = throughput
        print(  # noqa: T201
            f"{name:5}  {len(latencies)} submissions, {args.clients} clients: "
            f"{throughput:7.1f} req/s, p95 {p95:6.1f} ms"
        )
    print(f"ratio ours/stock throughput: {figures['ours'] / figures['stock']:.2f}x")  # noqa: T201


if __name__ == "__main__":
    main()
