"""Appending, proofs from the stored tree, checkpoints, witnesses and the beat task."""

import hashlib
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from transparency import merkle, note, proofs, services
from transparency.models import Checkpoint, Cosignature, LogEntry, TreeNode, Witness
from transparency.tasks import checkpoint_publish_task


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def fill(count: int, start: int = 0):
    return services.append_many([
        {"kind": "test.recorded", "obj_ref": f"test.thing:{i}", "digest": digest(str(i))} for i in range(start, start + count)
    ])


def log_verifier():
    key = services.log_key()
    return note.Verifier(key.name, note.ED25519, bytes(key.public_key))


# --- appending ---------------------------------------------------------------------------------------


def test_an_entry_is_canonical_json_of_what_happened_and_its_leaf_hash_is_kept(org_a):
    entry = services.append(kind="credential.issued", obj_ref="credentials.credential:42", digest=digest("c"),
                            actor_organization=org_a)

    data = bytes(entry.entry)
    assert data == (
        '{"actor":{"id":%d,"name":"%s"},"at":"%s","digest":"%s","kind":"credential.issued",'
        '"object":"credentials.credential:42"}' % (org_a.pk, org_a.name_zh, entry.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                                   digest("c"))
    ).encode()
    assert bytes(entry.leaf_hash) == merkle.leaf_hash(data)
    assert entry.index == 0 and proofs.root_at(1) == merkle.leaf_hash(data)


def test_an_entry_without_an_actor_names_none(db):
    entry = services.append(kind="resolution.adopted", obj_ref="urn:consortium:resolution:2026-3", digest=digest("r"))
    assert b'"actor":null' in bytes(entry.entry)


@pytest.mark.parametrize("bad", [
    {"kind": "Credential Issued"}, {"obj_ref": "two words"}, {"obj_ref": ""}, {"digest": "md5:00"},
    {"digest": "sha256:" + "0" * 63},
])
def test_a_malformed_entry_is_refused_and_nothing_is_logged(db, bad):
    item = {"kind": "credential.issued", "obj_ref": "credentials.credential:1", "digest": digest("x")} | bad
    with pytest.raises(ValueError):
        services.append(**item)
    assert proofs.size() == 0


