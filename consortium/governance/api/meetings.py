"""Governance API: meetings with their agenda and invited seats, read under the pages' rules
(``access.meetings.meetings_for``); a seat's invitation, which the seat's principal or alternate
answers with ``PATCH {"rsvp": ...}`` (through ``services.meetings.rsvp_answer``)."""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from consortium.governance.access import meetings as access
from consortium.governance.models import AgendaDocument, AgendaItem, Meeting, MeetingSeat, Rsvp
from consortium.governance.services import meetings as services
from core.api import FilterSet, ScopedQuerysetMixin


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = AgendaDocument
        fields = ["id", "name", "content_type", "size", "agenda_item", "url"]
        read_only_fields = fields

    def get_url(self, document) -> str:
        return reverse("governance:meeting_document", args=[document.meeting_id, document.pk])


class AgendaItemSerializer(serializers.ModelSerializer):
    documents = DocumentSerializer(many=True, read_only=True)
    motions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "description", "presenter", "documents", "motions"]
        read_only_fields = fields


class InvitedSeatSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="seat.organization_id", read_only=True)

    class Meta:
        model = MeetingSeat
        fields = ["id", "meeting", "seat", "organization", "weight", "rsvp", "attendance", "answered_at"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    agenda = AgendaItemSerializer(source="agenda_items", many=True, read_only=True)
    invited = InvitedSeatSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "title", "starts_at", "ends_at", "location", "description", "status",
                  "cancel_reason", "agenda", "invited"]
        read_only_fields = fields


class MeetingFilter(FilterSet):
    class Meta:
        model = Meeting
        fields = ["body", "status"]


class MeetingViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """会议: meetings of the bodies the caller may see, with the agenda (items, documents, motions) and the
    invited seats with their answers and attendance."""

    api_part = "governance"
    queryset = Meeting.objects.select_related("body").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position").prefetch_related("documents",
                                                                                                  "motions")),
        Prefetch("invited", queryset=MeetingSeat.objects.select_related("seat").order_by("pk")),
    ).order_by("-starts_at", "-id")
    scope = staticmethod(access.meetings_for)
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    search_fields = ["title", "location"]
    ordering_fields = ["starts_at"]


def invitations_for(user, queryset):
    return queryset.filter(meeting__in=access.meetings_for(user, Meeting.objects.all()))


class RsvpSerializer(serializers.Serializer):
    rsvp = serializers.ChoiceField(choices=[Rsvp.ATTENDING, Rsvp.ALTERNATE, Rsvp.DECLINED])


class MeetingSeatFilter(FilterSet):
    class Meta:
        model = MeetingSeat
        fields = ["meeting", "seat", "rsvp"]


class MeetingSeatViewSet(ScopedQuerysetMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """受邀席位: the seats invited to the meetings the caller may see; the seat's principal or alternate
    answers for it with PATCH {"rsvp": "attending" | "alternate" | "declined"}."""

    api_part = "governance"
    queryset = MeetingSeat.objects.select_related("seat", "meeting").order_by("-meeting__starts_at", "pk")
    scope = staticmethod(invitations_for)
    serializer_class = InvitedSeatSerializer
    filterset_class = MeetingSeatFilter
    ordering_fields = ["answered_at"]
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(request=RsvpSerializer, responses={200: InvitedSeatSerializer})
    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        serializer = RsvpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.rsvp_answer(meeting_seat=row, actor=request.user, answer=serializer.validated_data["rsvp"])
        return Response(InvitedSeatSerializer(self.get_queryset().get(pk=row.pk)).data)
