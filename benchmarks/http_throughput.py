"""Helper for bin/bench: check the services, prepare the database, and measure requests per
second with wrk against a running portal. Run through bin/bench, not on its own.

    python benchmarks/http_throughput.py preflight [--drop]
    python benchmarks/http_throughput.py seeded --scale N
    python benchmarks/http_throughput.py analyze
    python benchmarks/http_throughput.py ready --base-url http://127.0.0.1:PORT --pid PID
    python benchmarks/http_throughput.py measure --base-url http://127.0.0.1:PORT [--duration 10 …]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# The demo's enterprise HR (members.demo.LOGINS), whose name the header shows when signed in.
HR_NAME = "刘婷"

# The trivial view first: every other page is compared with it.
# (label, path, strings the page must contain, strings it must not contain)
PAGES = [
    ("trivial /healthz/", "/healthz/", ["ok"], [], None),
    ("directory page 1", "/members/organizations/",
     ['data-testid="organization-table"', "常州市教育局", "?page=2"], [], None),
    ("directory page 10", "/members/organizations/?page=10",
     ['data-testid="organization-table"', "常州规模测试", "?page=11"], ["常州市教育局"], None),
    ("directory search", "/members/organizations/?q=规模测试001",
     ['data-testid="organization-table"', "常州规模测试0010", "常州规模测试0019"], ["常州规模测试0020", 'class="pagination"'], None),
    # The trivial page for a signed-in member: the cost of the session, the person and their access profile.
    ("trivial signed in", "/healthz/session/", ["ok "], [], "hr"),
    # The same pages for a signed-in member (the demo's enterprise HR): no whole-page cache for them.
    ("directory page 1, signed in", "/members/organizations/",
     ['data-testid="organization-table"', "常州市教育局", HR_NAME], [], "hr"),
    ("directory page 10, signed in", "/members/organizations/?page=10",
     ['data-testid="organization-table"', "常州规模测试", HR_NAME], ["常州市教育局"], "hr"),
]
TRIVIAL = PAGES[0][0]
TRIVIAL_SIGNED_IN = "trivial signed in"
TARGET_RATIO = 0.40
# Page 1 of the directory must reach the target against the trivial view, for a visitor and
# for a signed-in member alike.
TARGETED = ("directory page 1", "directory page 1, signed in")
HEADING = "Directory / trivial (target ≥ {ratio} for page 1, visitor and signed in):"

# --set governance: the council's pages on the scale council (consortium/governance/demo/scale.py),
# the signed-in ones for its member the demo council representative; each at 30% of the trivial view.
COUNCIL_NAME = "陈国栋"


def governance_pages() -> list:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import timezone

    from consortium.governance.demo.scale import MARK
    from consortium.governance.models import Meeting

    meeting = (Meeting.objects.filter(body__code=MARK, starts_at__lt=timezone.now()).order_by("-starts_at")
               .values_list("pk", "title").first())
    if meeting is None:
        raise SystemExit("The scale council is missing: build the scale data first (bin/bench --set governance --reseed).")
    return [
        ("trivial /healthz/", "/healthz/", ["ok"], [], None),
        ("public disclosure", reverse("governance:public_home"), ["规模测试理事会"], [], None),
        ("public resolutions page 5", reverse("governance:public_resolutions") + "?page=5", ["-规-"], [], None),
        ("trivial signed in", "/healthz/session/", ["ok "], [], "council"),
        ("resolution register", reverse("governance:resolutions"), ["-规-", COUNCIL_NAME], [], "council"),
        ("resolution register page 20", reverse("governance:resolutions") + "?page=20", ["-规-", COUNCIL_NAME], [],
         "council"),
        ("meeting with 200 seats", reverse("governance:meeting", args=[meeting[0]]), [meeting[1], COUNCIL_NAME],
         [], "council"),
    ]


def configure(page_set: str) -> None:
    """Measure another set of pages than the directory's."""
    global PAGES, TARGETED, TARGET_RATIO, HEADING
    if page_set == "governance":
        PAGES = governance_pages()
        TARGETED = tuple(label for label, *_rest in PAGES if not label.startswith("trivial"))
        TARGET_RATIO = 0.30
        HEADING = "Council pages / trivial (target ≥ {ratio} for every page):"


# --- preflight -------------------------------------------------------------------------


def _db_settings():
    import dj_database_url

    url = os.environ["DATABASE_URL"]
    db = dj_database_url.parse(url)
    if "postgresql" not in db["ENGINE"]:
        sys.exit(f"DATABASE_URL must point to PostgreSQL for the benchmark, not {db['ENGINE']}.")
    if not db["NAME"]:
        sys.exit("DATABASE_URL names no database.")
    return db


