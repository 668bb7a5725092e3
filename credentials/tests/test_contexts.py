"""The portal's JSON-LD contexts: the copies it serves equal the npm packages', and nothing
else is ever loaded."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pyld import jsonld

from credentials.vc import contexts

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


def npm_copy(package: str, path: str):
    file = NODE_MODULES / package / path
    if file.suffix == ".js":
        assert shutil.which("node"), "node is needed to read the context of a JavaScript package"
        script = f"process.stdout.write(JSON.stringify(require({json.dumps(str(file))})))"
        return json.loads(subprocess.run(["node", "-e", script], capture_output=True, check=True, text=True).stdout)
    return json.loads(file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("url", sorted(contexts.CONTEXT_FILES))
def test_each_context_equals_the_copy_in_its_npm_package(url):
    filename, package, path = contexts.CONTEXT_FILES[url]
    ours = json.loads((contexts.CONTEXTS_DIR / filename).read_text(encoding="utf-8"))
    assert ours == npm_copy(package, path)


def test_every_file_in_the_folder_is_in_the_table():
    held = {path.name for path in contexts.CONTEXTS_DIR.iterdir() if path.suffix in (".json", ".jsonld")}
    assert held == {filename for filename, _, _ in contexts.CONTEXT_FILES.values()}


def test_the_loader_serves_a_known_context_from_its_file():
    loaded = contexts.document_loader(contexts.CREDENTIALS_V2)
    assert loaded["documentUrl"] == contexts.CREDENTIALS_V2
    assert loaded["document"]["@context"]["VerifiableCredential"]["@id"] == (
        "https://www.w3.org/2018/credentials#VerifiableCredential"
    )


def test_a_caller_changing_what_it_was_given_changes_nothing_for_the_next():
    contexts.document_loader(contexts.DID_V1)["document"]["@context"]["id"] = "urn:changed"
    assert contexts.document_loader(contexts.DID_V1)["document"]["@context"]["id"] == "@id"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "https://www.w3.org/ns/credentials/v2/",
        "http://www.w3.org/ns/credentials/v2",
        "file:///etc/passwd",
    ],
)
def test_any_other_url_is_refused_without_a_fetch(url):
    with pytest.raises(contexts.ContextNotAllowed) as refused:
        contexts.document_loader(url)
    assert url in str(refused.value)


def test_a_document_naming_an_unknown_context_cannot_be_expanded():
    document = {"@context": [contexts.CREDENTIALS_V2, "https://evil.example/context.jsonld"], "id": "urn:x"}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(document, {"documentLoader": contexts.document_loader})


def test_extra_contexts_are_served_by_a_loader_made_for_them_alone():
    example = {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}
    loader = contexts.make_document_loader({"https://www.w3.org/ns/credentials/examples/v2": example})
    assert loader("https://www.w3.org/ns/credentials/examples/v2")["document"] == example
    with pytest.raises(contexts.ContextNotAllowed):
        contexts.document_loader("https://www.w3.org/ns/credentials/examples/v2")
