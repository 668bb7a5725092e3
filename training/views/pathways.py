"""Pathways' pages: the pathways of the viewer's schools, one pathway with its stages, courses and
transfer assessments, creating and confirming it, editing a stage; the students enrolled (with
their results), enrolling them, recording a result, moving a student on; and the next stage's
"incoming students". Every write is a call to ``services.pathways``; anything outside the
viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from members.forms import add_service_errors
from training.access import pathways as access
from training.forms.pathways import (
    EnrolForm, EnrolmentFilterForm, PathwayFilterForm, PathwayForm, ResultForm, StageForm,
)
from training.models import (
    ComponentScore, Course, Pathway, PathwayEnrolment, PathwayStage, PathwayStageCourse, StageResult,
    TransferComponent,
)
from training.services import pathways as services

PAGE_SIZE = 25
PICKER_SIZE = 50


def _reader(request) -> None:
    if not access.can_use_pathways(request.user):
        raise Http404


def _pathway(request, pk, queryset=None):
    _reader(request)
    return get_object_or_404(access.pathways_for(request.user, queryset), pk=pk)


@login_required
def pathway_list(request):
    _reader(request)
    form = PathwayFilterForm(request.GET or None)
    pathways = access.pathways_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            pathways = pathways.filter(
                Q(title__icontains=q) | Q(stages__major__name_zh__icontains=q) | Q(stages__major__code=q)
                | Q(stages__school__name_zh__icontains=q)).distinct()
        if data["kind"]:
            pathways = pathways.filter(kind=data["kind"])
        if data["status"]:
            pathways = pathways.filter(status=data["status"])
    stages = PathwayStage.objects.select_related("school", "major").order_by("order")
    pathways = pathways.prefetch_related(Prefetch("stages", queryset=stages)).order_by("-created_at", "-pk")
    page = Paginator(pathways, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/pathways/list.html", {
        "form": form, "page": page, "can_create": access.can_create_pathway(request.user),
    })


@login_required
def pathway_detail(request, pk):
    _reader(request)
    stages = PathwayStage.objects.select_related("school", "major", "confirmed_by").prefetch_related(
        Prefetch("components", queryset=TransferComponent.objects.order_by("position")),
        Prefetch("courses", queryset=PathwayStageCourse.objects.select_related("course").order_by("position")),
    ).order_by("order")
    pathway = _pathway(request, pk, Pathway.objects.select_related("lead_school", "created_by").prefetch_related(
        Prefetch("stages", queryset=stages)))
    stage_list = list(pathway.stages.all())
    for stage in stage_list:
        stage.is_last = stage is stage_list[-1]
        stage.can_edit = access.can_edit_stage(request.user, stage)
    mine = PathwayEnrolment.objects.filter(pathway=pathway, student=request.user).select_related("stage").first()
    return render(request, "training/pathways/detail.html", {
        "pathway": pathway, "stages": stage_list, "my_enrolment": mine,
        "can_confirm": bool(access.confirmable_stages(request.user, pathway)),
        "can_enrol": access.can_enrol(request.user, pathway),
        "enrolled": access.enrolments_for(request.user).filter(pathway=pathway).count(),
    })


@login_required
def pathway_create(request):
    if not access.can_create_pathway(request.user):
        raise Http404
    lead = None if access.base.is_secretariat(request.user) else access.admin_school_ids(request.user)
    form = PathwayForm(request.POST if request.method == "POST" else None, lead_schools=lead)
    if request.method == "POST" and form.is_valid():
        try:
            pathway = services.pathway_create(actor=request.user, title=form.cleaned_data["title"],
                                              kind=form.cleaned_data["kind"],
                                              description=form.cleaned_data["description"], stages=form.stages())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pathway is created. The other schools confirm it next."))
            return redirect("training:pathway", pathway.pk)
    return render(request, "training/pathways/form.html", {"form": form})


@login_required
def pathway_confirm(request, pk):
    pathway = _pathway(request, pk)
    stages = access.confirmable_stages(request.user, pathway)
    if not stages:
        raise Http404
    if request.method == "POST":
        services.pathway_confirm(pathway=pathway, actor=request.user)
        messages.success(request, _("Your school's stage is confirmed."))
        return redirect("training:pathway", pk)
    return render(request, "training/pathways/confirm.html", {"pathway": pathway, "stages": stages})


@login_required
def stage_edit(request, pk):
    _reader(request)
    stage = get_object_or_404(PathwayStage.objects.select_related("pathway", "school", "major").filter(
        pathway__in=access.pathways_for(request.user)), pk=pk)
    if not access.can_edit_stage(request.user, stage):
        raise Http404
    last = not PathwayStage.objects.filter(pathway=stage.pathway_id, order__gt=stage.order).exists()
    courses = Course.objects.filter(school=stage.school_id).order_by("title")
    initial = {"courses": [c.course_id for c in stage.courses.all() if c.course_id],
               "course_names": "\n".join(c.name for c in stage.courses.all() if not c.course_id),
               "pass_total": stage.pass_total}
    for n, component in enumerate(stage.components.order_by("position"), start=1):
        initial.update({f"c{n}_name": component.name, f"c{n}_weight": component.weight,
                        f"c{n}_mark": component.pass_mark})
    form = StageForm(request.POST if request.method == "POST" else None, initial=initial, stage=stage,
                     courses=courses, last=last)
    if request.method == "POST" and form.is_valid():
        try:
            services.pathway_stage_update(
                stage=stage, actor=request.user, components=[] if last else form.components(),
                pass_total=None if last else form.cleaned_data["pass_total"],
                courses=list(form.cleaned_data["courses"]), course_names=form.course_names_list())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stage is saved."))
            return redirect("training:pathway", stage.pathway_id)
    return render(request, "training/pathways/stage_form.html", {"form": form, "stage": stage, "last": last})


def _with_outcome(enrolments):
    """Each enrolment's result at its current stage, if any (``current_result``), in one query."""
    results = StageResult.objects.filter(enrolment=OuterRef("pk"), stage=OuterRef("stage"))
    return enrolments.annotate(assessed=Exists(results), passed_now=Exists(results.filter(passed=True)))


