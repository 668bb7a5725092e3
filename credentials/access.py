"""Who may use the credentials area, built on the viewer's access profile from ``members``."""

from members.access import is_member, profile
from members.models import Role

from credentials.models import Credential


def can_use_credentials(user) -> bool:
    """可信凭证: every person of an active member organisation, and the secretariat."""
    return is_member(user)


def may_hold_credentials(user) -> bool:
    """我的凭证: students (diplomas, skill certificates, awards …) and teachers (training
    certificates) of active member organisations."""
    return bool(profile(user).roles() & {Role.STUDENT, Role.TEACHER})


def can_open_wallet(user) -> bool:
    """Those who may hold credentials, and anyone who holds some (a student who left keeps
    what was issued to them)."""
    if not user.is_authenticated:
        return False
    return may_hold_credentials(user) or Credential.objects.filter(holder=user).exists()


def wallet_of(user):
    """The credentials a person holds: their own, and no one else's."""
    if not user.is_authenticated:
        return Credential.objects.none()
    return Credential.objects.filter(holder=user)
