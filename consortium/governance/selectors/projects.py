"""Reads of projects and funds: budget execution computed by the database.

Every figure — a line's budget, spent, remaining and share spent, a project's totals overall and
by source of funds — is a SQL sum in a subquery (``Coalesce(Subquery(Sum(...)), 0)``), so a
page of projects, a project's lines or a whole export costs one query however many lines and
expenses there are; nothing adds money up in Python."""

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, NullIf

from consortium.governance.models import (
    APPROVED_STATUSES,
    BudgetLine,
    Expense,
    FundSource,
    Project,
)

MONEY = DecimalField(max_digits=16, decimal_places=2)
SHARE = DecimalField(max_digits=9, decimal_places=1)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def _sum(queryset, group: str, field: str = "amount"):
    """The sum of ``field`` over the rows of ``queryset`` (already tied to the outer row), or 0."""
    return Coalesce(Subquery(queryset.order_by().values(group).annotate(total=Sum(field)).values("total")[:1],
                             output_field=MONEY), ZERO)


def _share(spent, budget):
    """Spent as a percentage of budget, to one decimal (None without a budget)."""
    return Cast(spent * Value(Decimal("100")) / NullIf(budget, ZERO), SHARE)


def with_line_execution(lines: QuerySet) -> QuerySet:
    """Budget lines with ``spent``, ``remaining`` and ``share`` (percent spent)."""
    spent = _sum(Expense.objects.filter(line=OuterRef("pk")), "line")
    return lines.annotate(spent=spent).annotate(
        remaining=Cast("amount", MONEY) - spent, share=_share(spent, Cast("amount", MONEY)))


def line_execution(project) -> list[BudgetLine]:
    """A project's budget lines with their execution: one query."""
    return list(with_line_execution(BudgetLine.objects.filter(project=project)).order_by("source", "id"))


def with_execution(projects: QuerySet, *, by_source: bool = False) -> QuerySet:
    """Projects with ``budget_total``, ``spent_total``, ``remaining_total`` and ``share``; with
    ``by_source`` also ``budget_<source>`` and ``spent_<source>`` for each source of funds."""
    budget = _sum(BudgetLine.objects.filter(project=OuterRef("pk")), "project")
    spent = _sum(Expense.objects.filter(line__project=OuterRef("pk")), "line__project")
    projects = projects.annotate(budget_total=budget, spent_total=spent).annotate(
        remaining_total=budget - spent, share=_share(spent, budget))
    if by_source:
        more = {}
        for source in FundSource.values:
            more[f"budget_{source}"] = _sum(BudgetLine.objects.filter(project=OuterRef("pk"), source=source),
                                            "project")
            more[f"spent_{source}"] = _sum(Expense.objects.filter(line__project=OuterRef("pk"), line__source=source),
                                           "line__project")
        projects = projects.annotate(**more)
    return projects


def sources_of(project) -> list[dict]:
    """A project annotated ``with_execution(by_source=True)`` as rows (source, label, budget, spent),
    for the sources it has a budget from."""
    rows = []
    for value, label in FundSource.choices:
        budget = getattr(project, f"budget_{value}")
        if budget:
            rows.append({"source": value, "label": label, "budget": budget, "spent": getattr(project, f"spent_{value}")})
    return rows


def project_with_execution(queryset: QuerySet, pk: int) -> Project:
    """One project with its totals overall and by source: one query (raises DoesNotExist)."""
    return with_execution(queryset.select_related("lead", "resolution"), by_source=True).get(pk=pk)


def public_projects() -> QuerySet:
    """The projects on the public disclosure pages: marked public and approved, with their budget
    execution overall and by source (one query for any number of them)."""
    return with_execution(
        Project.objects.filter(is_public=True, status__in=APPROVED_STATUSES).select_related("lead", "resolution"),
        by_source=True,
    ).order_by("-created_at", "-id")


def execution_rows(projects: QuerySet) -> QuerySet:
    """Every budget line of these projects with its execution, for the CSV export: one query."""
    return with_line_execution(
        BudgetLine.objects.filter(project__in=projects.order_by().values("pk")).select_related("project__lead")
    ).order_by("project__code", "source", "id")
