"""Governance API: minutes versions, read-only and under the pages' rules (the secretariat reads
them all, the people of organisations seated in the body their body's, everyone else using
governance the approved versions of public minutes). Writes go through the pages' services."""

from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from consortium.governance.access import minutes as rules
from consortium.governance.models import MinutesComment, MinutesVersion


class MinutesCommentSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = MinutesComment
        fields = ["id", "person", "text", "created_at"]
        read_only_fields = fields


class MinutesVersionSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="minutes.meeting_id", read_only=True)
    meeting_title = serializers.CharField(source="minutes.meeting.title", read_only=True)
    body = serializers.IntegerField(source="minutes.meeting.body_id", read_only=True)
    is_public = serializers.BooleanField(source="minutes.is_public", read_only=True)
    comments = MinutesCommentSerializer(many=True, read_only=True)

    class Meta:
        model = MinutesVersion
        fields = ["id", "minutes", "meeting", "meeting_title", "body", "number", "status", "text", "created_at",
                  "approved_at", "motion", "is_public", "comments"]
        read_only_fields = fields


class MinutesVersionFilter(FilterSet):
    class Meta:
        model = MinutesVersion
        fields = ["minutes", "status"]


class MinutesVersionViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """会议纪要版本: each version of a meeting's minutes, its status (draft, put to the vote, approved)
    and the comments on it."""

    api_part = "governance"
    queryset = (MinutesVersion.objects.select_related("minutes__meeting").prefetch_related("comments__person")
                .order_by("-created_at", "-id"))
    scope = staticmethod(rules.versions_for)
    serializer_class = MinutesVersionSerializer
    filterset_class = MinutesVersionFilter
    ordering_fields = ["created_at", "number"]
