"""Who may use the talent platform, built on the viewer's access profile from ``members``."""

from members.access import is_secretariat, profile
from members.models import PUBLIC_BODY_KINDS, SCHOOL_KINDS, OrganizationKind

USER_KINDS = SCHOOL_KINDS | PUBLIC_BODY_KINDS | {OrganizationKind.ENTERPRISE}


def can_use_talent_platform(user) -> bool:
    """人才供需平台: people of schools, enterprises and public bodies, and the secretariat."""
    return is_secretariat(user) or bool(profile(user).kinds() & USER_KINDS)
