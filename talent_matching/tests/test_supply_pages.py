"""Supply and demand pages, downloads and API: what each person sees, the drill-down behind a
figure, the thresholds form, query counts — and never a student's name anywhere."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEvent
from members.tests.factories import OrganizationFactory
from talent_matching.models import SupplyDemandSnapshot, SupplyLevel, SupplySide, WarningThresholds
from talent_matching.services import supply as services
from talent_matching.tests.supply_helpers import cohort, finished_run, posting, this_month
from talent_matching.views import supply_export
from tests.fixtures import client_for
from tests.pages import part, queries_for, shows, zh

pytestmark = pytest.mark.django_db

NAMES = ["欧阳明轩", "司马婉清"]


@pytest.fixture
def month(org_a, school):
    """This month's figures: 装备制造大类 short of graduates, 电子与信息大类 balanced; students with names."""
    job = posting(org_a, "460301", headcount=9, location="320411", title="机电设备维修工")
    posting(org_a, "510203", headcount=3, title="软件测试员")
    students = cohort(school, "460301", 2, names=NAMES)
    cohort(school, "510203", 3)
    finished_run([(job, students[0])])
    services.snapshot_month(actor=None)
    return this_month()


def test_the_table_shows_each_family_with_its_level_in_words(month, officer):
    response = client_for(officer).get(reverse("talent:supply_demand"))
    table = part(response, "supply-table").text
    assert "46 装备制造大类 9 2 4.50" in table and "1 / 0" in table and zh("Warning") in table and zh("Demand exceeds supply") in table
    assert "51 电子与信息大类 3 3 1.00" in table and zh("Balanced") in table
    assert shows(response, zh("Demand ÷ supply of %(name)s by month", name="46 装备制造大类"))  # the chart's title


def test_the_table_takes_the_same_queries_for_many_families(month, officer, org_a, school):
    client = client_for(officer)
    few = queries_for(client, reverse("talent:supply_demand"))
    for code in ("460103", "460702", "510101", "510209"):
        posting(org_a, code, headcount=2)
        cohort(school, code, 1)
    services.snapshot_month(actor=None)
    assert queries_for(client, reverse("talent:supply_demand")) == few
    assert few <= 13


def test_filters_narrow_the_demand(month, officer):
    response = client_for(officer).get(reverse("talent:supply_demand"), {"region": "320100"})
    assert "46 装备制造大类 0 2 0.00" in part(response, "supply-table").text


def test_a_family_page_has_a_chart_with_its_figures_as_text_and_its_majors(month, officer):
    response = client_for(officer).get(reverse("talent:supply_family", args=["46"]))
    assert response.status_code == 200
    assert "<title id=\"family-chart-title\">" in response.content.decode()
    assert f"{month:%Y-%m} 9 2 4.50" in part(response, "trend-table").text
    assert "460301 机电一体化技术 9 2 4.50" in part(response, "major-table").text


def test_behind_a_figure_are_its_postings_and_its_cohorts_by_school_without_names(month, officer, school):
    response = client_for(officer).get(reverse("talent:supply_figure", args=[month.year, month.month, "460301"]))
    assert "机电设备维修工" in part(response, "postings").text
    assert part(response, "breakdown").text.endswith("C34 通用设备制造业 新北区 9")
    # Two students of a school, major and year are not counted out.
    assert part(response, "cohorts").text.endswith(f"{school.name} {month.year + (month.month > 6)} "
                                                   + zh("fewer than %(count)s", count=3))
    assert zh("Demand %(demand)s, supply %(supply)s; %(matched)s of the graduating students are among "
              "some posting's top candidates, %(placed)s are placed.",
              demand=9, supply=2, matched=1, placed=0) in part(response, "summary").text
    for name in NAMES:
        assert name not in response.content.decode()


