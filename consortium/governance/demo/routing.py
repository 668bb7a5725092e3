"""Governance demo data: routed matters (idempotent) — one being drafted at the discussion group,
one that went through the assessment office to the council, was adopted and is being carried out
by the secretariat."""

from datetime import timedelta

from django.utils import timezone

from consortium.governance.models import (
    Matter,
    MatterKind,
    StepAction,
)
from consortium.governance.services import routing as services
from members.models import User

DRAFTING = "关于建立联合体实训基地共享机制的建议"
DECIDED = "共建常州智能制造产业学院"


def seed(context) -> None:
    bodies = context.get("governance_bodies") or {}
    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None or not {"理", "议", "评"} <= set(bodies):
        return
    council_rep = User.objects.filter(username="council").first()
    if not Matter.objects.filter(title=DRAFTING).exists():
        services.matter_create(actor=secretariat, title=DRAFTING, kind=MatterKind.GENERAL, body=bodies["议"],
                               description="各成员单位实训基地向联合体开放共享，按使用量结算。议事组起草方案。")
    if not Matter.objects.filter(title=DECIDED).exists():
        matter = services.matter_create(actor=secretariat, title=DECIDED, kind=MatterKind.PROJECT, body=bodies["议"],
                                        description="恒远精密与常州智造职业技术学院共建产业学院，园区管委会给予场地支持。")
        services.matter_forward(actor=council_rep or secretariat, matter=matter, body=bodies["评"],
                                action=StepAction.REVIEW, outcome_text="议事组形成共建方案初稿。")
        services.matter_forward(actor=secretariat, matter=matter, body=bodies["理"], action=StepAction.DECIDE,
                                outcome_text="评估办公室评估：方案可行，预算合理。")
        _adopt(Matter.objects.select_related("current_step__body").get(pk=matter.pk), secretariat)


def _adopt(matter: Matter, actor) -> None:
    """The council's written vote on the matter, passed by every seat: adoption sends the matter to the
    secretariat for execution."""
    from consortium.governance.demo.votes import pass_by_every_seat

    motion = services.matter_put_to_vote(actor=actor, matter=matter, deadline=timezone.now() + timedelta(days=7))
    pass_by_every_seat(motion, actor)
