"""tools/tlog_verify.py, the verifier outside the portal, run as its own process against a live
portal: it accepts the log as served, follows it from a trusted checkpoint, and fails on a changed
entry, a missing cosignature or another log's key."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from transparency import services
from transparency.models import LogEntry

VERIFIER = Path(settings.BASE_DIR) / "tools" / "tlog_verify.py"


def run(url, *args):
    result = subprocess.run([sys.executable, str(VERIFIER), url, *args], capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin"})
    return result.returncode, result.stdout + result.stderr


def add(count, start=0):
    services.append_many([
        {"kind": "test.recorded", "obj_ref": f"test.thing:{i}", "digest": "sha256:" + hashlib.sha256(str(i).encode()).hexdigest()}
        for i in range(start, start + count)
    ])


@pytest.fixture
def keys(live_server, government, org_a):
    witnesses = [services.witness_create(organization=org) for org in (government, org_a)]
    add(21)
    services.checkpoint_publish()
    log = services.log_key()
    from transparency import note

    log_vkey = note.Verifier(log.name, note.ED25519, bytes(log.public_key)).vkey
    args = ["--log-key", log_vkey]
    for witness in witnesses:
        args += ["--witness-key", services.witness_verifier(witness).vkey]
    return args


def test_the_log_as_served_verifies(live_server, keys):
    status, output = run(live_server.url, *keys)
    assert status == 0, output
    assert "Cosigned by 2 of 2 witnesses" in output and "Inclusion proofs of 21 entries verify." in output


def test_it_follows_the_log_from_a_trusted_checkpoint(live_server, keys, tmp_path):
    saved = tmp_path / "last.checkpoint"
    assert run(live_server.url, *keys, "--save", str(saved))[0] == 0
    add(9, start=21)
    services.checkpoint_publish()

    status, output = run(live_server.url, *keys, "--trusted", str(saved), "--sample", "5")

    assert status == 0, output
    assert "Consistent with the trusted checkpoint of 21 entries." in output
    assert "Inclusion proofs of 5 entries verify." in output


def test_a_changed_entry_fails_and_is_named(live_server, keys):
    entry = LogEntry.objects.get(index=7)
    LogEntry.objects.filter(index=7).update(entry=bytes(entry.entry).replace(b"test.thing:7", b"test.thing:8"))

    status, output = run(live_server.url, *keys)

    assert status == 1 and "FAILED: entry 7" in output


def test_an_entry_rewritten_with_its_leaf_hash_fails_against_the_signed_root(live_server, keys):
    from transparency import merkle

    entry = LogEntry.objects.get(index=7)
    data = bytes(entry.entry).replace(b"test.thing:7", b"test.thing:8")
    LogEntry.objects.filter(index=7).update(entry=data, leaf_hash=merkle.leaf_hash(data))

    status, output = run(live_server.url, *keys)

    assert status == 1 and "FAILED: entry 7 as served is not the entry the checkpoint signed" in output


def test_too_few_cosignatures_or_another_log_s_key_fail(live_server, keys, school):
    extra = services.witness_create(organization=school)  # set up after the checkpoint: it has not cosigned
    status, output = run(live_server.url, *keys, "--witness-key", services.witness_verifier(extra).vkey)
    assert status == 1 and "2 cosignatures where 3 are required" in output

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from transparency import note

    impostor = note.Verifier(services.log_key().name, note.ED25519, note.public_bytes(Ed25519PrivateKey.generate()))
    status, output = run(live_server.url, "--log-key", impostor.vkey)
    assert status == 1 and "not signed by the log's key" in output


def test_the_verifier_needs_neither_django_nor_the_portal_s_code():
    import ast

    tree = ast.parse(VERIFIER.read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported - set(sys.stdlib_module_names) == {"cryptography"}
