"""Open Badges 3.0 credentials: their shape, the identifiers refused before signing, and the
round trip through a signature."""

import re
from datetime import UTC, datetime

import pytest

from credentials.tests.issuing import NOW, issuer_with_keys
from credentials.vc import openbadges, rdf

UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_an_open_badge_credential_as_the_specifications_shape_it():
    issuer = issuer_with_keys()
    credential = issuer.credential(valid_until=datetime(2036, 7, 1, tzinfo=UTC))
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert UUID_URN.fullmatch(credential["id"])
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"] == {
        "id": "did:web:portal.example.cn:orgs:17",
        "type": ["Profile"],
        "name": "常州示例职业技术学院",
    }
    assert credential["validFrom"] == "2026-01-30T08:00:00Z"
    assert credential["validUntil"] == "2036-07-01T00:00:00Z"
    assert credential["name"] == "机电一体化技术专业毕业"
    subject = credential["credentialSubject"]
    assert UUID_URN.fullmatch(subject["id"]) and subject["type"] == ["AchievementSubject"]
    assert subject["achievement"] == {
        "id": "urn:uuid:5d1f6d8a-3c1b-4f7e-9f0a-3e2d1c0b9a87",
        "type": ["Achievement"],
        "name": "机电一体化技术专业毕业",
        "description": "完成三年制高等职业教育机电一体化技术专业的学习，成绩合格，准予毕业。",
        "criteria": {"narrative": "修满 150 学分，通过毕业设计答辩。"},
        "achievementType": "Diploma",
        "fieldOfStudy": "机电一体化技术",
    }
    assert [entry["statusPurpose"] for entry in credential["credentialStatus"]] == ["revocation", "suspension"]
    # Every term is one the contexts define (pyld, strictly).
    assert rdf.expand(credential)


def test_each_subject_is_a_new_random_identifier():
    issuer = issuer_with_keys()
    first, second = issuer.credential(), issuer.credential()
    assert first["credentialSubject"]["id"] != second["credentialSubject"]["id"]
    assert first["id"] != second["id"]


@pytest.mark.parametrize(
    "change, path",
    [
        ({"credential_id": "credential-1"}, "id"),
        ({"subject_id": "student/20240001"}, "credentialSubject.id"),
        ({"issuer_id": "http://portal.example.cn/orgs/17"}, "issuer.id"),
        ({"subject_id": "urn:uuid:not-a-uuid"}, "credentialSubject.id"),
        ({"subject_id": "https://exa mple.cn/x"}, "credentialSubject.id"),
        ({"credential_status": [{"id": "#1", "type": "BitstringStatusListEntry"}]}, "credentialStatus[0].id"),
        (
            {"credential_status": [{"id": "https://portal.example.cn/s#1", "statusListCredential": "status/1"}]},
            "credentialStatus[0].statusListCredential",
        ),
    ],
    ids=["credential", "subject", "http issuer", "bad uuid", "space", "status entry", "status list"],
)
def test_an_identifier_that_is_not_absolute_is_refused_before_signing_naming_its_place(change, path):
    with pytest.raises(openbadges.InvalidIdentifier) as refused:
        issuer_with_keys().credential(**change)
    assert refused.value.path == path
    assert path in str(refused.value)


def test_an_achievement_with_a_relative_id_is_refused():
    issuer = issuer_with_keys()
    credential = issuer.credential()
    credential["credentialSubject"]["achievement"]["id"] = "/achievements/1"
    with pytest.raises(openbadges.InvalidIdentifier, match="credentialSubject.achievement.id"):
        openbadges.check_identifiers(credential)


@pytest.mark.parametrize(
    "identifier, absolute",
    [
        ("urn:uuid:5d1f6d8a-3c1b-4f7e-9f0a-3e2d1c0b9a87", True),
        ("https://portal.example.cn/credentials/1", True),
        ("did:web:portal.example.cn:orgs:17", True),
        ("did:web:portal.example.cn:orgs:17#key-2", True),
        ("urn:uuid:5D1F6D8A-3C1B-4F7E-9F0A-3E2D1C0B9A87", False),
        ("https:///no-host", False),
        ("did:web:", False),
        ("mailto:student@example.cn", False),
        ("_:b0", False),
        ("", False),
        (None, False),
    ],
)
def test_what_counts_as_an_absolute_identifier(identifier, absolute):
    assert openbadges.is_absolute_identifier(identifier) is absolute


def test_achievement_types_are_the_open_badges_vocabulary_or_an_extension():
    issuer = issuer_with_keys()
    for kind in ("Diploma", "Certificate", "Award", "Course", "ext:1PlusXCertificate"):
        assert issuer.credential(achievement_type=kind)["credentialSubject"]["achievement"]["achievementType"] == kind
    with pytest.raises(ValueError, match="achievement type"):
        issuer.credential(achievement_type="毕业证")


def test_credits_are_written_so_that_every_processor_reads_them_alike():
    common = dict(
        achievement_id="urn:uuid:5d1f6d8a-3c1b-4f7e-9f0a-3e2d1c0b9a87", name="n", description="d", criteria="c"
    )
    assert openbadges.achievement(**common, achievement_type="Course", credits_available=3.0)["creditsAvailable"] == 3
    assert isinstance(
        openbadges.achievement(**common, achievement_type="Course", credits_available=3.0)["creditsAvailable"], int
    )
    assert openbadges.achievement(**common, achievement_type="Course", credits_available=2.5)["creditsAvailable"] == 2.5
    with pytest.raises(ValueError):
        openbadges.achievement(**common, achievement_type="Course", credits_available=-1)


def test_a_credential_valid_for_no_time_is_refused():
    with pytest.raises(ValueError, match="validUntil"):
        issuer_with_keys().credential(valid_until=NOW.replace(year=2025))


@pytest.mark.parametrize("text", ["毕业\x0b证书", "bell\x07", "delete\x7f", "nul\x00"])
def test_text_with_a_control_character_is_refused_naming_its_place(text):
    with pytest.raises(openbadges.InvalidText) as refused:
        issuer_with_keys().credential(name=text)
    assert refused.value.path == "name"


def test_tabs_and_line_breaks_are_text_like_any_other():
    credential = issuer_with_keys().credential(description="第一行\n第二行\t（附注）\r\n")
    assert credential["description"] == "第一行\n第二行\t（附注）\r\n"
