"""Reading standards: the list's search and filters, a standard's history (every version of its
code), and what changed between two versions' competences."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from training.access import standards as access
from training.models import Competence, Standard


def filter_standards(qs: QuerySet, data: dict) -> QuerySet:
    if data.get("q"):
        q = data["q"]
        qs = qs.filter(Q(code__icontains=q) | Q(title__icontains=q))
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("owner"):
        qs = qs.filter(owner=data["owner"])
    if data.get("current") == "current":
        qs = qs.filter(is_current=True)
    elif data.get("current") == "past":
        qs = qs.filter(is_current=False)
    return qs


def standard_list(user, data: dict) -> QuerySet:
    qs = filter_standards(access.standards_for(user), data)
    return qs.select_related("owner").annotate(competence_count=Count("competences")).order_by(
        "code", "-effective_on", "pk")


def history(standard: Standard) -> list[Standard]:
    """Every version of the standard's code, newest first."""
    return list(Standard.objects.filter(code=standard.code).order_by("-effective_on", "-pk"))


@dataclass
class Change:
    code: str
    before: Competence | None
    after: Competence | None

    @property
    def status(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        same = (self.before.name, self.before.description, self.before.skill_id) == (
            self.after.name, self.after.description, self.after.skill_id)
        return "same" if same else "changed"


def compare(older: Standard, newer: Standard) -> list[Change]:
    """The competences of two versions side by side, matched by their number."""
    rows = Competence.objects.filter(standard__in=[older, newer]).select_related("skill")
    before = {c.code: c for c in rows if c.standard_id == older.pk}
    after = {c.code: c for c in rows if c.standard_id == newer.pk}
    return [Change(code, before.get(code), after.get(code)) for code in sorted(set(before) | set(after), key=_order)]


def _order(code: str):
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.replace("-", ".").split(".")]
