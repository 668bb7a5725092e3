"""manage.py verify_log finds a changed entry by its index and a row changed behind the portal's back."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from members.models import Organization
from transparency import services, verification
from transparency.canonical import canonical_json
from transparency.models import LogEntry, TreeNode


def organization_digest(obj_ref: str) -> str | None:
    """A test-only kind: an organisation's name and credit code as logged."""
    organization = Organization.objects.filter(pk=int(obj_ref.split(":")[1])).first()
    if organization is None:
        return None
    content = canonical_json({"name": organization.name_zh, "credit_code": organization.credit_code})
    return "sha256:" + hashlib.sha256(content).hexdigest()


@pytest.fixture
def logged(monkeypatch, org_a, org_b):
    monkeypatch.setattr(verification, "digest_functions", lambda: {"test.organization": organization_digest})
    services.append_many([
        {"kind": "test.organization", "obj_ref": f"members.organization:{org.pk}",
         "digest": organization_digest(f"members.organization:{org.pk}"), "actor_organization": org}
        for org in (org_a, org_b)
    ] + [{"kind": "test.other", "obj_ref": f"test.thing:{i}", "digest": "sha256:" + "ab" * 32} for i in range(5)])
    services.checkpoint_sign()
    services.append(kind="test.other", obj_ref="test.thing:5", digest="sha256:" + "cd" * 32)
    return org_a, org_b


def run():
    out = StringIO()
    try:
        call_command("verify_log", stdout=out)
    except CommandError as error:
        return False, out.getvalue() + str(error)
    return True, out.getvalue()


def test_an_untouched_log_verifies(logged):
    ok, output = run()
    assert ok, output
    assert "8 entries, 1 checkpoints and 2 objects checked" in output


def test_a_changed_entry_is_named_by_its_index(logged):
    entry = LogEntry.objects.get(index=3)
    LogEntry.objects.filter(index=3).update(entry=bytes(entry.entry).replace(b"test.thing:1", b"test.thing:9"))

    ok, output = run()

    assert not ok
    assert "entry 3: its stored bytes, hash or columns were changed" in output
    assert "checkpoint 7" in output and "Changed entries: 3" in output


def test_an_entry_rewritten_with_its_hashes_is_caught_by_the_signed_checkpoint(logged):
    from transparency import merkle

    entry = LogEntry.objects.get(index=3)
    data = bytes(entry.entry).replace(b"test.thing:1", b"test.thing:9")
    LogEntry.objects.filter(index=3).update(entry=data, object_ref="test.thing:9", leaf_hash=merkle.leaf_hash(data))
    TreeNode.objects.filter(level=0, index=3).update(hash=merkle.leaf_hash(data))

    ok, output = run()

    assert not ok and "checkpoint 7: the entries give root" in output


def test_a_row_changed_behind_the_portal_s_back_is_reported(logged):
    org_a, org_b = logged
    Organization.objects.filter(pk=org_b.pk).update(name_zh="改名科技有限公司")

    ok, output = run()

    assert not ok
    assert f"members.organization:{org_b.pk} (test.organization): the row now has digest" in output
    assert f"members.organization:{org_a.pk}" not in output.split("Rows changed")[1]


def test_a_row_changed_and_logged_again_verifies(logged):
    _org_a, org_b = logged
    Organization.objects.filter(pk=org_b.pk).update(name_zh="改名科技有限公司")
    services.append(kind="test.organization", obj_ref=f"members.organization:{org_b.pk}",
                    digest=organization_digest(f"members.organization:{org_b.pk}"))
    ok, output = run()
    assert ok, output