def test_a_cohort_of_three_or_more_is_counted_out(month, officer, school):
    cohort(school, "510203", 1)
    services.snapshot_month(actor=None)
    response = client_for(officer).get(reverse("talent:supply_figure", args=[month.year, month.month, "51"]))
    assert part(response, "cohorts").text.endswith(f"{school.name} {month.year + (month.month > 6)} 4")


def test_an_unknown_figure_is_not_found(month, officer):
    assert client_for(officer).get(reverse("talent:supply_figure", args=[month.year, 13, "46"])).status_code == 404
    assert client_for(officer).get(reverse("talent:supply_figure", args=[month.year, month.month, "99"])).status_code == 404
    assert client_for(officer).get(reverse("talent:supply_family", args=["99"])).status_code == 404


def test_students_and_visitors_do_not_see_the_figures(month, student):
    assert client_for(student).get(reverse("talent:supply_demand")).status_code == 404
    assert client_for().get(reverse("talent:supply_demand")).status_code == 302


def test_the_warnings_list_shows_figures_outside_the_band_two_months_in_a_row(month, officer):
    SupplyDemandSnapshot.objects.filter(period=month).delete()
    SupplyDemandSnapshot.objects.create(period=services.add_months(month, -1), family_code="46", demand=9, supply=2,
                                        ratio=Decimal("4.5"), level=SupplyLevel.RED, side=SupplySide.SHORTAGE)
    services.snapshot_month(actor=None)
    response = client_for(officer).get(reverse("talent:supply_warnings"))
    rows = part(response, "warnings").text
    assert "46 装备制造大类" in rows and "460301" not in rows and "51 " not in rows
    assert queries_for(client_for(officer), reverse("talent:supply_warnings")) <= 11


