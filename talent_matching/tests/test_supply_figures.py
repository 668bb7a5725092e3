"""Supply and demand figures: the ratio and its level, what counts as demand and supply, taking a
month (safe to repeat), the two-month warning rule, the thresholds and the exposure report."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from talent_matching.models import (
    PostingStatus,
    SupplyDemandSnapshot,
    SupplyLevel,
    SupplySide,
    WarningThresholds,
)
from talent_matching.selectors import supply as selectors
from talent_matching.services import supply as services
from talent_matching.tests.supply_helpers import cohort, finished_run, graduating_year, posting, this_month

pytestmark = pytest.mark.django_db


def figures(period=None):
    period = period or this_month()
    return {row.code: row for row in SupplyDemandSnapshot.objects.filter(period=period)}


@pytest.mark.parametrize("demand, supply, level, side", [
    (1, 4, SupplyLevel.RED, SupplySide.SURPLUS),         # 0.25 < 0.50
    (6, 10, SupplyLevel.YELLOW, SupplySide.SURPLUS),     # 0.60 < 0.80
    (8, 10, SupplyLevel.GREEN, SupplySide.BALANCED),     # 0.80: the band includes its edges
    (15, 10, SupplyLevel.GREEN, SupplySide.BALANCED),    # 1.50
    (18, 10, SupplyLevel.YELLOW, SupplySide.SHORTAGE),   # 1.80 > 1.50
    (21, 10, SupplyLevel.RED, SupplySide.SHORTAGE),      # 2.10 > 2.00
    (3, 0, SupplyLevel.RED, SupplySide.SHORTAGE),        # places and no graduates at all
    (0, 0, SupplyLevel.GREEN, SupplySide.BALANCED),      # nothing to compare
])
def test_the_ratio_is_read_against_the_default_thresholds(demand, supply, level, side):
    thresholds = WarningThresholds.current()
    ratio = services.ratio_of(demand, supply)
    assert thresholds.classify(ratio, demand=demand, supply=supply) == (level, side)


def test_the_ratio_is_rounded_to_two_places():
    assert services.ratio_of(2, 3) == Decimal("0.67")
    assert services.ratio_of(5, 0) is None


def test_a_posting_counts_once_per_family_and_for_every_major_of_a_class_it_names(org_a):
    posting(org_a, "4603", "460305", headcount=5)  # a class and one of its majors: still once
    posting(org_a, headcount=2)  # no majors: every family
    posting(org_a, "510203", headcount=3)
    services.snapshot_month(actor=None)
    rows = figures()
    assert rows["46"].demand == 7
    assert rows["51"].demand == 5
    assert rows["460301"].demand == 7 and rows["460305"].demand == 7  # the class's majors, and the open posting
    assert rows["510203"].demand == 5
    assert "460101" not in rows  # a major nobody names and nobody studies has no row of its own


def test_a_posting_naming_no_major_makes_no_figure_of_its_own(org_a, school):
    posting(org_a, headcount=2)
    cohort(school, "510203", 1)
    services.snapshot_month(actor=None)
    assert {code: row.demand for code, row in figures().items()} == {"51": 2, "510203": 2}


def test_only_open_published_postings_of_active_members_count(org_a):
    yesterday = timezone.localdate() - timedelta(days=1)
    posting(org_a, "460301", headcount=1)
    posting(org_a, "460301", headcount=10, status=PostingStatus.DRAFT)
    posting(org_a, "460301", headcount=20, status=PostingStatus.CLOSED)
    posting(org_a, "460301", headcount=40, deadline=yesterday)
    services.snapshot_month(actor=None)
    assert figures()["460301"].demand == 1


def test_supply_counts_students_graduating_within_a_year(school):
    year = graduating_year()
    cohort(school, "460301", 3, year=year)
    cohort(school, "460301", 5, year=year + 2)
    left = cohort(school, "460301", 1, year=year)[0]
    left.left_school_at = this_month() - timedelta(days=30)
    left.save()
    services.snapshot_month(actor=None)
    row = figures()["460301"]
    assert row.supply == 3
    assert row.cohorts == [[school.pk, year, 3]]
    assert figures()["46"].supply == 3


def test_graduation_years_are_those_within_twelve_months_of_the_month():
    assert services.graduation_years(date(2026, 12, 1)) == [2027]
    assert services.graduation_years(date(2026, 6, 1)) == [2026]
    assert services.graduation_years(date(2026, 7, 1)) == [2027]


def test_taking_a_month_again_replaces_its_figures(org_a, school):
    posting(org_a, "460301", headcount=4)
    cohort(school, "460301", 4)
    assert services.snapshot_month(actor=None) == 2
    first = figures()
    posting(org_a, "460301", headcount=4)
    assert services.snapshot_month(actor=None) == 2
    again = figures()
    assert SupplyDemandSnapshot.objects.count() == 2
    assert (first["46"].demand, again["46"].demand) == (4, 8)
    assert again["46"].ratio == Decimal("2.00") and again["46"].level == SupplyLevel.YELLOW
    assert AuditEvent.objects.filter(event="supply.snapshot_taken").count() == 2


def test_a_month_not_yet_begun_has_no_figures():
    with pytest.raises(ValidationError):
        services.snapshot_month(period=services.add_months(this_month(), 1), actor=None)


def _history(code, level, side, months_ago=1):
    period = services.add_months(this_month(), -months_ago)
    return SupplyDemandSnapshot.objects.create(period=period, family_code=code[:2], major_code=code if len(code) > 2 else "",
                                               demand=1, supply=10, level=level, side=side)


def test_a_warning_needs_two_months_outside_green_on_the_same_side(org_a, school):
    cohort(school, "460301", 10)
    cohort(school, "510203", 10)
    posting(org_a, "460301", headcount=1)
    posting(org_a, "510203", headcount=1)
    _history("46", SupplyLevel.YELLOW, SupplySide.SURPLUS)   # last month too many graduates: warned now
    _history("51", SupplyLevel.RED, SupplySide.SHORTAGE)     # last month too few: the other side, not warned
    _history("460301", SupplyLevel.GREEN, SupplySide.BALANCED)
    services.snapshot_month(actor=None)
    rows = figures()
    assert (rows["46"].level, rows["46"].side, rows["46"].warning) == ("red", "surplus", True)
    assert (rows["51"].level, rows["51"].warning) == ("red", False)
    assert rows["460301"].warning is False
    assert rows["510203"].warning is False  # no month before
    assert list(selectors.warnings(this_month())) == [rows["46"]]


def test_taking_the_month_before_again_sets_this_months_warnings_again(org_a, school):
    cohort(school, "460301", 10)
    posting(org_a, "460301", headcount=1)
    services.snapshot_month(actor=None)
    assert figures()["46"].warning is False
    # The month before had been red on the same side: taking it (from today's records) warns now.
    services.snapshot_month(period=services.add_months(this_month(), -1), actor=None)
    assert figures()["46"].warning is True


def test_only_the_secretariat_sets_thresholds_in_order(secretariat, officer):
    values = {"low_red": Decimal("0.4"), "low_yellow": Decimal("0.7"), "high_yellow": Decimal("1.6"),
              "high_red": Decimal("2.5")}
    with pytest.raises(PermissionDenied):
        services.thresholds_update(actor=officer, **values)
    with pytest.raises(ValidationError) as error:
        services.thresholds_update(actor=secretariat, **(values | {"low_yellow": Decimal("1.7")}))
    assert set(error.value.message_dict) == {"high_yellow"}
    services.thresholds_update(actor=secretariat, **values)
    thresholds = WarningThresholds.current()
    assert (thresholds.low_red, thresholds.high_red, thresholds.updated_by) == (Decimal("0.40"), Decimal("2.50"), secretariat)
    assert AuditEvent.objects.filter(event="supply.thresholds_updated").count() == 1


def test_new_thresholds_apply_when_the_month_is_taken_again(org_a, school, secretariat):
    cohort(school, "460301", 10)
    posting(org_a, "460301", headcount=6)
    services.snapshot_month(actor=None)
    assert figures()["46"].level == SupplyLevel.YELLOW
    services.thresholds_update(actor=secretariat, low_red=Decimal("0.3"), low_yellow=Decimal("0.5"),
                               high_yellow=Decimal("1.5"), high_red=Decimal("2"))
    assert figures()["46"].level == SupplyLevel.YELLOW
    services.snapshot_month(actor=secretariat)
    assert figures()["46"].level == SupplyLevel.GREEN


def test_only_the_secretariat_takes_a_month_by_hand(officer):
    with pytest.raises(PermissionDenied):
        services.snapshot_month(actor=officer)
    with pytest.raises(PermissionDenied):
        services.snapshot_request(actor=officer)


def test_matched_and_placed_students_are_counted(org_a, school):
    job = posting(org_a, "460301", headcount=2)
    profiles = cohort(school, "460301", 3)
    finished_run([(job, profiles[0]), (job, profiles[1])])
    services.snapshot_month(actor=None)
    assert (figures()["460301"].matched, figures()["460301"].placed) == (2, 0)


def test_filters_narrow_demand_by_industry_and_region(org_a, org_b, school):
    org_b.industry_id = "I65"
    org_b.save()
    cohort(school, "460301", 10)
    posting(org_a, "460301", headcount=4, location="320411")
    posting(org_b, "460301", headcount=6, location="320102")
    services.snapshot_month(actor=None)
    [family] = selectors.table(this_month())
    assert family.demand == 10
    [manufacturing] = selectors.table(this_month(), industry="C")
    assert (manufacturing.demand, manufacturing.ratio, manufacturing.level) == (4, Decimal("0.40"), "red")
    [changzhou] = selectors.table(this_month(), region=selectors.region_prefix("320400"))
    assert changzhou.demand == 4
    [nanjing_software] = selectors.table(this_month(), industry="I65", region="3201")
    assert nanjing_software.demand == 6


def test_exposure_flags_a_school_far_below_the_average(org_a, school, admin_b, teacher, secretariat):
    from members.tests.factories import OrganizationFactory
    from members.models import OrganizationKind

    other = OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, name_zh="另一所中职学校")
    job = posting(org_a, "460301", headcount=5)
    ours = cohort(school, "460301", 4)
    theirs = cohort(other, "460301", 4)
    finished_run([(job, p) for p in ours] + [(job, theirs[0])])
    report = selectors.exposure(secretariat)
    assert report.average == Decimal("62.50")
    by_school = {row.school: row for row in report.schools}
    assert (by_school["另一所中职学校"].share, by_school["另一所中职学校"].flagged) == (Decimal("25.00"), True)
    assert by_school[school.name].flagged is False
    # A school's people see their own school beside the consortium's average.
    mine = selectors.exposure(teacher)
    assert [row.school for row in mine.schools] == [school.name] and mine.average == Decimal("62.50")
