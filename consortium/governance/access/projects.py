"""Who may do what with projects and funds (built on the base rules in access/__init__.py).

- Everyone who uses governance (the secretariat and every member organisation's people except
  students) reads every project's **summary**: code, title, kind, lead, partners, status, the
  approving resolution, milestones and the assessment.
- A project's **money** — its budget lines, their execution, its expenses and their evidence
  files — is read by the people of its lead and partner organisations, the secretariat and
  government officers (who oversee public funds). Others see the summary only; an expense or
  evidence file of a project whose money they may not read answers 404.
- The secretariat manages everything: creates and edits projects, partners, budget lines and
  milestones, puts a project to the council or links the resolution that approved it, and
  moves it on (in progress, completed, closed).
- The administrators of the lead and partner organisations record their project's expenses and
  mark its milestones done, while the project is approved or in progress.
- Those holding a seat of the assessment office (评估办公室), and the secretariat, assess a project.
- A project marked public shows its summary and budget execution on the public disclosure pages
  (``selectors.projects.public_projects``).
- An organisation's API key reads and records as that organisation's administrator."""

from django.db.models import Q, QuerySet

from consortium.governance import access as base
from members import access as members_access
from members.models import Role


def can_read_projects(user) -> bool:
    """Governance users; and an organisation's API key, which reads and records as that
    organisation's administrator would (partner systems report their expenses)."""
    if members_access.is_api_key(user):
        return bool(base.organization_ids(user))
    return base.can_use_governance(user)


def can_manage_projects(user) -> bool:
    return base.is_secretariat(user)


def projects_for(user, queryset: QuerySet | None = None) -> QuerySet:
    from consortium.governance.models import Project

    queryset = Project.objects.all() if queryset is None else queryset
    if not can_read_projects(user):
        return queryset.none()
    return queryset


def _is_officer(user) -> bool:
    return user.is_authenticated and members_access.has_role(user, Role.OFFICER)


def sees_all_money(user) -> bool:
    """The secretariat and government officers read every project's money."""
    return base.is_secretariat(user) or _is_officer(user)


def participant_q(organization_ids, prefix: str = "") -> Q:
    """Projects (through ``prefix``) led by or partnered with one of these organisations."""
    return Q(**{f"{prefix}lead_id__in": organization_ids}) | Q(
        **{f"{prefix}partners__organization_id__in": organization_ids})


def _participating_ids(user, organization_ids) -> set[int]:
    """The projects these organisations lead or partner (read once per request)."""
    from consortium.governance.models import Project

    key = "_governance_project_ids_" + ",".join(map(str, sorted(organization_ids)))
    cached = getattr(user, key, None)
    if cached is None:
        cached = set(Project.objects.filter(participant_q(organization_ids)).values_list("pk", flat=True))
        setattr(user, key, cached)
    return cached


def participating_project_ids(user) -> set[int]:
    """The projects the person's organisations lead or take part in."""
    orgs = base.organization_ids(user)
    return _participating_ids(user, orgs) if orgs else set()


def money_visible_ids(user) -> set[int] | None:
    """The projects whose money the person reads: None meaning all."""
    if sees_all_money(user):
        return None
    return participating_project_ids(user)


def _takes_part(project, organization_ids) -> bool:
    """Whether one of these organisations leads or partners the project (asked of the database
    each time: partners change)."""
    if not organization_ids:
        return False
    if project.lead_id in organization_ids:
        return True
    from consortium.governance.models import ProjectPartner

    return ProjectPartner.objects.filter(project_id=project.pk, organization_id__in=organization_ids).exists()


def can_see_money(user, project) -> bool:
    if not can_read_projects(user):
        return False
    return sees_all_money(user) or _takes_part(project, base.organization_ids(user))


def can_record(user, project) -> bool:
    """Records the project's expenses and marks its milestones done."""
    if not can_read_projects(user):
        return False
    return base.is_secretariat(user) or _takes_part(project, base.admin_organization_ids(user))


def is_assessor(user) -> bool:
    """Holds a current seat of the assessment office (as principal or alternate)."""
    seats = base.seat_ids(user)
    if not seats:
        return False
    from consortium.governance.models import BodyKind, Seat

    return Seat.objects.filter(pk__in=seats, body__kind=BodyKind.ASSESSMENT_OFFICE).exists()


def can_assess(user) -> bool:
    return base.is_secretariat(user) or (can_read_projects(user) and is_assessor(user))


def money_projects_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The projects whose money the person reads."""
    queryset = projects_for(user, queryset)
    visible = money_visible_ids(user) if can_read_projects(user) else set()
    return queryset if visible is None else queryset.filter(pk__in=visible)


def lines_for(user, queryset: QuerySet | None = None) -> QuerySet:
    from consortium.governance.models import BudgetLine

    queryset = BudgetLine.objects.all() if queryset is None else queryset
    if not can_read_projects(user):
        return queryset.none()
    visible = money_visible_ids(user)
    return queryset if visible is None else queryset.filter(project_id__in=visible)


def expenses_for(user, queryset: QuerySet | None = None) -> QuerySet:
    from consortium.governance.models import Expense

    queryset = Expense.objects.all() if queryset is None else queryset
    if not can_read_projects(user):
        return queryset.none()
    visible = money_visible_ids(user)
    return queryset if visible is None else queryset.filter(line__project_id__in=visible)