def test_the_csv_download_is_the_table_with_a_bom_and_no_names(month, officer):
    response = client_for(officer).get(reverse("talent:supply_export", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == [zh("month"), zh("family of majors"), zh("major")]
    assert rows[1][:8] == [f"{month:%Y-%m}", "46", "", "装备制造大类", "9", "2", "4.50", zh("Warning")]
    assert not any(name in body for name in NAMES)


def test_a_family_downloads_as_xlsx_by_major(month, officer):
    response = client_for(officer).get(reverse("talent:supply_export", args=["xlsx"]), {"family": "46"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1][:7] == [f"{month:%Y-%m}", "46", "460301", "机电一体化技术", 9, 2, 4.5]
    assert len(rows) == 2


def test_a_cell_that_looks_like_a_formula_is_written_as_text():
    assert supply_export._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert supply_export._cell("-1") == "'-1"
    assert supply_export._cell(7) == 7 and supply_export._cell(Decimal("0.65")) == Decimal("0.65")


def test_the_exposure_report_lists_schools_without_names(month, officer, school):
    response = client_for(officer).get(reverse("talent:supply_exposure"))
    text = part(response, "exposure-schools").text
    assert f"{school.name} 5 5 1 20.00%" in text
    assert not any(name in response.content.decode() for name in NAMES)


def test_an_enterprise_does_not_see_the_exposure_report(month, admin_a):
    assert client_for(admin_a).get(reverse("talent:supply_exposure")).status_code == 404
    assert client_for(admin_a).get(reverse("talent:supply_demand")).status_code == 200


def test_the_secretariat_sets_thresholds_and_a_wrong_order_is_explained(secretariat):
    client = client_for(secretariat)
    url = reverse("talent:supply_thresholds")
    response = client.post(url, {"low_red": "0.9", "low_yellow": "0.8", "high_yellow": "1.5", "high_red": "2"})
    assert response.status_code == 200
    assert shows(response, zh("Yellow below must be greater than red below."))
    assert WarningThresholds.current().low_red == Decimal("0.50")
    response = client.post(url, {"low_red": "0.4", "low_yellow": "0.7", "high_yellow": "1.5", "high_red": "3"})
    assert response.status_code == 302
    assert WarningThresholds.current().high_red == Decimal("3.00")
    assert AuditEvent.objects.filter(event="supply.thresholds_updated").exists()


def test_only_the_secretariat_reaches_the_thresholds(officer):
    assert client_for(officer).get(reverse("talent:supply_thresholds")).status_code == 404
    assert client_for(officer).post(reverse("talent:supply_snapshot")).status_code == 404


def test_the_api_gives_figures_and_warnings_as_counts(month, officer, student, api_client):
    client = api_client(officer)
    body = client.get("/api/v1/supply-demand/", {"family_code": "46", "major_code": ""}).json()
    [row] = [r for r in body["results"] if r["major_code"] == ""]
    assert (row["demand"], row["supply"], row["ratio"], row["level"], row["period"]) == (9, 2, "4.50", "red",
                                                                                       f"{month:%Y-%m-%d}")
    assert client.get("/api/v1/supply-demand/warnings/").json()["count"] == 0
    assert api_client(student).get("/api/v1/supply-demand/").json()["count"] == 0
    assert not any(name in str(body) for name in NAMES)


def test_the_school_sees_only_its_own_school_in_the_exposure_report(month, teacher, school):
    other = OrganizationFactory(kind="secondary_vocational", name_zh="另一所中职学校")
    cohort(other, "460301", 2)
    response = client_for(teacher).get(reverse("talent:supply_exposure"))
    assert "另一所中职学校" not in response.content.decode()
    assert school.name in part(response, "exposure-schools").text


def test_no_page_file_or_api_answer_names_a_student(month, secretariat, api_client, school):
    """Counts only: the students' names and user names appear nowhere, whoever looks."""
    from members.models import User

    people = list(User.objects.filter(full_name__in=NAMES).values_list("full_name", "username"))
    assert len(people) == 2
    client = client_for(secretariat)
    answers = [client.get(reverse(name, args=args)) for name, args in [
        ("talent:supply_demand", []), ("talent:supply_family", ["46"]), ("talent:supply_warnings", []),
        ("talent:supply_figure", [month.year, month.month, "46"]),
        ("talent:supply_figure", [month.year, month.month, "460301"]), ("talent:supply_exposure", []),
        ("talent:supply_export", ["xlsx"]),
    ]]
    texts = [answer.content.decode("utf-8", "replace") for answer in answers]
    texts.append(b"".join(client.get(reverse("talent:supply_export", args=["csv"])).streaming_content).decode())
    sheet = load_workbook(io.BytesIO(answers[-1].content)).active
    texts.append(str([[cell.value for cell in row] for row in sheet.iter_rows()]))
    api = api_client(secretariat)
    texts += [str(api.get("/api/v1/supply-demand/").json()), str(api.get("/api/v1/supply-demand/warnings/").json())]
    for full_name, username in people:
        for text in texts:
            assert full_name not in text and username not in text


def test_the_figure_page_takes_the_same_queries_for_many_postings(month, officer, org_a):
    client = client_for(officer)
    url = reverse("talent:supply_figure", args=[month.year, month.month, "46"])
    few = queries_for(client, url)
    for number in range(8):
        posting(org_a, "460301", headcount=1, title=f"岗位{number}")
    services.snapshot_month(actor=None)
    assert queries_for(client, url) == few


def test_the_family_page_takes_the_same_queries_for_many_majors(month, officer, org_a, school):
    client = client_for(officer)
    url = reverse("talent:supply_family", args=["46"])
    few = queries_for(client, url)
    for code in ("460103", "460303", "460702"):
        cohort(school, code, 1)
    services.snapshot_month(actor=None)
    assert queries_for(client, url) == few


def test_the_home_page_and_menu_lead_officers_to_the_figures(month, officer, student):
    response = client_for(officer).get(reverse("home"))
    assert reverse("talent:supply_demand") in response.content.decode()
    assert reverse("talent:supply_demand") not in client_for(student).get(reverse("home")).content.decode()
