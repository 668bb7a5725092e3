"""The transparency log's rules in the security matrix (see ``tests/matrix.py``): every endpoint
under /log/ is public and answers everyone alike; the witness endpoint takes no cookie and changes
nothing on a malformed request."""

import hashlib

from django.conf import settings

from tests.matrix import everyone, page
from transparency import proofs, services
from transparency.models import Witness


def published_log(w, t):
    """A log of three entries with a checkpoint cosigned by enterprise A's witness."""
    if proofs.size() == 0:
        services.witness_create(organization=w.orgs["org_a"])
        services.append_many([
            {"kind": "test.recorded", "obj_ref": f"test.thing:{i}", "digest": "sha256:" + hashlib.sha256(bytes([i])).hexdigest()}
            for i in range(3)
        ])
        services.checkpoint_publish()
    return {}


def first_entry(w, t):
    published_log(w, t)
    return {"index": 0}


def a_witness(w, t):
    published_log(w, t)
    return {"pk": Witness.objects.get(organization=w.orgs["org_a"]).pk}


def a_witness_s_checkpoint(w, t):
    published_log(w, t)
    witness = Witness.objects.get(organization=w.orgs["org_a"])
    return {"pk": witness.pk, "origin_hash": hashlib.sha256(settings.TRANSPARENCY_LOG_ORIGIN.encode()).hexdigest()}


def witness_state(w, t):
    return list(Witness.objects.values_list("pk", "last_size"))


RULES = {
    "transparency:checkpoint": (
        page(expect={"any": everyone(404)}),  # nothing signed yet
        page(kwargs=published_log, expect={"any": everyone(200)}),
    ),
    "transparency:keys": (page(expect={"any": everyone(200)}),),
    "transparency:entries": (page(kwargs=published_log, expect={"any": everyone(200)}),),
    # Without the numbers it needs, a proof is a 400 for everyone alike.
    "transparency:inclusion": (page(kwargs=published_log, expect={"any": everyone(400)}),),
    "transparency:consistency": (page(kwargs=published_log, expect={"any": everyone(400)}),),
    "transparency:tlog_proof": (page(kwargs=first_entry, expect={"any": everyone(200)}),),
    "transparency:witness_add_checkpoint": (
        page(kwargs=a_witness, method="post", data={"old": "0"}, state=witness_state,
             expect={"any": everyone(400)}),
        page(kwargs=a_witness, expect={"any": everyone(405)}),
    ),
    "transparency:witness_checkpoint": (page(kwargs=a_witness_s_checkpoint, expect={"any": everyone(200)}),),
}
