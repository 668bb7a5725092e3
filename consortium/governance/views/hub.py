"""理事会: the governance hub — what each part offers this person."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from consortium.governance import access


@login_required
def home(request):
    if not access.can_use_governance(request.user):
        raise PermissionDenied
    from consortium.governance.portal import HUB_PANELS
    from core.portal import resolved_sections

    return render(request, "governance/home.html", {"sections": resolved_sections(request.user, HUB_PANELS)})
