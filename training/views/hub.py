"""产教协同培训: the training hub — what each part offers this person."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from training import access


@login_required
def home(request):
    if not access.can_use_training(request.user):
        raise PermissionDenied
    from core.portal import resolved_sections
    from training.portal import HUB_PANELS

    return render(request, "training/home.html", {"sections": resolved_sections(request.user, HUB_PANELS)})
