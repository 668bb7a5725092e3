# The database's guard against overspending a budget line (see models.projects.OVERSPEND_GUARD_SQL).

from django.db import migrations

from consortium.governance.models.projects import OVERSPEND_GUARD_REVERSE_SQL, OVERSPEND_GUARD_SQL


class Migration(migrations.Migration):

    dependencies = [("governance", "0002_projects")]

    operations = [migrations.RunSQL(OVERSPEND_GUARD_SQL, OVERSPEND_GUARD_REVERSE_SQL)]
