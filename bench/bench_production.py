"""Throughput of the production stack (nginx in front of Odoo in prefork, reading
the public pages from the replica) against Odoo's threaded server, on the same
database in the same run, in interleaved rounds: a phone scans the counter code
(GET /gov/r/<token>), rates the visit (POST .../submit) and gets the thank-you page.
Each simulated phone connects from its own loopback address."""

import argparse
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import requests
from bench_submit import CSRF_RE, Setup
from requests.adapters import HTTPAdapter

ROUNDS = 3


class SourceAdapter(HTTPAdapter):
    def __init__(self, source, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def flow(url, token, tag, n):
    """One phone: scan, page, submit, thank-you; returns its latency."""
    session = requests.Session()
    session.mount("http://", SourceAdapter(f"127.0.{2 + n // 250}.{1 + n % 250}"))
    start = time.perf_counter()
    page = session.get(f"{url}/gov/r/{token}", timeout=120)
    csrf = CSRF_RE.search(page.text).group(1)
    response = session.post(
        f"{url}/gov/r/{token}/submit",
        data={
            "csrf_token": csrf,
            "level": "5",
            "tag_ids": str(tag),
            "comment": f"办事效率高 {n}",
        },
        timeout=120,
    )
    if response.status_code != 200 or not urlparse(response.url).path.startswith(
        "/gov/thanks"
    ):
        raise RuntimeError(f"HTTP {response.status_code} {response.url}")
    return time.perf_counter() - start


def run(url, token, tag, count, clients, offset):
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(
            pool.map(lambda n: flow(url, token, tag, offset + n), range(count))
        )
    return time.perf_counter() - start, latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threaded", required=True, help="URL of the threaded server")
    parser.add_argument("--production", required=True, help="URL of nginx")
    parser.add_argument("--db", required=True)
    parser.add_argument("--flows", type=int, default=300)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    # Every phone has its own address: the hall limit is not what is measured.
    setup = Setup(args.threaded, args.db, 1, hall_limit=10**6)
    token, tag = setup.seat_token, setup.tag
    servers = {"threaded": args.threaded, "production": args.production}
    per_round = max(args.flows // ROUNDS, args.clients)
    results = {name: [0.0, []] for name in servers}
    offset = 0
    for url in servers.values():  # warm-up
        run(url, token, tag, args.clients, args.clients, offset)
        offset += args.clients
    for __ in range(ROUNDS):
        for name, url in servers.items():
            elapsed, latencies = run(url, token, tag, per_round, args.clients, offset)
            offset += per_round
            results[name][0] += elapsed
            results[name][1] += latencies
    figures = {}
    for name, (elapsed, latencies) in results.items():
        figures[name] = len(latencies) / elapsed
        p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
        print(  # noqa: T201
            f"{name:10}  {len(latencies)} scan-page-submit flows, {args.clients} "
            f"phones: {figures[name]:6.1f} flows/s, p95 {p95:7.1f} ms"
        )
    ratio = figures["production"] / figures["threaded"]
    print(f"ratio production/threaded throughput: {ratio:.2f}x")  # noqa: T201


if __name__ == "__main__":
    main()
