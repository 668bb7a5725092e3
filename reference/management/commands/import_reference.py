"""Load national reference lists from CSV files: the full GB/T 2260 regions or GB/T 4754 industries.

    manage.py import_reference regions DIR      # provinces.csv, cities.csv, areas.csv (code,name,…)
    manage.py import_reference industries FILE  # code,name_zh,name_en — sections before divisions
    manage.py import_reference majors FILE      # 职业教育专业目录: code,name_zh,name_en — families first

Existing codes are updated, new ones added; a malformed file changes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reference.importing import ReferenceImportError, industries_import, majors_import, regions_import
from reference.models import Industry, Major, Region
from reference.signals import reference_imported


class Command(BaseCommand):
    help = "Import GB/T 2260 regions (a folder of three CSV files) GB/T 4754 industries or vocational majors (one CSV file)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["regions", "industries", "majors"])
        parser.add_argument("path", type=Path)

    def handle(self, *args, kind, path, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            if kind == "regions":
                count = regions_import(Region=Region, directory=path)
            elif kind == "majors":
                count = majors_import(Major=Major, path=path)
            else:
                count = industries_import(Industry=Industry, path=path)
        except (ReferenceImportError, KeyError, UnicodeDecodeError) as error:
            raise CommandError(f"Nothing was imported: {error}")
        reference_imported.send(sender={"regions": Region, "majors": Major}.get(kind, Industry))
        self.stdout.write(self.style.SUCCESS(f"{count} {kind} imported."))
