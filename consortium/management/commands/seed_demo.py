"""Build the demo consortium (idempotent), or a large one with --scale for benchmarks.

Each app adds its own demo data in ``<app>/demo.py`` with a ``seed(context)`` function,
called in the order of DEMO_APPS after the members exist."""

import importlib
import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.audit import audit_context
from core.caching import bump
from members.selectors import DIRECTORY
from members import demo as members_demo

DEMO_APPS = ["talent_matching", "credentials", "training", "consortium"]


class Command(BaseCommand):
    help = "Create the demo consortium; running it again adds nothing twice."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, metavar="N",
                            help="also build N students, N/25 teachers and N/100 organisations for benchmarks")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")

    def handle(self, *args, scale, quiet_logins, **options):
        if scale < 0:
            raise CommandError("--scale must be a positive number of students")
        started = time.monotonic()
        password_hash = make_password(members_demo.DEMO_PASSWORD)
        with audit_context(source="system"):
            with transaction.atomic():
                orgs = members_demo.seed(password_hash=password_hash)
                context = {"organizations": orgs, "password_hash": password_hash}
                for app in DEMO_APPS:
                    try:
                        module = importlib.import_module(f"{app}.demo")
                    except ModuleNotFoundError as error:
                        if error.name != f"{app}.demo":
                            raise
                        continue
                    module.seed(context)
            if scale:
                result = members_demo.seed_scale(students=scale, password_hash=password_hash)
                self.stdout.write(
                    f"Scale data: {result['organizations']} organisations, {result['students']} students, "
                    f"{result['teachers']} teachers."
                )
        # Bulk inserts send no signals: cached public pages must be told the data changed.
        bump(DIRECTORY)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
        if not quiet_logins:
            self.stdout.write("\nDemo logins (password for all: %s):" % members_demo.DEMO_PASSWORD)
            for username, full_name, org_key, _roles, what in members_demo.LOGINS:
                self.stdout.write(f"  {what:<24} {username:<14} {full_name} · {orgs[org_key].name_zh}")
            self.stdout.write("  membership applicant     applicant      (pending application)")
