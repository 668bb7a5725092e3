"""Credentials issued through the services, logged and with a signed checkpoint, for the tests."""

from credentials import services
from members.models import Role
from members.tests.factories import person
from transparency import services as log


def issue(achievement, holder, *, checkpoint=True, **kwargs):
    """A credential of ``achievement`` issued to ``holder`` by an administrator of its school,
    in a signed checkpoint of the log (unless ``checkpoint=False``)."""
    admin = achievement.issuer.memberships.filter(role=Role.ORG_ADMIN).first()
    actor = admin.user if admin else person(achievement.issuer, Role.ORG_ADMIN)
    credential = services.issue_credential(achievement=achievement, holder=holder, actor=actor, **kwargs)
    if checkpoint:
        log.checkpoint_sign()
    return credential
