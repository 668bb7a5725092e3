"""Demo data for the transparency log: the log's key, witnesses of the lead member organisations,
an entry for each member's admission, and a checkpoint they cosigned. Idempotent."""

from __future__ import annotations

import hashlib

from members.models import OrganizationStatus
from transparency import proofs, services
from transparency.canonical import canonical_json


def _admission_digest(organization) -> str:
    content = canonical_json({"credit_code": organization.credit_code, "name": organization.name_zh})
    return "sha256:" + hashlib.sha256(content).hexdigest()


def seed_demo(context: dict) -> None:
    organizations = sorted(context["organizations"].values(), key=lambda org: org.pk)
    members = [org for org in organizations if org.status == OrganizationStatus.ACTIVE]
    for organization in [org for org in members if org.is_lead_member][:3]:
        services.witness_create(organization=organization)
    if proofs.size() == 0:
        services.append_many([
            {"kind": "organization.admitted", "obj_ref": f"members.organization:{org.pk}",
             "digest": _admission_digest(org), "actor_organization": None}
            for org in members
        ])


def finish_demo(context: dict) -> None:
    """The checkpoint, once every app has appended its demo entries (so running the demo again
    signs nothing new)."""
    services.checkpoint_publish()
