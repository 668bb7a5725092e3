"""Who may use the credentials area, built on the viewer's access profile from ``members``."""

from members.access import is_member


def can_use_credentials(user) -> bool:
    """可信凭证: every person of an active member organisation, and the secretariat."""
    return is_member(user)
