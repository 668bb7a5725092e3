from io import StringIO

from django.core.management import call_command

from transparency.models import Checkpoint, Cosignature, LogEntry, Witness


def test_the_demo_has_lead_members_witnesses_and_a_cosigned_checkpoint_once(db):
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())

    witnesses = Witness.objects.select_related("organization")
    assert witnesses.count() == 3 and all(w.organization.is_lead_member for w in witnesses)
    checkpoint = Checkpoint.objects.get()
    assert checkpoint.size == LogEntry.objects.count() >= 8
    assert Cosignature.objects.filter(checkpoint=checkpoint).count() == 3
    call_command("verify_log", stdout=StringIO())
