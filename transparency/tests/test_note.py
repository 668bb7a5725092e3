"""Signed notes, verifier keys, checkpoints, cosignatures and tlog-proof bundles, against the
golang.org/x/mod sumdb/note vectors and the C2SP signed-note example."""

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from transparency import merkle, note

V = json.loads((Path(__file__).parent / "vectors" / "signed_note.json").read_text())


def peter_private_key():
    # sumdb's private key format: PRIVATE+KEY+<name>+<id>+base64(0x01 ‖ 32-byte seed)
    material = base64.b64decode(V["peter_skey"].split("+", 4)[4])
    assert material[0] == note.ED25519
    return Ed25519PrivateKey.from_private_bytes(material[1:])


def test_a_verifier_key_round_trips_and_names_its_key_id():
    for vkey in (V["peter_vkey"], V["enoch_vkey"], V["c2sp_example_vkey"]):
        assert note.Verifier.parse(vkey).vkey == vkey
    assert note.Verifier.parse(V["peter_vkey"]).key_id.hex() == "c74f20a3"


@pytest.mark.parametrize("mangle", [
    lambda k: k[:-1], lambda k: k + "A", lambda k: k.replace("c74f20a3", "c74f20a4"),
    lambda k: k.replace("+A", "+Z", 1), lambda k: "Peter Neumann" + k[12:], lambda k: k.split("+", 1)[1],
])
def test_a_mangled_verifier_key_is_refused(mangle):
    with pytest.raises(note.NoteError):
        note.Verifier.parse(mangle(V["peter_vkey"]))


def test_signing_gives_the_published_signature_byte_for_byte():
    private = peter_private_key()
    assert note.Verifier("PeterNeumann", note.ED25519, note.public_bytes(private)).vkey == V["peter_vkey"]
    signature = note.sign(V["text"], name="PeterNeumann", private_key=private)
    assert note.render(V["text"], [signature]) == V["peter_signed"]


def test_the_published_notes_open_with_their_keys():
    text, verified = note.open_note(V["peter_signed"], [note.Verifier.parse(V["peter_vkey"])])
    assert text == V["text"] and list(verified.values()) == [0]
    text, _verified = note.open_note(V["c2sp_example_note"], [note.Verifier.parse(V["c2sp_example_vkey"])])
    assert text == "This is an example message.\n"


def test_signatures_of_unknown_keys_are_ignored_and_a_note_needs_one_known():
    both = V["text"] + "\n" + V["peter_sig_line"] + V["enoch_sig_line"]
    peter, enoch = note.Verifier.parse(V["peter_vkey"]), note.Verifier.parse(V["enoch_vkey"])
    assert set(note.open_note(both, [peter])[1]) == {peter}
    assert set(note.open_note(both, [peter, enoch])[1]) == {peter, enoch}
    with pytest.raises(note.NoteError, match="no signature from a known key"):
        note.open_note(both, [note.Verifier.parse(V["c2sp_example_vkey"])])


@pytest.mark.parametrize("broken", [
    lambda n: n.replace("problem,", "problem;"),  # the text changed
    lambda n: n.replace("x08go", "x08gp"),  # the signature changed
    lambda n: n[:-1],  # no final newline
    lambda n: n.replace("\n\n", "\n"),  # no blank line
    lambda n: "\x01" + n,  # a control character
    lambda n: n + "Unexpected line.\n",
])
def test_a_changed_or_malformed_note_is_refused(broken):
    with pytest.raises(note.NoteError):
        note.open_note(broken(V["peter_signed"]), [note.Verifier.parse(V["peter_vkey"])])


def test_a_checkpoint_round_trips_and_rejects_what_the_spec_forbids():
    checkpoint = note.Checkpoint("example.com/log", 20852163, base64.b64decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="))
    assert checkpoint.text == "example.com/log\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    assert note.Checkpoint.parse(checkpoint.text) == checkpoint
    for bad in ("example.com/log\n020\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
                "example.com/log\n20\nCsUY\n", "example.com/log\n20\n", "\n20\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"):
        with pytest.raises(note.NoteError):
            note.Checkpoint.parse(bad)


def test_a_cosignature_signs_the_cosignature_v1_message_and_verifies_with_its_timestamp():
    witness = Ed25519PrivateKey.generate()
    text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    signature = note.cosign(text, name="witness.example/w1", private_key=witness, timestamp=1679315147)
    raw = base64.b64decode(signature.line.split(" ")[2])
    assert len(raw) == 4 + 8 + 64 and int.from_bytes(raw[4:12], "big") == 1679315147
    message = b"cosignature/v1\ntime 1679315147\n" + text.encode()
    witness.public_key().verify(raw[12:], message)  # raises if not
    verifier = note.Verifier("witness.example/w1", note.COSIGNATURE_V1, note.public_bytes(witness))
    assert verifier.vkey.split("+")[2].startswith(base64.b64encode(b"\x04" + note.public_bytes(witness))[:4].decode())
    assert raw[:4] == note.key_id("witness.example/w1", 0x04, note.public_bytes(witness))
    _text, verified = note.open_note(text + "\n" + signature.line, [verifier])
    assert verified == {verifier: 1679315147}
    # The same key as a plain Ed25519 signer has another key id: it does not match this line.
    plain = note.Verifier("witness.example/w1", note.ED25519, note.public_bytes(witness))
    with pytest.raises(note.NoteError, match="no signature from a known key"):
        note.open_note(text + "\n" + signature.line, [plain])
    forged = signature.line.replace(signature.line.split(" ")[2].strip(), base64.b64encode(raw[:4] + (1679315148).to_bytes(8, "big") + raw[12:]).decode())
    with pytest.raises(note.NoteError, match="invalid signature"):
        note.open_note(text + "\n" + forged, [verifier])


def test_a_tlog_proof_renders_the_c2sp_layout_and_parses_back():
    log = Ed25519PrivateKey.generate()
    leaves = [merkle.leaf_hash(bytes([i])) for i in range(5)]
    text = note.Checkpoint("example.com/log", 5, merkle.tree_hash(leaves)).text
    signed = note.render(text, [note.sign(text, name="example.com/log", private_key=log)])
    proof = note.TlogProof(3, (b"\x01" * 32, b"\x02" * 32), signed, extra=b"{}")
    rendered = proof.render()
    assert rendered.startswith("c2sp.org/tlog-proof@v1\nextra e30=\nindex 3\n" + base64.b64encode(b"\x01" * 32).decode())
    assert "\n\nexample.com/log\n5\n" in rendered
    assert note.TlogProof.parse(rendered) == proof
    without_extra = note.TlogProof(0, (), signed)
    assert without_extra.render().startswith("c2sp.org/tlog-proof@v1\nindex 0\n\nexample.com/log\n")
    assert note.TlogProof.parse(without_extra.render()) == without_extra
