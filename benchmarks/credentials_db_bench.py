"""Helper for bin/bench-credentials --database: issue 10,000 credentials in one batch job on
PostgreSQL through the issuing service (canonicalise + sign + store + log append, with the
status entries allocated) and verify 10,000 from the database, the work spread over worker
processes as Celery's would be. Run through bin/bench-credentials, not on its own.

    python benchmarks/credentials_db_bench.py [--count N] [--processes N] [--out FILE]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")

import django  # noqa: E402

django.setup()

from django.db import connections, transaction  # noqa: E402

from credentials import keys, services  # noqa: E402
from credentials.models import Achievement, AchievementKind, Credential, IssuanceBatch  # noqa: E402
from credentials.vc import verification  # noqa: E402
from members.demo import credit_code  # noqa: E402
from members.models import Membership, Organization, OrganizationKind, OrganizationStatus, Role, User  # noqa: E402
from transparency.models import LogEntry  # noqa: E402

TARGET = 300
SCHOOL = "基准测试职业技术学院"


def _school(count: int):
    """The benchmark's school, its administrator and ``count`` students (made once, kept)."""
    school = Organization.objects.filter(name_zh=SCHOOL).first()
    if school is None:
        school = Organization.objects.create(
            name_zh=SCHOOL, name_en="Benchmark Polytechnic", kind=OrganizationKind.HIGHER_VOCATIONAL,
            status=OrganizationStatus.ACTIVE, credit_code=credit_code("320411", 990777, "12"),
            region_id="320411", industry_id="P83",
        )
    admin, _created = User.objects.get_or_create(username="bench_school_admin", defaults={"full_name": "基准管理员"})
    Membership.objects.get_or_create(user=admin, organization=school, role=Role.ORG_ADMIN)
    have = Membership.objects.filter(organization=school, role=Role.STUDENT).count()
    if have < count:
        users = User.objects.bulk_create([
            User(username=f"bench_student_{n:06d}", full_name=f"学生{n}", password="!")
            for n in range(have, count)
        ], batch_size=2000)
        Membership.objects.bulk_create([Membership(user=u, organization=school, role=Role.STUDENT) for u in users],
                                       batch_size=2000)
    students = list(Membership.objects.filter(organization=school, role=Role.STUDENT)
                    .order_by("user_id").values_list("user_id", flat=True)[:count])
    achievement, _created = Achievement.objects.get_or_create(
        issuer=school, name="工业机器人操作与运维", level="中级",
        defaults={"kind": AchievementKind.SKILL_CERTIFICATE, "major_code": "460305",
                  "description": "1+X 工业机器人操作与运维职业技能等级证书（中级）。",
                  "criteria": "通过理论知识考试和实操技能考核。"},
    )
    return school, admin, students, achievement


def _issue_part(task):
    batch_id, part, parts = task
    connections.close_all()
    services.batch_run(batch_id=batch_id, part=part, parts=parts)
    return part


_DID, _LISTS = {}, {}


def _public_key_for(method):
    """A verifier's cache of DID documents (the portal serves them with Cache-Control)."""
    organization_id = keys.local_organization_id(method)
    if organization_id not in _DID:
        _DID[organization_id] = keys.did_document(Organization.objects.get(pk=organization_id))
    from credentials.vc import did

    return did.public_key_of(_DID[organization_id], method)


def _fetch_list(url):
    if url not in _LISTS:
        _LISTS[url] = keys.fetch_status_list(url)
    return _LISTS[url]


def _verify_part(task):
    batch_id, part, parts = task
    connections.close_all()
    ids = list(Credential.objects.filter(batch_id=batch_id).order_by("pk").values_list("pk", flat=True))[part::parts]
    valid = 0
    for start in range(0, len(ids), 500):
        for document in Credential.objects.filter(pk__in=ids[start:start + 500]).values_list("document", flat=True):
            result = verification.verify_credential(document, public_key_for=_public_key_for,
                                                    fetch_status_list=_fetch_list)
            valid += result.valid
    return len(ids), valid


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--load-before", default="")
    parser.add_argument("--out", default=str(BASE_DIR / "bench-results" / "credentials-db.txt"))
    args = parser.parse_args()

    print(f"Preparing a school with {args.count} students …", flush=True)
    with transaction.atomic():
        school, admin, students, achievement = _school(args.count)
    services.ensure_issuer_key(organization=school)
    log_before = LogEntry.objects.count()
    batch = services.batch_create(achievement=achievement, actor=admin, holder_ids=students,
                                  source="bench-credentials", queue=False)
    connections.close_all()
    context = multiprocessing.get_context("fork")
    tasks = [(batch.pk, part, args.processes) for part in range(args.processes)]

    print(f"Issuing {batch.total} credentials in one batch over {args.processes} processes …", flush=True)
    with context.Pool(args.processes) as pool:
        started = time.perf_counter()
        pool.map(_issue_part, tasks, chunksize=1)
        batch = services.batch_finish(batch_id=batch.pk)
        issue_seconds = time.perf_counter() - started
    issued = Credential.objects.filter(batch=batch).count()
    logged = LogEntry.objects.count() - log_before

    print(f"Verifying {issued} credentials from the database over {args.processes} processes …", flush=True)
    connections.close_all()
    with context.Pool(args.processes) as pool:
        started = time.perf_counter()
        results = pool.map(_verify_part, tasks, chunksize=1)
        verify_seconds = time.perf_counter() - started
    checked = sum(count for count, _valid in results)
    valid = sum(v for _count, v in results)

    issue_rate, verify_rate = issued / issue_seconds, checked / verify_seconds
    met = issue_rate >= TARGET and verify_rate >= TARGET and valid == checked == issued == batch.total
    lines = [
        f"Credentials on PostgreSQL, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {platform.node()}",
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {args.processes} worker processes; "
        f"load average before: {args.load_before or ' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        "",
        f"Issued in one batch job: {issued:,} credentials in {issue_seconds:.1f} s = {issue_rate:,.0f} per second "
        f"(status entries allocated, canonicalised, signed, stored, {logged:,} log entries appended)",
        f"Verified from the database: {checked:,} in {verify_seconds:.1f} s = {verify_rate:,.0f} per second "
        f"(format, signature, status, expiry; {valid:,} valid; DID documents and status lists cached by the verifier)",
        f"Target ≥ {TARGET} issued and ≥ {TARGET} verified per second: {'met' if met else 'NOT met'}.",
    ]
    text = "\n".join(lines) + "\n"
    print()
    print(text, end="")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"\nWritten to {out}")
    if IssuanceBatch.objects.get(pk=batch.pk).state != IssuanceBatch.State.DONE:
        sys.exit("The batch did not finish.")


if __name__ == "__main__":
    main()
