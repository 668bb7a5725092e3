"""The layout every page shares, as people with different needs meet it: a skip link, the
trail of where they are, larger text that stays chosen, and form errors that assistive
technology can find from the field."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from members.models import User
from tests.fixtures import PASSWORD, client_for
from tests.pages import part, zh

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.described = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described.append((attrs.get("name"), attrs["aria-describedby"].split()))


def describedby_targets(response) -> tuple[list, set]:
    parser = _Ids()
    parser.feed(response.content.decode())
    return parser.described, parser.ids


def has_large_text(response) -> bool:
    return re.search(r'<html lang="[^"]+" class="text-large">', response.content.decode()) is not None


# --- the skip link and the trail --------------------------------------------------------------


def test_the_first_link_of_every_page_skips_to_the_main_content(client):
    body = client.get(reverse("members:organization_list")).content.decode()
    first_link = re.search(r"<a [^>]*href=\"([^\"]+)\"", body.split("<body>", 1)[1]).group(1)
    assert first_link == "#content"
    assert 'id="content"' in body


def test_the_trail_leads_from_home_through_the_directory_to_an_organisation(client, org_a):
    trail = part(client.get(org_a.get_absolute_url()), "breadcrumbs")
    assert trail.links == [reverse("home"), reverse("members:organization_list")]
    assert trail.text.split() == [zh("Home"), zh("Member directory"), org_a.name_zh]


def test_the_home_page_has_no_trail(client):
    assert 'data-testid="breadcrumbs"' not in client.get(reverse("home")).content.decode()


# --- larger text --------------------------------------------------------------------------


def test_a_visitor_chooses_larger_text_and_keeps_it_on_the_next_page(client):
    directory = reverse("members:organization_list")
    assert not has_large_text(client.get(directory))

    response = client.post(reverse("text_size"), {"size": "large", "next": directory})

    assert response.status_code == 302 and response["Location"] == directory
    assert has_large_text(client.get(directory)), "served from the cache, but for larger text"
    assert has_large_text(client.get(reverse("about")))
    client.post(reverse("text_size"), {"size": "standard", "next": directory})
    assert not has_large_text(client.get(directory))


def test_a_person_s_choice_of_larger_text_follows_them_to_another_browser(member_a):
    client_for(member_a).post(reverse("text_size"), {"size": "large", "next": "/"})

    member_a.refresh_from_db()
    assert member_a.large_text
    elsewhere = client_for(User.objects.get(pk=member_a.pk))
    assert has_large_text(elsewhere.get(reverse("members:organization_list")))
    assert zh("Standard text") in elsewhere.get(reverse("home")).content.decode()


def test_the_text_size_switch_goes_back_only_to_this_site(client):
    response = client.post(reverse("text_size"), {"size": "large", "next": "https://evil.example.com/"})
    assert response["Location"] == reverse("home")


def test_the_text_size_switch_refuses_another_site_s_form(member_a):
    client = client_for(member_a)
    response = client.post(reverse("text_size"), {"size": "large", "next": "/"}, HTTP_SEC_FETCH_SITE="cross-site")

    assert response.status_code == 403
    member_a.refresh_from_db()
    assert not member_a.large_text


def test_the_text_size_cookie_is_kept_from_scripts(client):
    response = client.post(reverse("text_size"), {"size": "large", "next": "/"})
    cookie = response.cookies[settings.TEXT_SIZE_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


# --- errors a screen reader finds from the field ----------------------------------------------


@pytest.mark.parametrize("url_name,data", [
    ("members:apply", {"kind": "enterprise", "credit_code": "91 bad", "password1": "x", "password2": "y"}),
    ("password_reset", {"email": "not an address"}),
])
def test_every_field_names_only_descriptions_that_are_on_the_page(client, url_name, data):
    response = client.post(reverse(url_name), data)

    described, ids = describedby_targets(response)
    assert described, "fields with errors or help say where it is"
    missing = [(name, target) for name, targets in described for target in targets if target not in ids]
    assert missing == []


def test_a_field_in_error_is_described_by_its_error(client):
    response = client.post(reverse("members:apply"), {"kind": "enterprise", "credit_code": "91 bad"})

    described = dict(describedby_targets(response)[0])
    assert "id_credit_code_error" in described["credit_code"]
    assert 'id="id_credit_code_error"' in response.content.decode()


def test_the_password_change_form_describes_its_rules(member_a):
    client = client_for(member_a)
    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "1",
                                                           "new_password2": "1"})
    described, ids = describedby_targets(response)
    assert all(target in ids for _name, targets in described for target in targets)
    assert "id_new_password1_helptext" in ids


# --- the public site's footer -------------------------------------------------------------------


def test_the_footer_names_the_host_contact_and_filings_when_set(client, settings):
    settings.CONSORTIUM_HOST = "常州市教育局"
    settings.CONSORTIUM_CONTACT = "0519-85680000"
    settings.ICP_FILING = "苏ICP备12345678号-1"
    settings.PUBLIC_SECURITY_FILING = "苏公网安备 32041102000123号"

    footer = part(client.get(reverse("about")), "footer")

    assert f"{zh('Hosted by')}{zh(': ')}常州市教育局" in footer.text
    assert "0519-85680000" in footer.text
    assert "https://beian.miit.gov.cn/" in footer.links
    assert any(link.endswith("code=32041102000123") for link in footer.links)


def test_the_footer_leaves_out_what_is_not_set(client, settings):
    settings.CONSORTIUM_HOST = settings.CONSORTIUM_CONTACT = settings.ICP_FILING = ""
    settings.PUBLIC_SECURITY_FILING = ""

    footer = part(client.get(reverse("home")), "footer")

    assert zh("Hosted by") not in footer.text and "ICP" not in footer.text
    assert footer.links == [reverse("about"), reverse("members:organization_list"), reverse("credentials:verify"),
                            reverse("governance:public_home")]
