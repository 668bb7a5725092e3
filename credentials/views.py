from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from members.access import profile
from credentials import access


@login_required
def index(request):
    """可信凭证: the credentials area's starting page, by role."""
    if not access.can_use_credentials(request.user):
        raise PermissionDenied
    return render(request, "credentials/index.html", {"roles": profile(request.user).roles()})
