"""The log's public endpoints under /log/ and the witnesses' tlog-witness endpoint."""

import base64
import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from transparency import merkle, note, proofs, services
from transparency.models import LogEntry


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def fill(count: int, start: int = 0):
    return services.append_many([
        {"kind": "test.recorded", "obj_ref": f"test.thing:{i}", "digest": digest(str(i))} for i in range(start, start + count)
    ])


def b64(text):
    return base64.b64decode(text)


@pytest.fixture
def published(government, org_a):
    """A log of 10 entries with a checkpoint cosigned by two member organisations' witnesses."""
    services.witness_create(organization=government)
    services.witness_create(organization=org_a)
    fill(10)
    return services.checkpoint_publish()


def verifiers():
    keys = Client().get(reverse("transparency:keys")).json()
    return note.Verifier.parse(keys["log"]), [note.Verifier.parse(w["vkey"]) for w in keys["witnesses"]]


def test_the_latest_checkpoint_carries_the_log_s_signature_and_every_cosignature(published):
    response = Client().get(reverse("transparency:checkpoint"))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    log, witnesses = verifiers()
    text, verified = note.open_note(response.content.decode(), [log, *witnesses])
    assert note.Checkpoint.parse(text).size == 10 and len(verified) == 3


def test_no_checkpoint_yet_is_a_404_in_words(db):
    response = Client().get(reverse("transparency:checkpoint"))
    assert response.status_code == 404 and "检查点" in response.content.decode()


def test_entries_come_in_bounded_pages_with_their_exact_bytes(published, django_assert_max_num_queries):
    fill(150, start=10)
    with django_assert_max_num_queries(3):
        page = Client().get(reverse("transparency:entries"), {"start": 5}).json()
    assert page["size"] == 160 and (page["start"], page["end"]) == (5, 105) and len(page["entries"]) == 100
    first = page["entries"][0]
    assert first["index"] == 5 and first["entry"]["object"] == "test.thing:5"
    assert b64(first["leaf_hash"]) == merkle.leaf_hash(b64(first["entry_b64"]))
    assert Client().get(reverse("transparency:entries"), {"start": "x"}).status_code == 400
    assert Client().get(reverse("transparency:entries"), {"start": 9, "end": 2}).status_code == 400


def test_an_inclusion_proof_is_served_for_any_size_and_verifies(published, django_assert_max_num_queries):
    fill(5, start=10)
    leaf = bytes(LogEntry.objects.get(index=3).leaf_hash)
    with django_assert_max_num_queries(4):
        answer = Client().get(reverse("transparency:inclusion"), {"index": 3}).json()
    assert answer["size"] == 10  # the latest checkpoint's size unless asked
    assert merkle.verify_inclusion(3, 10, leaf, [b64(h) for h in answer["proof"]], bytes(published.root))
    answer = Client().get(reverse("transparency:inclusion"), {"index": 3, "size": 15}).json()
    assert merkle.verify_inclusion(3, 15, leaf, [b64(h) for h in answer["proof"]], proofs.root_at(15))
    assert Client().get(reverse("transparency:inclusion"), {"index": 3, "size": 16}).status_code == 404
    assert Client().get(reverse("transparency:inclusion"), {"index": 10, "size": 10}).status_code == 404
    assert Client().get(reverse("transparency:inclusion"), {"index": "-1"}).status_code == 400


def test_a_consistency_proof_between_two_sizes_verifies(published):
    fill(7, start=10)
    answer = Client().get(reverse("transparency:consistency"), {"first": 10, "second": 17}).json()
    assert merkle.verify_consistency(10, 17, bytes(published.root), proofs.root_at(17),
                                     [b64(h) for h in answer["proof"]])
    assert Client().get(reverse("transparency:consistency"), {"first": 10, "second": 18}).status_code == 404
    assert Client().get(reverse("transparency:consistency"), {"first": 10}).status_code == 400


def test_the_tlog_proof_bundle_verifies_offline_with_nothing_but_the_keys(published):
    response = Client().get(reverse("transparency:tlog_proof", args=[4]))
    assert response.status_code == 200
    bundle = note.TlogProof.parse(response.content.decode())
    log, witnesses = verifiers()

    # Offline: the keys and the bundle, no more.
    text, verified = note.open_note(bundle.checkpoint_note, [log, *witnesses])
    checkpoint = note.Checkpoint.parse(text)
    assert log in verified and len(verified) == 3
    assert merkle.verify_inclusion(bundle.index, checkpoint.size, merkle.leaf_hash(bundle.extra), bundle.proof,
                                   checkpoint.root)
    assert b'"object":"test.thing:4"' in bundle.extra
    changed = bundle.extra.replace(b"test.thing:4", b"test.thing:5")
    assert not merkle.verify_inclusion(bundle.index, checkpoint.size, merkle.leaf_hash(changed), bundle.proof,
                                       checkpoint.root)


