"""Responsibility credits' pages: the rules (everyone in governance reads them, the secretariat
writes and withdraws them), the credit accounts (an organisation's administrators their own, the
secretariat and officers all) with each one's ledger, the subsidy schemes and redemption requests,
officers' decisions, and the contributions the secretariat has still to credit. Every write is a
call to ``services.credits``; what a viewer sees comes from ``access.credits``, anything else 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consortium.governance.access import can_use_governance
from consortium.governance.access import credits as access
from consortium.governance.forms.credits import (
    AccountFilterForm,
    ContributionFilterForm,
    CreditContributionsForm,
    DecisionForm,
    LedgerFilterForm,
    RedemptionFilterForm,
    RedemptionForm,
    RuleForm,
    SchemeForm,
)
from consortium.governance.models import (
    ContributionKind,
    CreditAccount,
    CreditRule,
    RedemptionStatus,
)
from consortium.governance.services import credits as services
from members.forms import add_service_errors
from members.models import Organization

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- rules ------------------------------------------------------------------------------------------


@login_required
def rule_list(request):
    _require(access.can_read_rules(request.user))
    form = ContributionFilterForm(request.GET or None)
    rules = access.rules_for(request.user).select_related("published_by")
    if form.is_valid():
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            rules = rules.filter(Q(title__icontains=q) | Q(code__icontains=q))
        if form.cleaned_data["kind"]:
            rules = rules.filter(kind=form.cleaned_data["kind"])
    return render(request, "governance/credits/rule_list.html", {
        "form": form, "page": _page(request, rules.order_by("kind", "-valid_from", "code")),
        "can_manage": access.can_manage_rules(request.user),
    })


@login_required
def rule_create(request):
    _require(access.can_manage_rules(request.user))
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.rule_publish(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The rule %(code)s is published.") % {"code": rule.code})
            return redirect("governance:credit_rules")
    return render(request, "governance/credits/rule_form.html", {"form": form})


@login_required
def rule_withdraw(request, pk):
    _require(access.can_manage_rules(request.user))
    rule = get_object_or_404(access.rules_for(request.user), pk=pk)
    if request.method == "POST":
        services.rule_withdraw(rule=rule, actor=request.user)
        messages.success(request, _("The rule %(code)s is withdrawn; what it earned stays.") % {"code": rule.code})
        return redirect("governance:credit_rules")
    return render(request, "governance/credits/rule_withdraw.html", {"rule": rule})


# --- accounts ----------------------------------------------------------------------------------------


@login_required
def account_list(request):
    _require(access.can_see_credits(request.user))
    form = AccountFilterForm(request.GET or None)
    accounts = access.accounts_for(request.user).select_related("organization")
    order = ("organization__name_zh", "pk")
    if form.is_valid():
        q = form.cleaned_data["q"]
        if q:
            accounts = accounts.filter(Q(organization__name_zh__icontains=q) | Q(organization__name_en__icontains=q))
        sort = form.cleaned_data["sort"]
        if sort in ("balance", "-balance"):
            order = (sort, "organization__name_zh")
    own = access.account_organization_ids(request.user)
    missing = Organization.objects.filter(pk__in=own).exclude(credit_account__isnull=False).order_by("name_zh")
    return render(request, "governance/credits/account_list.html", {
        "form": form, "page": _page(request, accounts.order_by(*order)), "without_account": list(missing),
        "sees_all": access.sees_all_accounts(request.user),
    })


@login_required
def account_detail(request, organization):
    organization = get_object_or_404(Organization, pk=organization)
    _require(access.can_see_organization_account(request.user, organization))
    account = CreditAccount.objects.filter(organization=organization).first()
    form = LedgerFilterForm(request.GET or None)
    entries = access.entries_for(request.user).filter(account__organization=organization).select_related(
        "rule", "contribution__source_type", "redemption__scheme", "reverses", "by")
    if form.is_valid() and form.cleaned_data["kind"]:
        entries = entries.filter(kind=form.cleaned_data["kind"])
    pending = services.pending_credits(account) if account else 0
    return render(request, "governance/credits/account_detail.html", {
        "organization": organization, "account": account, "form": form,
        "page": _page(request, entries.order_by("-number")), "pending": pending,
        "can_redeem": access.can_request_redemption(request.user, organization),
    })


# --- subsidy schemes and redemptions ------------------------------------------------------------------


@login_required
def scheme_list(request):
    _require(can_use_governance(request.user))
    form = ContributionFilterForm(request.GET or None)
    schemes = access.schemes_for(request.user).select_related("publisher")
    if form.is_valid() and form.cleaned_data["q"]:
        schemes = schemes.filter(title__icontains=form.cleaned_data["q"])
    return render(request, "governance/credits/scheme_list.html", {
        "form": form, "page": _page(request, schemes.order_by("-opens_on", "title")),
        "can_manage": access.can_manage_schemes(request.user),
        "can_redeem": bool(access.account_organization_ids(request.user)),
    })


@login_required
def scheme_create(request):
    _require(access.can_manage_schemes(request.user))
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.scheme_publish(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The scheme “%(title)s” is published.") % {"title": scheme.title})
            return redirect("governance:subsidy_schemes")
    return render(request, "governance/credits/scheme_form.html", {"form": form})


@login_required
def redemption_request(request, scheme):
    own = access.account_organization_ids(request.user)
    _require(bool(own))
    scheme = get_object_or_404(access.schemes_for(request.user), pk=scheme)
    organizations = list(Organization.objects.filter(pk__in=own).order_by("name_zh"))
    form = RedemptionForm(request.POST or None, organizations=organizations, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        organization = next(o for o in organizations if o.pk == form.cleaned_data["organization"])
        try:
            services.redemption_request(actor=request.user, organization=organization, scheme=scheme,
                                        credits=form.cleaned_data["credits"], note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent; a government officer will decide it."))
            return redirect("governance:redemptions")
    balances = dict(CreditAccount.objects.filter(organization__in=organizations).values_list("organization_id", "balance"))
    return render(request, "governance/credits/redemption_form.html", {
        "form": form, "scheme": scheme, "open": scheme.is_open(),
        "balances": [(o, balances.get(o.pk, 0)) for o in organizations],
    })


@login_required
def redemption_list(request):
    _require(access.can_see_credits(request.user))
    form = RedemptionFilterForm(request.GET or None)
    redemptions = access.redemptions_for(request.user).select_related("account__organization", "scheme", "decided_by")
    deciding = access.can_decide_redemptions(request.user)
    # An officer first sees what waits for a decision; choosing a status (or all) changes it.
    status = RedemptionStatus.REQUESTED if deciding and "status" not in request.GET else None
    if form.is_valid():
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            redemptions = redemptions.filter(Q(account__organization__name_zh__icontains=q) | Q(scheme__title__icontains=q))
        if "status" in request.GET:
            status = form.cleaned_data["status"] or None
    if status:
        redemptions = redemptions.filter(status=status)
    return render(request, "governance/credits/redemption_list.html", {
        "form": form, "page": _page(request, redemptions.order_by("-requested_at", "-id")), "deciding": deciding,
        "status": status,
    })


@login_required
def redemption_decide(request, pk):
    _require(access.can_decide_redemptions(request.user))
    redemption = get_object_or_404(
        access.redemptions_for(request.user).select_related("account__organization", "scheme", "requested_by"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.redemption_decide(redemption=redemption, actor=request.user, approve=approve,
                                       reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request is approved; the credits are taken from the account.") if approve
                             else _("The request is refused; the organisation sees your reason."))
            return redirect("governance:redemptions")
    return render(request, "governance/credits/redemption_decide.html", {
        "redemption": redemption, "form": form, "decided": redemption.status != RedemptionStatus.REQUESTED,
        "available": redemption.account.balance,
    })


# --- contributions to credit ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def uncredited_contributions(request):
    """The secretariat's list of contributions no rule credited, each (or several at once)
    credited under a rule of its kind."""
    _require(access.can_credit_contributions(request.user))
    contributions = services.uncredited_contributions().select_related("organization", "source_type")
    credit_form = None
    if request.method == "POST":
        data = request.POST
        row = data.get("row", "")
        if row:  # one row's button: "credit under rule X" (contribution:rule)
            contribution, _sep, rule = row.partition(":")
            data = {"contributions": [contribution], "rule": rule}
            ids = [int(contribution)] if contribution.isdigit() else []
        else:
            ids = [int(pk) for pk in data.getlist("contributions") if pk.isdigit()]
        chosen = {c.pk: c for c in contributions.filter(pk__in=ids)}
        credit_form = CreditContributionsForm(data, contribution_ids=list(chosen))
        if credit_form.is_valid():
            try:
                entries = services.contributions_credit(
                    contributions=[chosen[pk] for pk in credit_form.cleaned_data["contributions"]],
                    rule=credit_form.cleaned_data["rule"], actor=request.user)
            except ValidationError as error:
                add_service_errors(credit_form, error)
            else:
                messages.success(request, _("%(count)s contributions credited.") % {"count": len(entries)})
                return redirect("governance:uncredited_contributions")
    form = ContributionFilterForm(request.GET or None)
    if form.is_valid():
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            contributions = contributions.filter(Q(organization__name_zh__icontains=q) | Q(organization__name_en__icontains=q))
        if form.cleaned_data["kind"]:
            contributions = contributions.filter(kind=form.cleaned_data["kind"])
    rules = list(CreditRule.objects.published().order_by("kind", "-valid_from"))
    by_kind = {kind: [r for r in rules if r.kind == kind] for kind in ContributionKind.values}
    page = _page(request, contributions.order_by("-occurred_on", "-id"))
    for contribution in page:
        contribution.rules = by_kind.get(contribution.kind, [])
    return render(request, "governance/credits/uncredited.html", {
        "form": form, "page": page, "rules": rules, "credit_form": credit_form,
    })

