"""The admin console's read-only pages of the log: entries, checkpoints with their cosignature
count, witnesses — never a private key."""

import hashlib

import pytest
from django.urls import reverse

from tests.fixtures import client_for
from transparency import services
from transparency.models import Checkpoint, LogEntry, Witness


@pytest.fixture
def published(government, org_a):
    for org in (government, org_a):
        services.witness_create(organization=org)
    services.append_many([
        {"kind": "test.recorded", "obj_ref": f"test.thing:{i}", "digest": "sha256:" + hashlib.sha256(bytes([i])).hexdigest()}
        for i in range(30)
    ])
    return services.checkpoint_publish()


@pytest.mark.parametrize("name", ["logentry", "checkpoint", "witness"])
def test_the_secretariat_reads_the_log_in_the_console_without_private_keys(published, secretariat, name,
                                                                           django_assert_max_num_queries):
    client = client_for(secretariat)
    with django_assert_max_num_queries(15):
        listing = client.get(reverse(f"admin:transparency_{name}_changelist"))
    assert listing.status_code == 200
    model = {"logentry": LogEntry, "checkpoint": Checkpoint, "witness": Witness}[name]
    detail = client.get(reverse(f"admin:transparency_{name}_change", args=[model.objects.first().pk]))
    assert detail.status_code == 200
    for witness in Witness.objects.all():
        sealed = bytes(witness.private_key_encrypted)
        for page in (listing, detail):
            assert sealed.hex() not in page.content.decode()
    assert client.get(reverse(f"admin:transparency_{name}_add")).status_code == 403


def test_the_checkpoint_list_counts_cosignatures(published, secretariat):
    page = client_for(secretariat).get(reverse("admin:transparency_checkpoint_changelist")).content.decode()
    assert 'class="field-cosignature_count">2<' in page


def test_a_witness_page_shows_its_verifier_key(published, secretariat):
    witness = Witness.objects.first()
    page = client_for(secretariat).get(reverse("admin:transparency_witness_change", args=[witness.pk])).content.decode()
    assert services.witness_verifier(witness).vkey in page


def test_only_the_secretariat_sets_up_a_witness(org_a, admin_a, secretariat):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.witness_create(organization=org_a, actor=admin_a)
    assert services.witness_create(organization=org_a, actor=secretariat) == services.witness_create(organization=org_a)


def test_a_witness_is_set_up_from_the_command_line_once(org_a):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("add_witness", str(org_a.pk), stdout=out)
    call_command("add_witness", str(org_a.pk), stdout=StringIO())
    witness = Witness.objects.get(organization=org_a)
    assert services.witness_verifier(witness).vkey in out.getvalue()
    with pytest.raises(CommandError):
        call_command("add_witness", "999999", stdout=StringIO())
