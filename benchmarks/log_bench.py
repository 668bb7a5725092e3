"""Helper for bin/bench-log: build a large transparency log, measure what one append costs at a
small and at the large size, and how fast gunicorn serves inclusion proofs. Run through
bin/bench-log, not on its own.

    python benchmarks/log_bench.py build --size N [--rebuild]
    python benchmarks/log_bench.py proofs --base-url http://127.0.0.1:PORT [--requests N]
    python benchmarks/log_bench.py report

Figures go to bench-results/log.json (kept between runs, so a run that finds the log built
still reports the build and the small-size append cost) and bench-results/log.txt.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench-results" / "log.json"
SMALL = 1000
BATCH = 10_000


def _django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
    import django

    django.setup()


def _load() -> dict:
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}


def _save(figures: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=1))


def _items(start: int, count: int) -> list[dict]:
    return [
        {"kind": "bench.recorded", "obj_ref": f"bench.thing:{i}",
         "digest": "sha256:" + hashlib.sha256(i.to_bytes(8, "big")).hexdigest()}
        for i in range(start, start + count)
    ]


def append_cost(samples: int = 200) -> dict:
    """Single appends at the log's current size, each in its own transaction as a service would
    call it, all rolled back afterwards: milliseconds, queries and tree rows per append."""
    from django.db import connection, transaction
    from django.db.models import Max
    from django.test.utils import CaptureQueriesContext

    from transparency import proofs, services
    from transparency.models import TreeNode

    size = proofs.size()
    timings, queries, rows = [], [], []
    with transaction.atomic():
        for i in range(samples):
            before = TreeNode.objects.aggregate(last=Max("id"))["last"] or 0
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                with transaction.atomic():
                    services.append(**_items(size + i, 1)[0])
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
            # Counted, not subtracted: ids of rows rolled back in an earlier run leave gaps.
            rows.append(TreeNode.objects.filter(id__gt=before).count())
        transaction.set_rollback(True)
    return {
        "size": size, "samples": samples, "ms_median": round(statistics.median(timings), 3),
        "ms_p95": round(sorted(timings)[int(samples * 0.95) - 1], 3), "queries": max(queries),
        "node_rows_mean": round(statistics.mean(rows), 2), "node_rows_max": max(rows),
    }


def build(args) -> None:
    _django()
    from django.db import connection, transaction

    from transparency import proofs, services
    from transparency.models import Checkpoint, Cosignature, LogEntry, LogHead, TreeNode

    figures = _load()
    size = proofs.size()
    if size == args.size and not args.rebuild and "build_seconds" in figures:
        print(f"The log already has {size:,} entries; build not timed this time (--rebuild times it).")
        return
    if size and (size != args.size or args.rebuild):
        print(f"Emptying the log of {size:,} entries …")
        with connection.cursor() as cursor:
            for model in (Cosignature, Checkpoint, TreeNode, LogEntry, LogHead):
                cursor.execute(f'TRUNCATE "{model._meta.db_table}" CASCADE')
    figures = {}
    print(f"Building a log of {args.size:,} entries in batches of {BATCH:,} …", flush=True)
    started = time.monotonic()
    done = 0
    while done < args.size:
        count = min(BATCH, args.size - done, SMALL - done if done < SMALL else BATCH)
        with transaction.atomic():
            services.append_many(_items(done, count))
        done += count
        if done == SMALL:
            pause = time.monotonic()
            figures["append_small"] = append_cost()
            print(f"  at {SMALL:,} entries: {figures['append_small']}", flush=True)
            started += time.monotonic() - pause
        if done % 100_000 < count:
            print(f"  {done:,} entries, {time.monotonic() - started:.0f} s", flush=True)
    figures["build_seconds"] = round(time.monotonic() - started, 1)
    figures["size"] = args.size
    services.checkpoint_sign()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE transparency_logentry; ANALYZE transparency_treenode")
        cursor.execute("SELECT count(*) FROM transparency_treenode")
        figures["node_rows"] = cursor.fetchone()[0]
    print(f"Built {args.size:,} entries and {figures['node_rows']:,} tree nodes in {figures['build_seconds']} s.")
    _save(figures)


def large(args) -> None:
    _django()
    figures = _load()
    figures["append_large"] = append_cost()
    print(f"  at {figures['append_large']['size']:,} entries: {figures['append_large']}")
    _save(figures)


def proofs_over_http(args) -> None:
    """Sequential GETs of /log/proof/inclusion for random entries of the whole log over one
    keep-alive connection: the time from request to the last byte of the answer."""
    base = urllib.parse.urlsplit(args.base_url)
    figures = _load()
    size = figures["size"]
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    rng = random.Random(7)

    def get(index: int) -> float:
        started = time.perf_counter()
        connection.request("GET", f"/log/proof/inclusion?index={index}&size={size}")
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            sys.exit(f"/log/proof/inclusion?index={index} answered {response.status}: {body[:200]!r}")
        return elapsed

    for _ in range(50):  # warm-up
        get(rng.randrange(size))
    timings = sorted(get(rng.randrange(size)) for _ in range(args.requests))
    figures["proof_http"] = {
        "requests": args.requests, "ms_median": round(statistics.median(timings), 2),
        "ms_p95": round(timings[int(len(timings) * 0.95) - 1], 2), "ms_p99": round(timings[int(len(timings) * 0.99) - 1], 2),
        "ms_mean": round(statistics.mean(timings), 2),
    }
    _save(figures)


def report(args) -> None:
    f = _load()
    small, big, http = f["append_small"], f["append_large"], f["proof_http"]
    verdict = "within" if http["ms_p95"] < 20 else "OVER"
    lines = [
        f"Transparency log benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs)",
        f"Build: {f['size']:,} entries and {f['node_rows']:,} tree nodes by append_many in batches of {BATCH:,}: "
        f"{f['build_seconds']} s ({f['size'] / f['build_seconds']:,.0f} entries/s).",
        "",
        f"{'one append':<32}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'tree rows':>11}",
        *(f"{'at ' + format(a['size'], ',') + ' entries':<32}{a['ms_median']:>10}{a['ms_p95']:>9}{a['queries']:>9}"
          f"{a['node_rows_mean']:>11}" for a in (small, big)),
        "",
        f"Inclusion proof over HTTP (gunicorn, DEBUG off, {http['requests']} random entries of {f['size']:,}): "
        f"median {http['ms_median']} ms, p95 {http['ms_p95']} ms, p99 {http['ms_p99']} ms "
        f"({verdict} the 20 ms target).",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    (RESULTS.parent / "log.txt").write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("build")
    p.add_argument("--size", type=int, default=1_000_000)
    p.add_argument("--rebuild", action="store_true")
    p.set_defaults(run=build)
    p = commands.add_parser("large")
    p.set_defaults(run=large)
    p = commands.add_parser("proofs")
    p.add_argument("--base-url", required=True)
    p.add_argument("--requests", type=int, default=1000)
    p.set_defaults(run=proofs_over_http)
    p = commands.add_parser("report")
    p.set_defaults(run=report)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
