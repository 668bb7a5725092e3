"""Build the demo consortium (idempotent), or a large one with --scale for benchmarks.

Every installed app with a ``demo.py`` takes part, in the order of INSTALLED_APPS (so the
members exist before the apps that build on them): ``seed_demo(context)`` adds its demo
data (then ``finish_demo(context)``, if defined, once every app has seeded), and ``seed_demo_scale(context, students=N)``, if defined, its share of the large
consortium, returning a line for the report. ``context`` carries ``password_hash``, the
``organizations`` by key once members has seeded, and ``logins`` — lines to print."""

import importlib
import time

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.audit import audit_context
from core.caching import bump
from members.access import PROFILES
from members.demo import DEMO_PASSWORD
from members.selectors import DIRECTORY


def demo_modules() -> list:
    modules = []
    for config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
    return modules


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
        context = {"password_hash": make_password(DEMO_PASSWORD), "organizations": {}, "logins": []}
        modules = demo_modules()
        with audit_context(source="system"):
            with transaction.atomic():
                for module in modules:
                    module.seed_demo(context)
                # What must see every app's data (the log's checkpoint over every entry the apps appended).
                for module in modules:
                    if hasattr(module, "finish_demo"):
                        module.finish_demo(context)
            if scale:
                for module in modules:
                    if hasattr(module, "seed_demo_scale"):
                        summary = module.seed_demo_scale(context, students=scale)
                        self.stdout.write(f"Scale data ({module.__name__}): {summary}.")
        # Bulk inserts send no signals: cached pages and access profiles must be told the data changed.
        bump(DIRECTORY)
        bump(PROFILES)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
        if not quiet_logins:
            self.stdout.write("\nDemo logins (password for all: %s):" % DEMO_PASSWORD)
            for line in context["logins"]:
                self.stdout.write(f"  {line}")
