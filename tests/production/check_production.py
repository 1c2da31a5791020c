"""Checks of the production stack (nginx, Odoo in prefork with its websocket process,
PostgreSQL primary and streaming replica), run by bin/test-production against a
running stack. Citizens are simulated phones, each from its own address on the
loopback network (127.0.1.x), all sending at the same moment; the back-office user
is the demo department handler, the sender the demo supervisor.

Prints one line ``ok <name>`` or ``FAIL <name>: <why>`` per check and exits 1 when
one failed.
"""

import argparse
import json
import re
import signal
import sys
import threading
import time
import xmlrpc.client
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psutil
import psycopg2
import requests
import websocket
from requests.adapters import HTTPAdapter

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
BURST = 200
SPOOFED = "203.0.113.7"


class SourceAdapter(HTTPAdapter):
    """Connections from one source address: a phone of its own to nginx."""

    def __init__(self, source, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def phone(n):
    session = requests.Session()
    session.mount("http://", SourceAdapter(f"127.0.1.{n + 1}"))
    # A forged header nginx must replace with the real address.
    session.headers["X-Forwarded-For"] = SPOOFED
    return session


class Checks:
    def __init__(self, args):
        self.url = args.url
        self.db = args.db
        self.fixtures = json.loads(open(args.fixtures, encoding="utf-8").read())
        self.master = psutil.Process(int(open(args.pidfile).read()))
        self.pg = psycopg2.connect(
            host="127.0.0.1", port=args.pg_port, user="odoo", dbname=args.db
        )
        self.pg.autocommit = True
        self.replica_port = args.replica_port
        self.odoo_port = args.odoo_port
        self.failed = 0
        self._phones = []
        self.websocket_pid = self.websocket_process().pid

    # ------------------------------------------------------------------ helpers
    def check(self, name, func):
        try:
            func()
        except Exception as error:  # noqa: BLE001 (any failure is this check's)
            self.failed += 1
            sys.stdout.write(f"FAIL {name}: {error!r}\n")
        else:
            sys.stdout.write(f"ok   {name}\n")
        sys.stdout.flush()

    def sql(self, query, *params):
        with self.pg.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def children(self):
        """(process, is the websocket process) of Odoo's master, living ones."""
        result = []
        for process in self.master.children():
            try:
                result.append((process, "gevent" in process.cmdline()[2:3]))
            except psutil.Error:
                continue
        return result

    def websocket_process(self):
        [process] = [p for p, evented in self.children() if evented]
        return process

    def http_workers(self):
        """The worker processes: HTTP and cron."""
        return [p for p, evented in self.children() if not evented]

    def ratings_of(self, case_key):
        case_id = self.fixtures["cases"][case_key]
        return self.sql(
            "SELECT id, ip_address FROM gov_evaluation WHERE case_id = %s", case_id
        )

    def phones(self):
        """BURST phones that scanned the counter code: (session, CSRF token). A
        session's CSRF token holds for every form of the site."""
        if not self._phones:
            token = self.fixtures["seat_token"]
            sessions = [phone(n) for n in range(BURST)]
            with ThreadPoolExecutor(4) as pool:
                tokens = pool.map(
                    lambda s: self.page_csrf(s, f"/gov/r/{token}"), sessions
                )
                self._phones = list(zip(sessions, tokens, strict=True))
        return self._phones

    def burst(self, send, during=None):
        """Every phone calls ``send(session, csrf)`` at the same moment.
        ``during(done)`` runs alongside, ``done`` being the number of answers so
        far. Returns the HTTP statuses and the connection errors (resets)."""
        barrier = threading.Barrier(BURST)
        statuses, errors = Counter(), []
        lock = threading.Lock()

        def run(session, state):
            barrier.wait()
            try:
                status = send(session, state).status_code
            except requests.ConnectionError as error:
                with lock:
                    errors.append(error)
                return
            with lock:
                statuses[status] += 1

        threads = [threading.Thread(target=run, args=pair) for pair in self.phones()]
        for thread in threads:
            thread.start()
        if during:
            during(lambda: sum(statuses.values()) + len(errors))
        for thread in threads:
            thread.join(300)
        return statuses, errors

    def page_csrf(self, session, path):
        response = session.get(self.url + path, timeout=60)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        return CSRF_RE.search(response.text).group(1)

    def link_burst(self, key, during=None):
        token = self.fixtures["links"][key]
        return self.burst(
            lambda s, csrf: s.post(
                f"{self.url}/gov/l/{token}/submit",
                data={"csrf_token": csrf, "level": "4"},
                allow_redirects=False,
                timeout=300,
            ),
            during,
        )

    @staticmethod
    def assert_clean(statuses, errors, allowed_5xx=0):
        server_errors = sum(n for status, n in statuses.items() if status >= 500)
        assert not errors, f"{len(errors)} connection errors: {errors[0]}"
        assert server_errors <= allowed_5xx, f"HTTP statuses {dict(statuses)}"
        assert sum(statuses.values()) == BURST, f"answers {dict(statuses)}"

    # ------------------------------------------------------------------- checks
    def check_case_link_burst(self):
        statuses, errors = self.link_burst("LINK")
        self.assert_clean(statuses, errors)
        ratings = self.ratings_of("LINK")
        assert len(ratings) == 1, f"{len(ratings)} ratings, statuses {dict(statuses)}"
        assert statuses[303] == 1, f"one thank-you redirect: {dict(statuses)}"
        [(__, ip_address)] = ratings
        assert ip_address.startswith("127.0.1."), f"rating from {ip_address}"

    def check_counter_code_burst(self):
        token = self.fixtures["seat_token"]
        # The citizen names the case and proves it is theirs (the rating code).
        form = {
            "level": "5",
            "case_number": self.fixtures["counter_case"],
            "proof": self.fixtures["counter_proof"],
        }
        statuses, errors = self.burst(
            lambda s, csrf: s.post(
                f"{self.url}/gov/r/{token}/submit",
                data={"csrf_token": csrf, **form},
                allow_redirects=False,
                timeout=300,
            ),
        )
        self.assert_clean(statuses, errors)
        ratings = self.ratings_of("COUNTER")
        assert len(ratings) == 1, f"{len(ratings)} ratings, statuses {dict(statuses)}"
        assert statuses[303] == 1 and statuses[400] == BURST - 1, dict(statuses)

    def check_device_burst(self):
        auth = {"Authorization": f"Bearer {self.fixtures['device_key']}"}
        shown = requests.post(
            f"{self.url}/gov/api/v1/device/show",
            json={"projectNo": self.fixtures["device_case"]},
            headers=auth,
            timeout=60,
        )
        assert shown.status_code == 200, shown.text
        statuses, errors = self.burst(
            lambda s, __: s.post(
                f"{self.url}/gov/api/v1/device/rate",
                json={"level": 5},
                headers=auth,
                timeout=300,
            ),
        )
        self.assert_clean(statuses, errors)
        ratings = self.ratings_of("DEVICE")
        assert len(ratings) == 1, f"{len(ratings)} ratings, statuses {dict(statuses)}"
        assert statuses[201] == 1 and statuses[429] == BURST - 1, dict(statuses)

    def check_worker_killed_mid_burst(self):
        workers_before = len(self.http_workers())
        killed = []

        def kill_one(done):
            # A worker serving a request once a quarter of the burst is answered.
            while done() < BURST // 4:
                time.sleep(0.01)
            while not killed and done() < BURST:
                for worker in self.http_workers():
                    try:
                        busy = any(
                            c.status == "ESTABLISHED" and c.laddr.port == self.odoo_port
                            for c in worker.connections()
                        )
                    except psutil.Error:
                        continue
                    if busy:
                        worker.send_signal(signal.SIGKILL)
                        killed.append(worker.pid)
                        break

        statuses, errors = self.link_burst("KILL", kill_one)
        assert killed, "no worker was busy to be killed"
        # The request the killed worker was serving gets nginx's 502; no other.
        self.assert_clean(statuses, errors, allowed_5xx=1)
        assert len(self.ratings_of("KILL")) == 1, f"statuses {dict(statuses)}"
        partial = self.sql(
            """SELECT count(*) FROM gov_evaluation e
                WHERE e.case_id = %s AND (e.level IS NULL OR e.employee_id IS NULL)""",
            self.fixtures["cases"]["KILL"],
        )
        assert partial == [(0,)], "a rating without level or staff"
        for __ in range(60):
            if len(self.http_workers()) >= workers_before:
                break
            time.sleep(0.5)
        assert len(self.http_workers()) >= workers_before, "the worker was not replaced"
        assert killed[0] not in [w.pid for w in self.http_workers()]

    def check_replica_serves_public_pages(self):
        """A rating through a case link (primary), then the link's page (a
        read-only route, so read from the replica) shows it is rated."""
        token = self.fixtures["links"]["REPLICA"]
        session = phone(250)
        csrf = self.page_csrf(session, f"/gov/l/{token}")
        response = session.post(
            f"{self.url}/gov/l/{token}/submit",
            data={"csrf_token": csrf, "level": "5"},
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == 303, response.status_code
        start = time.monotonic()
        while time.monotonic() - start < 5:
            page = session.get(f"{self.url}/gov/l/{token}", timeout=60).text
            if "<form" not in page:
                break
            time.sleep(0.2)
        assert "<form" not in page, "the rating is not visible after 5 s"
        replica = psycopg2.connect(
            host="127.0.0.1", port=self.replica_port, user="odoo", dbname=self.db
        )
        try:
            with replica.cursor() as cr:
                cr.execute("SELECT pg_is_in_recovery()")
                assert cr.fetchone()[0], "the replica port is not a replica"
                cr.execute(
                    """SELECT count(*) FROM pg_stat_activity
                        WHERE datname = %s AND application_name LIKE 'odoo-%%'""",
                    (self.db,),
                )
                assert cr.fetchone()[0] > 0, "no Odoo worker reads from the replica"
        finally:
            replica.close()

    def check_health(self):
        response = requests.get(f"{self.url}/gov/health", timeout=60)
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["replica"]["configured"] and report["replica"]["reachable"]
        assert report["replica"]["lag_seconds"] < 60, report
        assert set(report["queues"]) == {"exports", "outbox"}, report

    def check_live_notification(self):
        """The supervisor writes to the handler in Discuss; the handler's open
        back office gets the message through the websocket at once."""
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        uid = common.authenticate(self.db, "supervisor", "supervisor", {})
        models = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object")

        def call(model, method, *args, **kwargs):
            return models.execute_kw(
                self.db, uid, "supervisor", model, method, list(args), kwargs
            )

        [handler] = call(
            "res.users",
            "search_read",
            [("login", "=", "handler")],
            fields=["partner_id"],
        )
        store = call("discuss.channel", "channel_get", [handler["partner_id"][0]])
        channel_id = store["discuss.channel"][0]["id"]
        session = requests.Session()
        login = session.post(
            f"{self.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": self.db, "login": "handler", "password": "handler"},
            },
            timeout=60,
        )
        assert login.json().get("result", {}).get("uid"), login.text
        ws = websocket.create_connection(
            f"ws://{self.url.split('//', 1)[1]}/websocket",
            cookie=f"session_id={session.cookies['session_id']}",
            origin=self.url,
            timeout=20,
        )
        try:
            subscribe = {"channels": [], "last": 0}
            ws.send(json.dumps({"event_name": "subscribe", "data": subscribe}))
            text = f"请核实差评工单 {time.time()}"
            call(
                "discuss.channel",
                "message_post",
                channel_id,
                body=text,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                # Odoo sends JSON with non-ASCII characters escaped.
                if text in json.dumps(json.loads(ws.recv()), ensure_ascii=False):
                    return
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            ws.close()
        raise AssertionError("the handler got no notification within 20 s")

    def check_websocket_process_stayed_up(self):
        process = self.websocket_process()
        assert (
            process.pid == self.websocket_pid
        ), f"websocket process {self.websocket_pid} replaced by {process.pid}"
        assert process.is_running() and process.status() != psutil.STATUS_ZOMBIE


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--pidfile", required=True)
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--replica-port", type=int, required=True)
    parser.add_argument("--odoo-port", type=int, required=True)
    args = parser.parse_args()
    checks = Checks(args)
    for name in (
        "health",
        "case_link_burst",
        "counter_code_burst",
        "device_burst",
        "worker_killed_mid_burst",
        "replica_serves_public_pages",
        "live_notification",
        "websocket_process_stayed_up",
    ):
        checks.check(
            f"production: {name.replace('_', ' ')}", getattr(checks, f"check_{name}")
        )
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