def test_an_entry_not_yet_in_a_checkpoint_has_no_bundle(published):
    fill(1, start=10)
    assert Client().get(reverse("transparency:tlog_proof", args=[10])).status_code == 404


# --- the witness endpoint (C2SP tlog-witness) ---------------------------------------------------------


@pytest.fixture
def witness(government):
    return services.witness_create(organization=government)


def add_checkpoint(witness, body):
    return Client(enforce_csrf_checks=True).post(
        reverse("transparency:witness_add_checkpoint", args=[witness.pk]), body, content_type="text/plain"
    )


def test_the_witness_endpoint_answers_a_cosignature_line(witness):
    fill(3)
    checkpoint = services.checkpoint_sign()
    response = add_checkpoint(witness, services.add_checkpoint_body(0, [], checkpoint.note))

    assert response.status_code == 200
    line = response.content.decode()
    assert line.startswith("\u2014 " + witness.name + " ") and line.endswith("\n")
    text = note.split(checkpoint.note)[0]
    _text, verified = note.open_note(text + "\n" + line, [services.witness_verifier(witness)])
    assert verified


def test_the_witness_endpoint_answers_409_with_its_size(witness):
    fill(3)
    first = services.checkpoint_sign()
    add_checkpoint(witness, services.add_checkpoint_body(0, [], first.note))
    fill(2, start=3)
    second = services.checkpoint_sign()

    response = add_checkpoint(witness, services.add_checkpoint_body(1, proofs.consistency_proof(1, 5), second.note))

    assert response.status_code == 409
    assert response["Content-Type"] == "text/x.tlog.size" and response.content == b"3\n"


def test_the_witness_endpoint_answers_422_to_a_proof_that_does_not_verify(witness):
    fill(3)
    add_checkpoint(witness, services.add_checkpoint_body(0, [], services.checkpoint_sign().note))
    fill(2, start=3)
    second = services.checkpoint_sign()
    wrong = proofs.consistency_proof(2, 5)  # a proof from another size

    assert add_checkpoint(witness, services.add_checkpoint_body(3, wrong, second.note)).status_code == 422


def test_the_witness_endpoint_answers_403_to_a_bad_log_signature_and_404_to_an_unknown_log(witness):
    fill(3)
    checkpoint = services.checkpoint_sign()
    text, signatures = note.split(checkpoint.note)
    tampered = note.render(text.replace("\n3\n", "\n4\n"), signatures)
    assert add_checkpoint(witness, services.add_checkpoint_body(0, [], tampered)).status_code == 403

    other = services.Ed25519PrivateKey.generate()
    foreign_text = note.Checkpoint("elsewhere.example/log", 3, bytes(checkpoint.root)).text
    foreign = note.render(foreign_text, [note.sign(foreign_text, name="elsewhere.example/log", private_key=other)])
    assert add_checkpoint(witness, services.add_checkpoint_body(0, [], foreign)).status_code == 404


def test_the_witness_endpoint_answers_400_to_a_malformed_request_and_405_to_a_get(witness):
    fill(3)
    checkpoint = services.checkpoint_sign()
    assert add_checkpoint(witness, "old x\n\n" + checkpoint.note).status_code == 400
    assert add_checkpoint(witness, services.add_checkpoint_body(4, [], checkpoint.note)).status_code == 400
    assert add_checkpoint(witness, b"\xff\xfe").status_code == 400
    url = reverse("transparency:witness_add_checkpoint", args=[witness.pk])
    assert Client().get(url).status_code == 405
    assert Client().post(reverse("transparency:witness_add_checkpoint", args=[witness.pk + 99]), "",
                         content_type="text/plain").status_code == 404


def test_the_witness_endpoint_is_rate_limited(witness, monkeypatch):
    from transparency import views

    monkeypatch.setattr(views, "WITNESS_LIMIT", 2)
    answers = [add_checkpoint(witness, "old 0\n\n").status_code for _ in range(4)]
    assert answers == [400, 400, 429, 429]


def test_a_witness_serves_the_latest_checkpoint_it_cosigned_for_monitors(witness, settings):
    origin_hash = hashlib.sha256(settings.TRANSPARENCY_LOG_ORIGIN.encode()).hexdigest()
    url = reverse("transparency:witness_checkpoint", args=[witness.pk, origin_hash])
    assert Client().get(url).status_code == 404  # nothing cosigned yet
    fill(3)
    services.checkpoint_publish()

    response = Client().get(url)

    assert response.status_code == 200
    log, witnesses = verifiers()
    _text, verified = note.open_note(response.content.decode(), [log, *witnesses])
    assert set(verified) == {log, services.witness_verifier(witness)}
    other = reverse("transparency:witness_checkpoint", args=[witness.pk, "0" * 64])
    assert Client().get(other).status_code == 404
