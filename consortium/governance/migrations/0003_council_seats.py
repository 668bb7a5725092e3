"""Council representatives appointed by hand before seats existed become seats on the council: the
organisation's first representative its principal, a second its alternate. The role is from now on
a consequence of holding a seat (consortium.governance.services.bodies)."""

from django.db import migrations
from django.utils import timezone


def seats_from_council_representatives(apps, schema_editor):
    Body = apps.get_model("governance", "Body")
    Seat = apps.get_model("governance", "Seat")
    Membership = apps.get_model("members", "Membership")
    representatives = (Membership.objects.filter(role="council_rep", ended_at__isnull=True)
                       .order_by("organization_id", "started_at", "pk"))
    if not representatives.exists():
        return
    council = Body.objects.filter(kind="council").order_by("-is_active", "pk").first()
    if council is None:
        council = Body.objects.filter(code="理").first() or Body.objects.create(
            name="理事会", name_en="Council", kind="council", level="decision", code="理",
            quorum_rule="more_than_half")
    for membership in representatives:
        seat = Seat.objects.filter(body=council, organization_id=membership.organization_id,
                                   ended_at__isnull=True).first()
        if seat is None:
            Seat.objects.create(body=council, organization_id=membership.organization_id,
                                principal_id=membership.user_id, role="member", weight=1,
                                term_start=timezone.localtime(membership.started_at).date(),
                                created_at=membership.started_at)
        elif seat.alternate_id is None and membership.user_id != seat.principal_id:
            seat.alternate_id = membership.user_id
            seat.save(update_fields=["alternate"])


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_database_guards"), ("members", "0009_application_steps")]

    operations = [migrations.RunPython(seats_from_council_representatives, migrations.RunPython.noop)]