def test_an_append_writes_only_the_nodes_it_completes_in_a_bounded_number_of_queries(db):
    fill(1023)
    before = TreeNode.objects.count()
    with CaptureQueriesContext(connection) as queries:
        fill(1, start=1023)
    # Leaf 1023 (binary 1111111111) completes ten subtrees besides itself: 11 rows, not the tree.
    assert TreeNode.objects.count() - before == 11
    assert len(queries) <= 6, [q["sql"][:80] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        fill(1, start=1024)
    assert TreeNode.objects.count() - before == 12
    assert len(queries) <= 6


def test_the_stored_tree_gives_the_root_of_every_past_size(db):
    entries = fill(37)
    leaves = [bytes(e.leaf_hash) for e in entries]
    for size in range(38):
        assert proofs.root_at(size) == merkle.tree_hash(leaves[:size])
    with pytest.raises(proofs.ProofError):
        proofs.root_at(38)


def test_proofs_for_any_past_size_verify_and_cost_one_query(db, django_assert_max_num_queries):
    entries = fill(100)
    leaves = [bytes(e.leaf_hash) for e in entries]
    for tree_size in (1, 2, 7, 64, 65, 99, 100):
        root = merkle.tree_hash(leaves[:tree_size])
        for index in {0, tree_size // 2, tree_size - 1}:
            with django_assert_max_num_queries(2):
                proof, proof_root = proofs.inclusion_proof(index, tree_size)
            assert proof_root == root
            assert merkle.verify_inclusion(index, tree_size, leaves[index], proof, root)
        for first in {1, min(3, tree_size), tree_size // 2 or 1, tree_size}:
            with django_assert_max_num_queries(2):
                proof = proofs.consistency_proof(first, tree_size)
            assert merkle.verify_consistency(first, tree_size, merkle.tree_hash(leaves[:first]), root, proof)


def test_an_append_that_is_rolled_back_leaves_no_entry_and_no_gap(db):
    fill(3)
    with pytest.raises(RuntimeError), transaction.atomic():
        fill(2, start=3)
        raise RuntimeError("the caller's write failed")
    assert proofs.size() == 3 and LogEntry.objects.count() == 3
    assert fill(1, start=5)[0].index == 3


@pytest.mark.django_db(transaction=True)
def test_two_transactions_appending_at_once_get_gapless_indices():
    errors = []
    barrier = threading.Barrier(2)

    def writer(name):
        try:
            barrier.wait()
            for i in range(10):
                with transaction.atomic():
                    services.append(kind="test.recorded", obj_ref=f"test.{name}:{i}", digest=digest(f"{name}{i}"))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(LogEntry.objects.values_list("index", flat=True)) == list(range(20))
    leaves = [bytes(h) for h in LogEntry.objects.order_by("index").values_list("leaf_hash", flat=True)]
    assert proofs.root_at(20) == merkle.tree_hash(leaves)


# --- checkpoints -------------------------------------------------------------------------------------


def test_a_checkpoint_is_a_signed_note_that_verifies_with_the_log_s_vkey(db, settings):
    fill(5)
    checkpoint = services.checkpoint_sign()

    text, verified = note.open_note(checkpoint.note, [note.Verifier.parse(log_verifier().vkey)])
    parsed = note.Checkpoint.parse(text)
    assert parsed.origin == settings.TRANSPARENCY_LOG_ORIGIN and parsed.size == 5
    assert parsed.root == proofs.root_at(5) == bytes(checkpoint.root)
    assert services.checkpoint_sign() is None  # nothing new to sign
    fill(1, start=5)
    assert services.checkpoint_sign().size == 6


def test_the_log_key_is_sealed_at_rest(db):
    key = services.log_key()
    sealed = bytes(key.private_key_encrypted)
    private = services._log_private_key(key)
    assert private.private_bytes_raw() not in sealed
    assert note.public_bytes(private) == bytes(key.public_key)


# --- witnesses -----------------------------------------------------------------------------------------


@pytest.fixture
def witness(government):
    return services.witness_create(organization=government)


def request_body(old, new_checkpoint, proof=None):
    if proof is None:
        proof = proofs.consistency_proof(old, new_checkpoint.size) if 0 < old < new_checkpoint.size else []
    return services.add_checkpoint_body(old, proof, new_checkpoint.note)


def test_a_witness_cosigns_a_first_checkpoint_and_then_only_consistent_ones(witness):
    fill(4)
    first = services.checkpoint_sign()
    line = services.witness_add_checkpoint(witness=witness, body=request_body(0, first))
    text, _sigs = note.split(first.note)
    _text, verified = note.open_note(text + "\n" + line, [services.witness_verifier(witness)])
    assert list(verified) == [services.witness_verifier(witness)]
    witness.refresh_from_db()
    assert witness.last_size == 4 and bytes(witness.last_root) == bytes(first.root)

    fill(7, start=4)
    second = services.checkpoint_sign()
    services.witness_add_checkpoint(witness=witness, body=request_body(4, second))
    witness.refresh_from_db()
    assert witness.last_size == 11


def test_a_witness_refuses_an_old_size_that_is_not_its_latest_with_its_size(witness):
    fill(4)
    first = services.checkpoint_sign()
    services.witness_add_checkpoint(witness=witness, body=request_body(0, first))
    fill(2, start=4)
    second = services.checkpoint_sign()
    with pytest.raises(services.WitnessRefusal) as refused:
        services.witness_add_checkpoint(witness=witness, body=request_body(0, second))
    assert (refused.value.status, refused.value.size) == (409, 4)


def test_a_witness_refuses_a_proof_that_does_not_verify(witness):
    fill(4)
    services.witness_add_checkpoint(witness=witness, body=request_body(0, services.checkpoint_sign()))
    fill(2, start=4)
    second = services.checkpoint_sign()
    proof = proofs.consistency_proof(4, 6)
    proof[0] = bytes(32)
    with pytest.raises(services.WitnessRefusal) as refused:
        services.witness_add_checkpoint(witness=witness, body=request_body(4, second, proof))
    assert refused.value.status == 422
    witness.refresh_from_db()
    assert witness.last_size == 4


def test_a_witness_refuses_a_checkpoint_not_signed_by_the_log_it_trusts(witness):
    fill(4)
    checkpoint = services.checkpoint_sign()
    impostor = note.sign(note.split(checkpoint.note)[0], name=services.log_key().name,
                         private_key=services.Ed25519PrivateKey.generate())
    forged = note.render(note.split(checkpoint.note)[0], [impostor])
    with pytest.raises(services.WitnessRefusal) as refused:
        services.witness_add_checkpoint(witness=witness, body=services.add_checkpoint_body(0, [], forged))
    assert refused.value.status == 403


# --- the beat task --------------------------------------------------------------------------------------


def test_the_beat_task_signs_gathers_cosignatures_and_is_safe_to_repeat(government, org_a):
    services.witness_create(organization=government)
    services.witness_create(organization=org_a)
    assert checkpoint_publish_task.apply().get() is None  # an empty log: nothing to sign

    fill(5)
    assert checkpoint_publish_task.apply().get() == 5
    assert checkpoint_publish_task.apply().get() == 5
    assert Checkpoint.objects.count() == 1 and Cosignature.objects.count() == 2

    fill(3, start=5)
    assert checkpoint_publish_task.apply().get() == 8
    checkpoint = Checkpoint.objects.get(size=8)
    served = proofs.cosigned_note(checkpoint)
    witnesses = [services.witness_verifier(w) for w in Witness.objects.all()]
    _text, verified = note.open_note(served, [log_verifier(), *witnesses])
    assert set(verified) == {log_verifier(), *witnesses}


def test_a_witness_that_lost_track_is_caught_up_through_its_conflict_answer(government):
    witness = services.witness_create(organization=government)
    fill(3)
    services.checkpoint_publish()
    fill(3, start=3)
    services.checkpoint_sign()
    # The log forgets it heard from the witness; the witness's 409 tells it where to prove from.
    Cosignature.objects.all().delete()
    services.checkpoint_publish()
    witness.refresh_from_db()
    assert witness.last_size == 6 and Cosignature.objects.get().checkpoint.size == 6
