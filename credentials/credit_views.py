"""学分银行's pages: the published conversion rules (public), the secretariat's rule pages,
a student's credit account with their recognition requests, and a school's queue of
requests (学分互认) with the decision page. Every write is a call to ``credentials.credit_bank``;
what the viewer may see comes from ``credentials.access``, and anything else answers 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from credentials import access, credit_bank
from credentials.verify import verify_stored
from credentials.models import (
    AchievementKind,
    CreditMovement,
    CreditRule,
    RecognitionStatus,
)
from members.forms import add_service_errors

PAGE_SIZE = 25


# --- forms ---------------------------------------------------------------------------------------


class RuleFilterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("kind of credential"), required=False,
                             choices=[("", gettext_lazy("All kinds"))] + list(AchievementKind.choices))
    major = forms.CharField(label=gettext_lazy("major code"), required=False, max_length=6)


class RuleForm(forms.ModelForm):
    class Meta:
        model = CreditRule
        fields = ["kind", "level", "achievement_major", "target_major", "credits", "note"]


class RequestForm(forms.Form):
    movement = forms.ModelChoiceField(label=gettext_lazy("credits to recognise"), queryset=CreditMovement.objects.none())
    school = forms.ModelChoiceField(label=gettext_lazy("school"), queryset=None)

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = credit_bank.recognisable(student)
        self.fields["movement"].label_from_instance = lambda m: _("%(achievement)s: %(credits)s credits in %(major)s") % {
            "achievement": m.credential.achievement, "credits": m.credits, "major": m.major}
        self.fields["school"].queryset = access.recognition_schools(student).order_by("name_zh")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("decision"), widget=forms.RadioSelect, choices=[
        ("accept", gettext_lazy("Recognise the credits")), ("refuse", gettext_lazy("Refuse"))])
    reason = forms.CharField(label=gettext_lazy("reason"), required=False, max_length=1000, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=gettext_lazy("Required to refuse; the student will see it."))


# --- rules ---------------------------------------------------------------------------------------


def _with_names(rules):
    rules = list(rules)
    names = credit_bank.major_names([r.target_major for r in rules] + [r.achievement_major for r in rules])
    for rule in rules:
        rule.target_name = names.get(rule.target_major, "")
        rule.achievement_name = names.get(rule.achievement_major, "")
    return rules


def credit_rules(request):
    """The published rules, for everyone: searched by kind and major."""
    form = RuleFilterForm(request.GET or None)
    rules = credit_bank.published_rules()
    if form.is_valid():
        if form.cleaned_data["kind"]:
            rules = rules.filter(kind=form.cleaned_data["kind"])
        major = form.cleaned_data["major"].strip()
        if major:
            rules = rules.filter(Q(target_major__startswith=major) | Q(achievement_major__startswith=major))
    page = Paginator(rules.order_by("kind", "level", "target_major", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_names(page.object_list)
    return render(request, "credentials/credit/rule_list.html", {
        "form": form, "page": page, "can_manage": access.can_manage_credit_rules(request.user),
    })


def _secretariat(request):
    if not access.can_manage_credit_rules(request.user):
        raise Http404


@login_required
def credit_rule_manage(request):
    _secretariat(request)
    page = Paginator(CreditRule.objects.order_by("-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_names(page.object_list)
    return render(request, "credentials/credit/rule_manage.html", {"page": page})


def _rule_form(request, rule=None):
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            credit_bank.rule_save(rule=form.instance, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The rule is saved. Publish it to make it count."))
            return redirect("credentials:credit_rule_manage")
    return render(request, "credentials/credit/rule_form.html", {"form": form, "rule": rule})


@login_required
def credit_rule_create(request):
    _secretariat(request)
    return _rule_form(request)


@login_required
def credit_rule_edit(request, pk):
    _secretariat(request)
    return _rule_form(request, get_object_or_404(CreditRule, pk=pk))


RULE_ACTIONS = {"publish": credit_bank.rule_publish, "withdraw": credit_bank.rule_withdraw}


@login_required
def credit_rule_action(request, pk, action):
    """Publish or withdraw a rule, after a confirmation."""
    _secretariat(request)
    if action not in RULE_ACTIONS:
        raise Http404
    rule = get_object_or_404(CreditRule, pk=pk)
    if request.method == "POST":
        RULE_ACTIONS[action](rule=rule, actor=request.user)
        messages.success(request, _("The rule is published.") if action == "publish" else _("The rule is withdrawn."))
        return redirect("credentials:credit_rule_manage")
    [rule] = _with_names([rule])
    return render(request, "credentials/credit/rule_confirm.html", {"rule": rule, "action": action})


# --- the student's account -----------------------------------------------------------------------


def _student(request):
    if not access.has_credit_account(request.user):
        raise Http404


@login_required
def credit_account(request):
    """The student's account: opened and brought up to date with their credentials as they
    look at it (earning is idempotent), the balance by school and major, the movements and
    the recognition requests."""
    _student(request)
    credit_bank.earn_credits(student=request.user, actor=request.user)
    account = request.user.credit_account
    balances = credit_bank.balances(account)
    movements = list(account.movements.select_related("credential__achievement", "school").order_by("-at", "-id")[:100])
    requests = list(account.requests.select_related("credential__achievement", "school").order_by("-requested_at")[:100])
    names = credit_bank.major_names([row["major"] for row in balances] + [m.major for m in movements])
    english = get_language() == "en"
    for row in balances:
        row["major_name"] = names.get(row["major"], "")
        row["school_name"] = (english and row["school__name_en"]) or row["school__name_zh"]
    for movement in movements:
        movement.major_name = names.get(movement.major, "")
    form = RequestForm(student=request.user)
    return render(request, "credentials/credit/account.html", {
        "balances": balances, "movements": movements, "requests": requests, "form": form,
    })


@login_required
def credit_request(request):
    """Ask another member school to recognise credits."""
    _student(request)
    form = RequestForm(request.POST or None, student=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            credit_bank.request_recognition(student=request.user, movement=form.cleaned_data["movement"],
                                            school=form.cleaned_data["school"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent to %(school)s.") % {"school": form.cleaned_data["school"].name})
            return redirect("credentials:credit_account")
    return render(request, "credentials/credit/request_form.html", {"form": form})


# --- the school's queue --------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("student"), required=False, max_length=100)
    status = forms.ChoiceField(label=gettext_lazy("status"), required=False,
                               choices=[("", gettext_lazy("All"))] + list(RecognitionStatus.choices))


@login_required
def recognition_queue(request):
    if not access.can_recognise(request.user):
        raise Http404
    form = QueueFilterForm(request.GET or None)
    requests = access.recognition_requests_for(request.user).select_related(
        "account__holder", "credential__achievement", "credential__issuer", "school")
    if form.is_valid():
        if form.cleaned_data["q"]:
            requests = requests.filter(account__holder__full_name__icontains=form.cleaned_data["q"])
        if form.cleaned_data["status"]:
            requests = requests.filter(status=form.cleaned_data["status"])
    requests = requests.order_by("-requested_at", "-id")
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "credentials/credit/queue.html", {"form": form, "page": page})


@login_required
def recognition_decide(request, pk):
    recognition = get_object_or_404(
        access.recognition_requests_for(request.user).select_related(
            "account__holder", "credential__achievement", "credential__issuer", "school", "rule"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and recognition.status == RecognitionStatus.PENDING and form.is_valid():
        try:
            credit_bank.decide_recognition(request=recognition, actor=request.user,
                                           accept=form.cleaned_data["decision"] == "accept",
                                           reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied:
            raise Http404
        else:
            messages.success(request, _("The decision is recorded; the student sees it in their credit account."))
            return redirect("credentials:recognition_queue")
    names = credit_bank.major_names([recognition.rule.target_major] if recognition.rule else [])
    return render(request, "credentials/credit/decide.html", {
        "recognition": recognition, "form": form, "credential": recognition.credential,
        "verification": verify_stored(recognition.credential),
        "major_name": names.get(recognition.rule.target_major, "") if recognition.rule else "",
    })
