"""Load the shipped reference lists: GB/T 2260 regions and the GB/T 4754 subset."""

from django.db import migrations


def load(apps, schema_editor):
    from reference.importing import industries_import, regions_import

    regions_import(Region=apps.get_model("talent_matching", "Region"))
    industries_import(Industry=apps.get_model("talent_matching", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("talent_matching", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
