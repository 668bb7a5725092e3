"""Load national reference lists from CSV files (UTF-8, a header row, parents before or after
their children):

    manage.py import_reference regions DIR         # GB/T 2260: provinces.csv, cities.csv, areas.csv (NBS layout)
    manage.py import_reference industries FILE     # GB/T 4754: code,name_zh,name_en (C, C34, C341, C3411)
    manage.py import_reference majors FILE         # 职业教育专业目录: code,name_zh,name_en (46, 4603, 460301)
    manage.py import_reference occupations FILE    # 职业分类大典: code,name_zh,name_en (2, 2-02, 2-02-10, 2-02-10-03)
    manage.py import_reference skills FILE         # skills: code,name_zh,name_en,family (S0101)

Existing codes are updated, new ones added. Every row is checked first: if any is bad, each
bad row is reported with its line and reason, nothing is imported and the command exits with
status 1."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reference import importing
from reference.models import Industry, Major, Occupation, Region, Skill
from reference.signals import reference_imported

KINDS = {
    "regions": (Region, lambda path: importing.regions_import(Region=Region, directory=path)),
    "industries": (Industry, lambda path: importing.industries_import(Industry=Industry, path=path)),
    "majors": (Major, lambda path: importing.majors_import(Major=Major, path=path)),
    "occupations": (Occupation, lambda path: importing.occupations_import(Occupation=Occupation, path=path)),
    "skills": (Skill, lambda path: importing.skills_import(Skill=Skill, path=path)),
}


class Command(BaseCommand):
    help = ("Import a national reference list from CSV: GB/T 2260 regions (a folder of three files), GB/T 4754 "
            "industries, vocational majors, occupations or skills (one file each). A file with any bad row "
            "imports nothing and every bad row is reported.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("path", type=Path, help="the CSV file (for regions: the folder of the three files)")

    def handle(self, *args, kind, path, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        if (kind == "regions") != path.is_dir():
            raise CommandError(f"{path} must be a {'folder' if kind == 'regions' else 'file'} for {kind}")
        Model, load = KINDS[kind]
        try:
            report = load(path)
        except importing.ReferenceImportError as error:
            count = len(error.problems)
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"Nothing was imported: {count} bad row{'s' if count != 1 else ''} in {path}.\n{lines}", returncode=1
            )
        reference_imported.send(sender=Model)
        self.stdout.write(self.style.SUCCESS(f"{kind.capitalize()} from {path}: {report}."))
