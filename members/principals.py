"""Who acts when no person does: the principal of a request made with an API key."""

from __future__ import annotations

from members import access
from members.models import ApiKey


class ApiKeyPrincipal:
    """Who a request made with an API key is: the key's organisation, acting as one of its
    administrators. Not a person, so it has no row (``pk`` is None) and the access rules
    see only the standing it is given here."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    is_api_key = True
    pk = id = None

    def __init__(self, api_key: ApiKey):
        self.api_key = api_key
        self.organization = api_key.organization
        access.act_for_organization(self, api_key.organization)

    def get_username(self) -> str:
        return f"api-key:{self.api_key.prefix}"

    @property
    def username(self) -> str:
        return self.get_username()

    @property
    def display_name(self) -> str:
        return f"{self.api_key.name} ({self.organization.name})"

    def __str__(self):
        return self.display_name

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def has_perms(self, perm_list, obj=None) -> bool:
        return False

    def has_module_perms(self, app_label) -> bool:
        return False
