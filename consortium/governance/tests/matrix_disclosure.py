"""The governance rules in the security matrix: public disclosure (信息公开) — open to everyone,
visitor included; a resolution, minutes or project not marked public is not found by anyone there."""

from consortium.governance.tests.disclosure_support import (
    hidden_minutes_pk, hidden_project_pk, hidden_resolution_number, public_minutes_pk, public_project_pk,
    public_resolution_number,
)
from tests.matrix import everyone, page

RULES = {
    "governance:public_home": (page(expect={"any": everyone(200)}),),
    "governance:public_resolutions": (page(expect={"any": everyone(200)}),),
    "governance:public_resolution": (
        page(expect={"any": everyone(200)}, kwargs=public_resolution_number),
        page(expect={"any": everyone(404)}, kwargs=hidden_resolution_number),
    ),
    "governance:public_minutes": (page(expect={"any": everyone(200)}),),
    "governance:public_minutes_detail": (
        page(expect={"any": everyone(200)}, kwargs=public_minutes_pk),
        page(expect={"any": everyone(404)}, kwargs=hidden_minutes_pk),
    ),
    "governance:public_projects": (page(expect={"any": everyone(200)}),),
    "governance:public_project": (
        page(expect={"any": everyone(200)}, kwargs=public_project_pk),
        page(expect={"any": everyone(404)}, kwargs=hidden_project_pk),
    ),
}