def _filtered(request, enrolments, pathways):
    form = EnrolmentFilterForm(request.GET or None, pathways=pathways)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            enrolments = enrolments.filter(Q(student__full_name__icontains=data["q"])
                                           | Q(student__username__iexact=data["q"]))
        if data["pathway"]:
            enrolments = enrolments.filter(pathway=data["pathway"])
        if data["year"]:
            enrolments = enrolments.filter(cohort_year=data["year"])
        if data["status"]:
            enrolments = enrolments.filter(status=data["status"])
        outcome = data["outcome"]
        if outcome == "passed":
            enrolments = enrolments.filter(passed_now=True)
        elif outcome == "failed":
            enrolments = enrolments.filter(assessed=True, passed_now=False)
        elif outcome == "none":
            enrolments = enrolments.filter(assessed=False)
    return form, enrolments


@login_required
def enrolment_list(request):
    _reader(request)
    enrolments = _with_outcome(access.enrolments_for(request.user))
    form, enrolments = _filtered(request, enrolments, access.pathways_for(request.user).order_by("title"))
    enrolments = enrolments.select_related("student", "pathway", "stage__school").order_by(
        "pathway__title", "-cohort_year", "student__full_name", "pk")
    page = Paginator(enrolments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/pathways/enrolments.html", {"form": form, "page": page})


@login_required
def incoming(request):
    """The students whose next stage is at the viewer's school, with their current results."""
    _reader(request)
    if not access.can_manage_incoming(request.user):
        raise Http404
    enrolments = _with_outcome(access.incoming_for(request.user))
    pathways = access.pathways_for(request.user).filter(
        pk__in=access.incoming_for(request.user).values("pathway")).order_by("title")
    form, enrolments = _filtered(request, enrolments, pathways)
    scores = ComponentScore.objects.select_related("component").order_by("component__position")
    results = StageResult.objects.prefetch_related(Prefetch("scores", queryset=scores))
    enrolments = enrolments.select_related("student", "pathway", "stage__school").prefetch_related(
        Prefetch("results", queryset=results)).order_by("pathway__title", "-cohort_year", "student__full_name", "pk")
    page = Paginator(enrolments, PAGE_SIZE).get_page(request.GET.get("page"))
    for enrolment in page:
        enrolment.current_result = next((r for r in enrolment.results.all() if r.stage_id == enrolment.stage_id), None)
    return render(request, "training/pathways/incoming.html", {"form": form, "page": page})


def _enrolment(request, pk):
    _reader(request)
    return get_object_or_404(access.enrolments_for(request.user).select_related(
        "student", "pathway", "stage__school", "stage__major"), pk=pk)


@login_required
def enrolment_detail(request, pk):
    enrolment = _enrolment(request, pk)
    scores = ComponentScore.objects.select_related("component").order_by("component__position")
    results = list(enrolment.results.select_related("stage__school", "recorded_by").prefetch_related(
        Prefetch("scores", queryset=scores)).order_by("stage__order"))
    following = services.next_stage(enrolment)
    current = next((r for r in results if r.stage_id == enrolment.stage_id), None)
    return render(request, "training/pathways/enrolment.html", {
        "enrolment": enrolment, "results": results, "next_stage": following, "current_result": current,
        "can_record": access.can_record_result(request.user, enrolment, following)
        and (current is None or current.transferred_at is None),
        "can_transfer": access.can_transfer(request.user, enrolment, following) and current is not None
        and current.passed,
    })


@login_required
def result_entry(request, pk):
    enrolment = _enrolment(request, pk)
    following = services.next_stage(enrolment)
    if not access.can_record_result(request.user, enrolment, following):
        raise Http404
    components = list(enrolment.stage.components.order_by("position"))
    current = StageResult.objects.filter(enrolment=enrolment, stage=enrolment.stage).first()
    initial = {f"score_{s.component_id}": s.score for s in current.scores.all()} if current else None
    form = ResultForm(request.POST if request.method == "POST" else None, initial=initial, components=components)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.result_record(enrolment=enrolment, actor=request.user, scores=form.scores())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if result.passed:
                messages.success(request, _("The result is saved: passed with %(total)s.") % {"total": result.total})
            else:
                messages.warning(request, _("The result is saved: not passed (%(total)s).") % {"total": result.total})
            return redirect("training:pathway_enrolment", pk)
    return render(request, "training/pathways/result_form.html", {
        "form": form, "enrolment": enrolment, "stage": enrolment.stage, "next_stage": following})


@login_required
def enrolment_transfer(request, pk):
    enrolment = _enrolment(request, pk)
    following = services.next_stage(enrolment)
    if not access.can_transfer(request.user, enrolment, following):
        raise Http404
    if request.method != "POST":
        return render(request, "training/pathways/transfer.html", {"enrolment": enrolment, "next_stage": following})
    try:
        services.enrolment_transfer(enrolment=enrolment, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The student moves to stage %(order)d at %(school)s.")
                         % {"order": following.order, "school": following.school.name})
    return redirect("training:pathway_enrolment", pk)


@login_required
def enrol(request, pk):
    pathway = _pathway(request, pk)
    if not access.can_enrol(request.user, pathway):
        raise Http404
    q = (request.GET.get("q") or "").strip()[:100]
    candidates = services.enrollable_students(pathway)
    if q and request.method != "POST":
        candidates = candidates.filter(Q(full_name__icontains=q) | Q(username__iexact=q))
    shown = candidates.order_by("full_name", "pk")
    if request.method != "POST":
        shown = shown.filter(pk__in=list(shown.values_list("pk", flat=True)[:PICKER_SIZE]))
    form = EnrolForm(request.POST if request.method == "POST" else None, students=shown)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.enrolment_create(pathway=pathway, actor=request.user,
                                             students=list(form.cleaned_data["students"]),
                                             cohort_year=form.cleaned_data["cohort_year"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(count)d students enrolled.") % {"count": len(made)})
            return redirect("training:pathway", pk)
    return render(request, "training/pathways/enrol.html", {"form": form, "pathway": pathway, "q": q,
                                                            "picker_size": PICKER_SIZE})
