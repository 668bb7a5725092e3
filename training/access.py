"""Who may use the training area, built on the viewer's access profile from ``members``."""

from members.access import is_secretariat, profile
from members.models import SCHOOL_KINDS, OrganizationKind

USER_KINDS = SCHOOL_KINDS | {OrganizationKind.ENTERPRISE}


def can_use_training(user) -> bool:
    """产教协同培训: people of schools and enterprises, and the secretariat."""
    return is_secretariat(user) or bool(profile(user).kinds() & USER_KINDS)