def preflight(args) -> None:
    """PostgreSQL and Redis answer; the benchmark database exists (dropped first with --drop)."""
    import psycopg2
    import redis
    from psycopg2 import sql

    db = _db_settings()
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    try:
        server = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=host,
                                  port=port, connect_timeout=5)
    except psycopg2.Error as error:
        sys.exit(f"PostgreSQL is unreachable at {host}:{port} (DATABASE_URL): {error}".strip())
    try:
        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        sys.exit(f"Redis is unreachable at {os.environ['REDIS_URL']} (REDIS_URL): {error}")

    name = db["NAME"]
    server.autocommit = True
    with server.cursor() as cursor:
        if args.drop:
            if "bench" not in name:
                sys.exit(f"--reseed drops the database; refusing to drop {name!r}, whose name has no 'bench' in it.")
            print(f"Dropping database {name} …")
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"Creating database {name} …")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    server.close()


def analyze(args) -> None:
    """Fresh planner statistics, as autovacuum would have them a little after a bulk load."""
    import psycopg2

    db = _db_settings()
    with psycopg2.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"],
                          host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, connect_timeout=5) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connection.close()


# --- is the scale data there? ----------------------------------------------------------------


def seeded(args) -> None:
    """Exit 0 when exactly the data of `seed_demo --scale N` is present, 1 when none of it
    is, 2 when part of it or another scale's is."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
    import django

    django.setup()
    from members.models import SCHOOL_KINDS, Organization, User

    scale = args.scale
    orgs = Organization.objects.filter(name_zh__startswith="常州规模测试")
    found = {
        "organisations": orgs.count(),
        "students": User.objects.filter(username__startswith="scale_student").count(),
        "teachers": User.objects.filter(username__startswith="scale_teacher").count(),
        "organisation admins": User.objects.filter(username__startswith="scale_admin").count(),
    }
    wanted = {
        "organisations": max(scale // 100, 10),
        "students": scale,
        "teachers": scale // 25,
        "organisation admins": orgs.exclude(kind__in=SCHOOL_KINDS).count(),
    }
    if found == wanted and found["organisations"] == wanted["organisations"]:
        print("Scale data present: " + ", ".join(f"{n} {what}" for what, n in found.items()) + ".")
        sys.exit(0)
    if not any(found.values()):
        sys.exit(1)
    print("Scale data incomplete or of another scale: "
          + ", ".join(f"{found[what]}/{n} {what}" for what, n in wanted.items()) + ".")
    sys.exit(2)


# --- waiting for gunicorn ------------------------------------------------------------------


def ready(args) -> None:
    """Wait until /healthz/ answers 200, or fail when the server process is gone or too slow."""
    deadline = time.monotonic() + args.timeout
    while True:
        try:
            with urllib.request.urlopen(args.base_url.rstrip("/") + "/healthz/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        try:
            os.kill(args.pid, 0)
        except ProcessLookupError:
            sys.exit("gunicorn exited; see bench-results/gunicorn.log")
        if time.monotonic() > deadline:
            sys.exit(f"gunicorn did not answer /healthz/ within {args.timeout} s; see bench-results/gunicorn.log")
        time.sleep(0.5)


# --- measuring ---------------------------------------------------------------------------


@dataclass
class Result:
    label: str
    path: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output: str, label: str, path: str) -> Result:
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    total = re.search(r"^\s*(\d+) requests in", output, re.M)
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M))
    if not rps or not total or "50" not in percentiles or "99" not in percentiles:
        raise SystemExit(f"Could not read wrk's output for {path}:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return Result(
        label=label, path=path, rps=float(rps.group(1)), p50_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]), requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def _shown(path: str, as_user: str | None) -> str:
    return f"{path} [{as_user}]" if as_user else path


def run_wrk(url: str, *, duration: int, threads: int, connections: int, cookie: str | None = None) -> str:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    if done.returncode != 0:
        raise SystemExit(f"wrk failed for {url}:\n{done.stdout}{done.stderr}")
    return done.stdout


def verify(base_url: str, cookie: str) -> None:
    """One plain request per page: 200, no redirect, and the content the page must show."""
    for label, path, must, must_not, as_user in PAGES:
        url = base_url + urllib.parse.quote(path, safe="/?=&")
        headers = {"User-Agent": "bin/bench"}
        if as_user:
            headers["Cookie"] = cookie
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, final_url, body = response.status, response.url, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{label}: {url} answered {error.code}, not 200.")
        except urllib.error.URLError as error:
            raise SystemExit(f"{label}: {url} unreachable: {error.reason}")
        if status != 200 or final_url != url:
            raise SystemExit(f"{label}: {url} answered {status} at {final_url}, expected 200 without redirect.")
        missing = [text for text in must if text not in body]
        unexpected = [text for text in must_not if text in body]
        if missing or unexpected:
            raise SystemExit(f"{label}: {url} answered 200 but lacks {missing} / shows {unexpected}.")
        print(f"  ok  {len(body):>6} bytes  {_shown(path, as_user)}")


def _git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=BASE_DIR,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def measure(args) -> None:
    configure(args.set)
    base_url = args.base_url.rstrip("/")
    print("Checking every page once …")
    cookie = f"sessionid={args.session}"
    verify(base_url, cookie)
    urls = [
        (label, _shown(path, as_user), base_url + urllib.parse.quote(path, safe="/?=&"), cookie if as_user else None)
        for label, path, _m, _n, as_user in PAGES
    ]

    print(f"Warming up ({args.warmup} s per page) …")
    for _label, _path, url, page_cookie in urls:
        run_wrk(url, duration=args.warmup, threads=args.threads, connections=args.connections, cookie=page_cookie)

    runs: list[list[Result]] = []
    for number in range(1, args.runs + 1):
        results = []
        for label, path, url, page_cookie in urls:
            print(f"Run {number}/{args.runs}: {label} for {args.duration} s …", flush=True)
            output = run_wrk(url, duration=args.duration, threads=args.threads, connections=args.connections,
                             cookie=page_cookie)
            results.append(parse_wrk(output, label, path))
        runs.append(results)

    lines = report(args, runs)
    text = "\n".join(lines) + "\n"
    print()
    print(text, end="")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"\nWritten to {out}")
    if any(r.non_2xx or r.socket_errors for results in runs for r in results):
        sys.exit("Some requests failed (non-2xx answers or socket errors); the figures above are not trustworthy.")


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def report(args, runs: list[list[Result]]) -> list[str]:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"HTTP throughput, {datetime.now(timezone.utc).astimezone():%Y-%m-%d %H:%M:%S %z}",
        f"commit {_git_commit()} · {os.cpu_count()} CPUs · {platform.python_implementation()} {platform.python_version()}"
        f" · load average before: {args.load_before or '?'} · after: {load}",
        f"gunicorn {args.workers} sync workers, DEBUG off · wrk {args.threads} threads, {args.connections} connections,"
        f" {args.duration} s per page, {args.runs} runs",
    ]
    if args.seed_note:
        lines.append(args.seed_note)
    width = max(_width(_shown(path, as_user)) for _l, path, _m, _n, as_user in PAGES)
    for number, results in enumerate(runs, 1):
        trivial = next(r for r in results if r.label == TRIVIAL)
        lines += ["", f"Run {number}", f"  {_pad('URL', width)}  {'req/s':>8}  {'p50 ms':>7}  {'p99 ms':>7}  {'vs trivial':>10}  errors"]
        for r in results:
            ratio = "" if r.label == TRIVIAL else f"{r.rps / trivial.rps:.0%}"
            errors = r.non_2xx + r.socket_errors
            lines.append(f"  {_pad(r.path, width)}  {r.rps:>8.1f}  {r.p50_ms:>7.1f}  {r.p99_ms:>7.1f}  {ratio:>10}  {errors}")
    lines += ["", HEADING.format(ratio=f"{TARGET_RATIO:.0%}")]
    for label, path, _m, _n, as_user in PAGES[1:]:
        path = _shown(path, as_user)
        ratios = []
        for results in runs:
            trivial = next(r for r in results if r.label == TRIVIAL).rps
            ratios.append(next(r for r in results if r.label == label).rps / trivial)
        verdict = ""
        if label in TARGETED:
            verdict = "  met" if min(ratios) >= TARGET_RATIO else "  NOT met"
        lines.append(f"  {_pad(path, width)}  " + "  ".join(f"{x:.0%}" for x in ratios) + verdict)
    lines += ["", "Signed-in pages / trivial signed in (the page's own cost, the session's set apart):"]
    for label, path, _m, _n, as_user in PAGES:
        if not as_user or label == TRIVIAL_SIGNED_IN:
            continue
        ratios = []
        for results in runs:
            base = next(r for r in results if r.label == TRIVIAL_SIGNED_IN).rps
            ratios.append(next(r for r in results if r.label == label).rps / base)
        lines.append(f"  {_pad(_shown(path, as_user), width)}  " + "  ".join(f"{x:.0%}" for x in ratios))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("preflight")
    p.add_argument("--drop", action="store_true", help="drop the benchmark database first")
    p.set_defaults(func=preflight)
    p = commands.add_parser("analyze")
    p.set_defaults(func=analyze)
    p = commands.add_parser("seeded")
    p.add_argument("--scale", type=int, required=True)
    p.set_defaults(func=seeded)
    p = commands.add_parser("ready")
    p.add_argument("--base-url", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--timeout", type=int, default=60)
    p.set_defaults(func=ready)
    p = commands.add_parser("measure")
    p.add_argument("--base-url", required=True)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--workers", default="?")
    p.add_argument("--load-before", default="")
    p.add_argument("--seed-note", default="")
    p.add_argument("--session", required=True, help="session key of the signed-in member")
    p.add_argument("--set", default="directory", choices=["directory", "governance"], help="which pages to measure")
    p.add_argument("--out", default=str(BASE_DIR / "bench-results" / "http.txt"))
    p.set_defaults(func=measure)
    args = parser.parse_args()
    # Stopped by bin/bench's trap: unwind, so that subprocess.run kills a running wrk too.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    if shutil.which("wrk") is None and args.command == "measure":
        sys.exit("wrk is not installed.")
    args.func(args)


if __name__ == "__main__":
    main()
