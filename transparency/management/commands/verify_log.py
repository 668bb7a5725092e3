"""manage.py verify_log: check the stored transparency log against its entries, its signed
checkpoints and the rows it speaks of; exit non-zero on any problem."""

import time

from django.core.management.base import BaseCommand, CommandError

from transparency.verification import verify_log


class Command(BaseCommand):
    help = ("Recompute every leaf hash and the tree from the stored entries, compare them with the signed "
            "checkpoints, and compare the digests of logged objects with their rows as they are now.")

    def add_arguments(self, parser):
        parser.add_argument("--no-objects", action="store_true", help="skip comparing logged objects with their rows")

    def handle(self, *args, no_objects, **options):
        started = time.monotonic()
        report = verify_log(objects=not no_objects)
        self.stdout.write(
            f"{report.entries} entries, {report.checkpoints} checkpoints and {report.objects} objects checked "
            f"in {time.monotonic() - started:.1f} s."
        )
        for problem in report.problems:
            self.stdout.write(f"  {problem}")
        if report.tampered:
            self.stdout.write(f"Changed entries: {', '.join(map(str, report.tampered))}")
        if report.changed_objects:
            self.stdout.write(f"Rows changed behind the portal's back: {', '.join(report.changed_objects)}")
        if not report.ok:
            raise CommandError(f"The log does not verify: {len(report.problems)} problems.")
        self.stdout.write(self.style.SUCCESS("The log verifies."))
