"""Motions, votes and resolutions in the API, under the pages' rules (``access.votes``): motions
are read where the motion page is; a seat's vote is cast (POST) by those who vote for the seat and
read by them, by the secretariat, and by the motion's readers once the vote is closed; the
resolution register is read by every governance user, filtered by body, year and matter."""

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from consortium.governance import access as base
from consortium.governance.access import votes as access
from consortium.governance.models import CLOSED_STATUSES, Choice, MatterKind, Motion, Recusal, Resolution, Seat, Vote
from consortium.governance.services import votes as services
from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin


class RecusalSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="seat.organization_id", read_only=True)

    class Meta:
        model = Recusal
        fields = ["seat", "organization", "reason", "declared_at"]
        read_only_fields = fields


class MotionSerializer(serializers.ModelSerializer):
    recusals = RecusalSerializer(many=True, read_only=True)
    resolution = serializers.SerializerMethodField()

    class Meta:
        model = Motion
        fields = ["id", "body", "agenda_item", "title", "text", "matter", "rule", "mode", "deadline", "status",
                  "created_at", "opened_at", "closed_at", "seats_weight", "recused_weight", "present_weight",
                  "for_weight", "against_weight", "abstain_weight", "quorum_met", "recusals", "resolution"]
        read_only_fields = fields

    def get_resolution(self, motion) -> str | None:
        resolution = getattr(motion, "resolution", None) if motion.status == "adopted" else None
        return resolution.number if resolution else None


class MotionFilter(FilterSet):
    class Meta:
        model = Motion
        fields = ["body", "status", "matter", "mode", "agenda_item"]


def scope_motions(user, queryset):
    return access.motions_for(user, queryset)


class MotionViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """动议: motions with their rule, status, recusals and, once decided, the count."""

    api_part = "governance"
    queryset = (Motion.objects.select_related("resolution").prefetch_related("recusals__seat")
                .order_by("-created_at", "-id"))
    scope = staticmethod(scope_motions)
    serializer_class = MotionSerializer
    filterset_class = MotionFilter
    search_fields = ["title"]
    ordering_fields = ["created_at", "deadline"]


class VoteSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="seat.organization_id", read_only=True)

    class Meta:
        model = Vote
        fields = ["id", "motion", "seat", "organization", "choice", "weight", "cast_at"]
        read_only_fields = fields


class CastSerializer(serializers.Serializer):
    motion = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    seat = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    choice = serializers.ChoiceField(choices=Choice.choices)


def votes_for(user, queryset):
    """Own seats' votes; the secretariat's all; the others' once the motion is decided."""
    if base.is_secretariat(user):
        return queryset
    readable = access.motions_for(user).filter(status__in=CLOSED_STATUSES)
    return queryset.filter(Q(seat_id__in=base.seat_ids(user)) | Q(motion__in=readable))


class VoteFilter(FilterSet):
    class Meta:
        model = Vote
        fields = ["motion", "seat", "choice"]


class VoteViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """表决: the votes of seats; POST casts (or changes) a seat's vote while the vote is open."""

    api_part = "governance"
    queryset = Vote.objects.select_related("seat").order_by("-cast_at", "-id")
    scope = staticmethod(votes_for)
    serializer_class = VoteSerializer
    filterset_class = VoteFilter
    ordering_fields = ["cast_at"]

    @extend_schema(request=CastSerializer, responses={
        201: VoteSerializer,
        404: OpenApiResponse(description="No such motion among those the caller may read, or no such seat of its body.")})
    def create(self, request, *args, **kwargs):
        data = CastSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        motion = access.motions_for(request.user).filter(pk=data.validated_data["motion"]).first()
        if motion is None:
            raise NotFound(_("No such motion among those shown to you."))
        seat = Seat.objects.filter(pk=data.validated_data["seat"], body_id=motion.body_id).first()
        if seat is None:
            raise NotFound(_("This is not a current seat of the body."))
        try:
            vote = services.cast_vote(actor=request.user, motion=motion, seat=seat,
                                      choice=data.validated_data["choice"])
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict if hasattr(error, "error_dict") else {"choice": error.messages})
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error) or None)
        return Response(VoteSerializer(vote).data, status=status.HTTP_201_CREATED)


class ResolutionSerializer(serializers.ModelSerializer):
    matter = serializers.CharField(source="motion.matter", read_only=True)
    for_weight = serializers.IntegerField(source="motion.for_weight", read_only=True)
    against_weight = serializers.IntegerField(source="motion.against_weight", read_only=True)
    abstain_weight = serializers.IntegerField(source="motion.abstain_weight", read_only=True)

    class Meta:
        model = Resolution
        fields = ["id", "number", "body", "year", "sequence", "motion", "matter", "title", "text", "adopted_on",
                  "is_public", "for_weight", "against_weight", "abstain_weight"]
        read_only_fields = fields


class ResolutionFilter(FilterSet):
    matter = django_filters.ChoiceFilter(field_name="motion__matter", choices=MatterKind.choices)

    class Meta:
        model = Resolution
        fields = ["body", "year", "is_public", "matter"]


class ResolutionViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """决议: the resolution register — every adopted motion, numbered per body and year."""

    api_part = "governance"
    queryset = Resolution.objects.select_related("motion").order_by("-adopted_on", "-sequence", "-id")
    scope = staticmethod(access.resolutions_for)
    serializer_class = ResolutionSerializer
    filterset_class = ResolutionFilter
    search_fields = ["number", "title"]
    ordering_fields = ["adopted_on", "number"]
