"""Projects and funds in the API, under the pages' rules (``access.projects``): every governance
user reads the projects' summaries; a project's ``execution`` (budget, spent, remaining, share,
and by source of funds) is given to those who read its money and is null for the others.
Expenses are read by those who read the project's money and recorded (``POST``, JSON or
multipart with an ``evidence`` file) by its lead and partner organisations' administrators and
the secretariat, through ``services.projects.record_expense`` and its budget rule."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from consortium.governance.access import projects as access
from consortium.governance.models import Expense, FundSource, Project, Resolution
from consortium.governance.selectors import projects as selectors
from consortium.governance.services import projects as services
from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin




class SourceExecutionSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundSource.choices)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent = serializers.DecimalField(max_digits=16, decimal_places=2)


class ExecutionSerializer(serializers.Serializer):
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent = serializers.DecimalField(max_digits=16, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=16, decimal_places=2)
    share = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True,
                                     help_text="Percent of the budget spent.")
    by_source = SourceExecutionSerializer(many=True)


class ProjectSerializer(serializers.ModelSerializer):
    partners = serializers.SerializerMethodField()
    resolution = serializers.CharField(source="resolution.number", read_only=True, default=None)
    execution = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["id", "code", "title", "kind", "lead", "partners", "status", "resolution", "starts_on", "ends_on",
                  "is_public", "execution"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_partners(self, project) -> list[int]:
        return sorted(p.organization_id for p in project.partners.all())

    @extend_schema_field(ExecutionSerializer(allow_null=True))
    def get_execution(self, project):
        money = self.context.get("money")
        if money is not None and project.pk not in money:
            return None
        return ExecutionSerializer({
            "budget": project.budget_total, "spent": project.spent_total, "remaining": project.remaining_total,
            "share": project.share,
            "by_source": [{"source": row["source"], "budget": row["budget"], "spent": row["spent"]}
                          for row in selectors.sources_of(project)],
        }).data


class ProjectFilter(FilterSet):
    class Meta:
        model = Project
        fields = ["kind", "status", "lead", "is_public"]


class ProjectViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """产教融合项目: council-approved projects with their budget execution (for those who read their money)."""

    api_part = "governance"
    queryset = Project.objects.select_related("resolution").prefetch_related("partners").order_by("-created_at", "-id")
    scope = staticmethod(access.projects_for)
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    search_fields = ["code", "title"]
    ordering_fields = ["created_at", "code"]

    def get_queryset(self):
        return selectors.with_execution(super().get_queryset(), by_source=True)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["money"] = access.money_visible_ids(self.request.user)
        return context


class ExpenseSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="line.project_id", read_only=True)
    authorised_by = serializers.CharField(source="authorised_by.number", read_only=True, default=None)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Expense
        fields = ["id", "project", "line", "amount", "spent_on", "description", "has_evidence", "evidence_name",
                  "authorised_by", "recorded_at"]
        read_only_fields = fields

    def get_has_evidence(self, expense) -> bool:
        return bool(expense.evidence)


class ExpenseCreateSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    spent_on = serializers.DateField()
    description = serializers.CharField(max_length=500)
    evidence = serializers.FileField(required=False, help_text="PDF, Word, Excel, JPG or PNG, up to 10 MB.")
    authorised_by = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True,
                                             help_text="The resolution authorising spending beyond the line's budget.")


class ExpenseFilter(FilterSet):
    class Meta:
        model = Expense
        fields = ["line"]


class ExpenseViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """项目支出: the expenses of projects whose money the caller reads; partners record them."""

    api_part = "governance"
    queryset = Expense.objects.select_related("line", "authorised_by").order_by("-spent_on", "-id")
    scope = staticmethod(access.expenses_for)
    serializer_class = ExpenseSerializer
    filterset_class = ExpenseFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = ["spent_on", "amount"]

    @extend_schema(request=ExpenseCreateSerializer, responses={201: ExpenseSerializer})
    def create(self, request, *args, **kwargs):
        data = ExpenseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        line = access.lines_for(request.user).filter(pk=values["line"]).first()
        if line is None:
            raise ValidationError({"line": [_("No such budget line among those shown to you.")]})
        resolution = None
        if values.get("authorised_by"):
            resolution = Resolution.objects.select_related("motion").filter(pk=values["authorised_by"]).first()
            if resolution is None:
                raise ValidationError({"authorised_by": [_("No such resolution.")]})
        try:
            expense = services.record_expense(
                line=line, actor=request.user, amount=values["amount"], spent_on=values["spent_on"],
                description=values["description"], evidence=values.get("evidence"), authorised_by=resolution)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict if hasattr(error, "error_dict") else
                                  {"non_field_errors": error.messages})
        except DjangoPermissionDenied:
            raise PermissionDenied()
        expense = self.get_queryset().get(pk=expense.pk)
        return Response(ExpenseSerializer(expense, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)
