"""Odoo's odoo-bin for the production mode, with a listen backlog that takes a burst.

Odoo in prefork listens with a backlog of 8 per worker (16 with 2 workers). When a
burst fills it, the kernel drops the SYNs of nginx's further connections and nginx
retries them after 1, 3, 7, 15, 31 s: workers sit idle while requests wait, and the
slowest time out. Here the backlog is GOV_LISTEN_BACKLOG (default 1024; the kernel caps
it at net.core.somaxconn): the connections wait in the queue until a worker is free.

Odoo starts its websocket process again with ``sys.argv[0]``: this file, so the
process gets the same backlog and finds Odoo through ODOO_SRC.
"""

import os
import runpy
import socket
import sys
import time

# As odoo-bin: the server runs in UTC.
os.environ["TZ"] = "UTC"
time.tzset()
BACKLOG = int(os.environ.get("GOV_LISTEN_BACKLOG", "1024"))
_listen = socket.socket.listen


def listen(self, backlog=BACKLOG):
    return _listen(self, max(backlog, BACKLOG))


socket.socket.listen = listen
sys.argv[0] = os.path.abspath(__file__)
sys.path.insert(0, os.environ["ODOO_SRC"])
runpy.run_path(os.path.join(os.environ["ODOO_SRC"], "odoo-bin"), run_name="__main__")
