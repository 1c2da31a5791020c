# Shared by bin/serve and bin/test: find Odoo, install what is missing, start PostgreSQL.
# Every failure is one line saying what to do; nothing here prints a traceback.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo}
LOCAL="$REPO/.local"
VENV=${GOV_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gov-rating/venv}
PY="$VENV/bin/python"
# The cluster's port: GOV_PG_PORT, else the one it last ran on, else 5439.
PG_PORT_FILE="$LOCAL/pgport"
PG_PORT=${GOV_PG_PORT:-$(cat "$PG_PORT_FILE" 2>/dev/null || echo 5439)}
PG_DATA="$LOCAL/pgdata"
PG_RUN="$LOCAL/pgrun"
PG_LOG="$LOCAL/postgresql.log"
DB_USER=odoo
MODULES=gov_rating,gov_rectify,gov_supervision,gov_publish

die() { echo "error: $*" >&2; exit 2; }
say() { echo "==> $*"; }

check_odoo_src() {
    [ -f "$ODOO_SRC/odoo/release.py" ] && [ -d "$ODOO_SRC/addons/web" ] ||
        die "no Odoo source tree at ODOO_SRC=$ODOO_SRC: set ODOO_SRC to an Odoo 18.0 source tree (the folder holding odoo/ and addons/)."
    grep -qE "^version_info = \(18, 0," "$ODOO_SRC/odoo/release.py" ||
        die "ODOO_SRC=$ODOO_SRC is not Odoo 18.0: set ODOO_SRC to an Odoo 18.0 source tree."
}

# Debian packages: PostgreSQL server, headers for python-ldap/psycopg2, Chinese fonts,
# wkhtmltopdf for PDF reports, Chromium for browser tests, nginx in front of the
# production mode (run as a private server from .local/, the system's nginx untouched).
APT_PACKAGES="postgresql libpq-dev libldap2-dev libsasl2-dev fonts-noto-cjk wkhtmltopdf chromium nginx"

ensure_debian_packages() {
    local missing=() p
    for p in $APT_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || die "missing Debian packages (${missing[*]}): run 'apt-get install ${missing[*]}' as root, then run this again."
        sudo="sudo"
    fi
    say "installing Debian packages: ${missing[*]}"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } \
        >"$LOCAL/apt.log" 2>&1 || die "apt-get install ${missing[*]} failed: see $LOCAL/apt.log."
}

ensure_venv() {
    local stamp want
    want=$(cat "$REPO"/requirements*.txt | sha1sum | cut -d' ' -f1)
    stamp="$VENV/.gov-requirements"
    [ -x "$PY" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
    say "installing Python packages into $VENV"
    mkdir -p "$(dirname "$VENV")"
    [ -x "$PY" ] || python3 -m venv "$VENV" || die "could not create a virtualenv at $VENV: install python3-venv or set GOV_VENV."
    # cbor2==5.4.2 (pinned by Odoo 18.0 for Python 3.11) only builds with setuptools < 70,
    # and only a build constraint reaches pip's isolated build step.
    echo "setuptools<70" >"$LOCAL/build-constraints.txt"
    { "$PY" -m pip install -q -U pip &&
        "$PY" -m pip install -q --build-constraint "$LOCAL/build-constraints.txt" \
            -r "$REPO/requirements.txt" -r "$REPO/requirements-dev.txt" &&
        "$PY" -m pip install -q --no-deps -r "$REPO/requirements-oca.txt"; } >"$LOCAL/pip.log" 2>&1 ||
        die "pip install failed: see $LOCAL/pip.log."
    echo "$want" >"$stamp"
}

pg_bin() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] || die "no PostgreSQL server found under /usr/lib/postgresql: run 'apt-get install postgresql'."
    echo "$d"
}

# PostgreSQL refuses to run as root: when we are root, the cluster belongs to 'postgres'.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
    python3 -c "import socket,sys; s=socket.socket(); sys.exit(0 if s.connect_ex(('127.0.0.1', int(sys.argv[1]))) == 0 else 1)" "$1"
}

ensure_postgres() {
    local bin
    bin=$(pg_bin)
    mkdir -p "$PG_RUN"
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $PG_DATA"
        mkdir -p "$PG_DATA"
        [ "$(id -u)" = 0 ] && chown postgres: "$PG_DATA" "$PG_RUN"
        as_pg_owner test -w "$PG_DATA" || die "the PostgreSQL user cannot write $PG_DATA: clone the repository where user 'postgres' can reach it."
        as_pg_owner "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOCAL/initdb.log" 2>&1 ||
            die "initdb failed: see $LOCAL/initdb.log."
    fi
    touch "$PG_LOG"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_RUN" "$PG_LOG"
    if ! as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        if port_in_use "$PG_PORT"; then
            [ -n "${GOV_PG_PORT:-}" ] &&
                die "port $PG_PORT is taken by another PostgreSQL or program: stop it or set GOV_PG_PORT to a free port."
            say "port $PG_PORT is taken by another program: the cluster takes a free port"
            PG_PORT=$(free_port)
        fi
        as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
            -o "-p $PG_PORT -k $PG_RUN -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 ||
            die "PostgreSQL did not start: see $PG_LOG."
        echo "$PG_PORT" >"$PG_PORT_FILE"
    fi
    psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'" | grep -q 1 ||
        psql_admin -qc "CREATE ROLE $DB_USER LOGIN CREATEDB" ||
        die "could not create the PostgreSQL role $DB_USER: see $PG_LOG."
}

psql_admin() {
    as_pg_owner psql -X -h "$PG_RUN" -p "$PG_PORT" -U postgres -d postgres "$@" 2>/dev/null
}

db_exists() {
    psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1
}

free_port() {
    python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

# Odoo from ODOO_SRC, with our addons, the OCA addons from PyPI, our config and the
# private cluster.
odoo() {
    local oca sub=()
    [ "${1:-}" = shell ] && { sub=(shell); shift; }
    oca=$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/odoo/addons
    # Through a script (odoo-bin, or ODOO_LAUNCHER): in prefork mode Odoo starts its
    # websocket process again with sys.argv[0] (with "python -m odoo", odoo/__main__.py).
    (cd "$ODOO_SRC" && ODOO_SRC="$ODOO_SRC" "$PY" "${ODOO_LAUNCHER:-$ODOO_SRC/odoo-bin}" "${sub[@]}" -c "$REPO/odoo.conf" \
        --addons-path="$ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$oca,$REPO/addons${EXTRA_ADDONS:+,$EXTRA_ADDONS}" \
        --data-dir="$LOCAL/data" --db_host=127.0.0.1 --db_port="$PG_PORT" --db_user="$DB_USER" "$@")
}

prepare() {
    check_odoo_src
    mkdir -p "$LOCAL"
    ensure_debian_packages
    ensure_venv
    ensure_postgres
}
