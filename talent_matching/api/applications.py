"""API of applications (求职申请), under the pages' rules (``access.applications_for``): a student
reads their own, an enterprise's people (and its API keys) those to its postings, a school's
those of its students, the secretariat all. ``POST`` applies (a student: ``posting``) or invites
(an enterprise: ``posting`` and ``profile``); each step is a ``POST`` action on the application;
``POST …/messages/`` writes to the other side. Refusals answer in the API's error shape with a
sentence saying why."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin
from talent_matching import access
from talent_matching.models import Application, ApplicationEvent, ApplicationMessage
from talent_matching.services import applications as services


class EventSerializer(serializers.ModelSerializer):
    # Plain strings (the stages of ``stage``), so that the schema names the set of stages once.
    stage_from = serializers.CharField(read_only=True, help_text="The stage before the step; empty for the first.")
    stage_to = serializers.CharField(read_only=True, help_text="The stage after the step.")

    class Meta:
        model = ApplicationEvent
        fields = ["stage_from", "stage_to", "actor", "note", "at"]
        read_only_fields = fields


class MessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationMessage
        fields = ["id", "from_student", "author", "body", "at"]
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer):
    posting_title = serializers.CharField(source="posting.title", read_only=True)
    enterprise = serializers.IntegerField(source="posting.organization_id", read_only=True)
    student_name = serializers.CharField(source="profile.__str__", read_only=True)
    school = serializers.IntegerField(source="profile.school_id", read_only=True)

    class Meta:
        model = Application
        fields = ["id", "posting", "posting_title", "enterprise", "profile", "student_name", "school", "origin",
                  "stage", "interview_at", "interview_place", "created_at", "updated_at"]
        read_only_fields = fields


class ApplicationDetailSerializer(ApplicationSerializer):
    events = EventSerializer(many=True, read_only=True)
    messages = MessageSerializer(many=True, read_only=True)

    class Meta(ApplicationSerializer.Meta):
        fields = ApplicationSerializer.Meta.fields + ["events", "messages"]
        read_only_fields = fields


class CreateSerializer(serializers.Serializer):
    """A student applies to ``posting``; an enterprise invites ``profile`` to apply to ``posting``."""

    posting = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    profile = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class StepSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    interview_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                             help_text="For the interview step: when.")
    interview_place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                            help_text="For the interview step: where, or how to join online.")


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=2000)


class ApplicationFilter(FilterSet):
    class Meta:
        model = Application
        fields = ["stage", "origin", "posting"]


def _call(service, **kwargs):
    """A service's refusal in the API's error shape, with its sentence."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(error.message_dict)
        raise ValidationError({"stage": error.messages})
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error) or None)


class ApplicationViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """求职申请: applications and invitations the caller takes part in or looks after."""

    api_part = "talent"
    queryset = Application.objects.select_related("posting", "profile__student").order_by("-updated_at", "-id")
    scope = staticmethod(access.applications_for)
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    ordering_fields = ["updated_at", "created_at"]

    def get_serializer_class(self):
        return ApplicationDetailSerializer if self.action == "retrieve" else ApplicationSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("events", "messages")
        return queryset

    def _answer(self, application, code=status.HTTP_200_OK):
        application = self.get_queryset().prefetch_related("events", "messages").get(pk=application.pk)
        return Response(ApplicationDetailSerializer(application, context=self.get_serializer_context()).data,
                        status=code)

    @extend_schema(request=CreateSerializer, responses={201: ApplicationDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = CreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        posting = access.postings_for(request.user).filter(pk=data.validated_data["posting"]).first()
        if posting is None:
            raise ValidationError({"posting": [_("No such posting.")]})
        if data.validated_data.get("profile") is None:
            application = _call(services.application_apply, posting=posting, actor=request.user,
                                note=data.validated_data["note"])
        else:
            profile = access.profiles_for(request.user).filter(pk=data.validated_data["profile"]).first()
            if profile is None:
                raise ValidationError({"profile": [_("No such profile among those shown to you.")]})
            application = _call(services.application_invite, posting=posting, profile=profile,
                                actor=request.user, note=data.validated_data["note"])
        return self._answer(application, status.HTTP_201_CREATED)

    def _step(self, request, name):
        application = self.get_object()
        data = StepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = _call(services.application_transition, application=application, action=name,
                            actor=request.user, **data.validated_data)
        return self._answer(application)

    @extend_schema(request=StepSerializer, responses={200: ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def shortlist(self, request, pk=None):
        """The enterprise shortlists an application."""
        return self._step(request, "shortlist")

    @extend_schema(request=StepSerializer, responses={200: ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def interview(self, request, pk=None):
        """The enterprise invites to an interview (``interview_at`` and ``interview_place`` required)."""
        return self._step(request, "interview")

    @extend_schema(request=StepSerializer, responses={200: ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def offer(self, request, pk=None):
        """The enterprise makes an offer."""
        return self._step(request, "offer")

    @extend_schema(request=StepSerializer, responses={200: ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The enterprise rejects the application, at any open stage before acceptance."""
        return self._step(request, "reject")

    @extend_schema(request=StepSerializer, responses={200: ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The student accepts an invitation (it becomes an application) or an offer."""
        return self._step(request, "accept")

    @extend_schema(request=StepSerializer, responses={200: ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The student declines an invitation or an offer."""
        return self._step(request, "decline")

    @extend_schema(request=StepSerializer, responses={200: ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The student withdraws the application."""
        return self._step(request, "withdraw")

    @extend_schema(request=MessageCreateSerializer, responses={201: MessageSerializer})
    @action(detail=True, methods=["post"], url_path="messages")
    def message(self, request, pk=None):
        """A message to the other side (the student and the enterprise only)."""
        application = self.get_object()
        data = MessageCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = _call(services.application_message_send, application=application, actor=request.user,
                        body=data.validated_data["body"])
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)
