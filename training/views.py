from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from members.access import profile
from training import access


@login_required
def index(request):
    """产教协同培训: the training area's starting page, by role."""
    if not access.can_use_training(request.user):
        raise PermissionDenied
    return render(request, "training/index.html", {"roles": profile(request.user).roles()})
