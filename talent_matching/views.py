from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from members.access import profile
from talent_matching import access


@login_required
def index(request):
    """人才供需平台: the talent platform's starting page, by role."""
    if not access.can_use_talent_platform(request.user):
        raise PermissionDenied
    return render(request, "talent_matching/index.html", {"roles": profile(request.user).roles()})
