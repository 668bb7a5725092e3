"""The site's rules in the security matrix: its own pages, sign-in, the admin console's
frame and the API's root and description (see ``tests/matrix.py``)."""

from tests.matrix import api, everyone, page, personas, reset_link_with_a_wrong_token, signed_in

RULES = {
    # --- site pages ---
    "home": (page(expect={"any": everyone(200)}),),
    "about": (page(expect={"any": everyone(200)}),),
    "healthz": (page(expect={"any": everyone(200)}),),
    "healthz_session": (page(expect={"any": signed_in(200)}),),
    "favicon": (page(expect={"any": everyone(301)}, anonymous_goes_to_login=False),),
    "audit_list": (page(expect={"any": personas(403, anonymous=302, secretariat=200)}),),
    "set_language": (
        page(method="post", data={"language": "en", "next": "/"}, anonymous_goes_to_login=False,
             expect={"any": everyone(302)}),
    ),
    "text_size": (
        page(method="post", data={"size": "large", "next": "/"}, anonymous_goes_to_login=False,
             expect={"any": everyone(302)}),
        page(expect={"any": everyone(405)}, anonymous_goes_to_login=False),
    ),
    "login": (page(expect={"any": signed_in(302, anonymous=200)}),),
    "logout": (
        page(method="post", anonymous_goes_to_login=False, expect={"any": everyone(302)}),
        page(expect={"any": everyone(405)}),
    ),
    "password_change": (page(expect={"any": signed_in(200)}),),
    "password_change_done": (page(expect={"any": signed_in(200)}),),
    "password_reset": (page(expect={"any": everyone(200)}),),
    "password_reset_done": (page(expect={"any": everyone(200)}),),
    # A reset link with a wrong token shows "link invalid", never the new-password form.
    "password_reset_confirm": (
        page(kwargs=reset_link_with_a_wrong_token, forbidden_text=('name="new_password1"',),
             expect={"any": everyone(200)}),
    ),
    "password_reset_complete": (page(expect={"any": everyone(200)}),),
    # --- the admin console: the secretariat only; everyone else is sent to its sign-in page ---
    # One sign-in page for the whole portal: the admin console's sends visitors to it.
    "admin:login": (page(expect={"any": personas(403, anonymous=302, secretariat=302)}),),
    "admin:index": (page(expect={"any": personas(302, secretariat=200)}),),
    "admin:core_auditevent_changelist": (
        page(expect={"any": personas(302, secretariat=200)}),
    ),
    # --- the API's root and its description ---
    "api-root": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "api_schema": (api(expect={"any": everyone(200)}),),
    "api_docs": (api(expect={"any": everyone(200)}),),
}

# Families of URLs answered by one rule: their members need no rule of their own, but
# the rules the apps give some of them (which must exist) show the family's rule holds.
FAMILIES = {
    # Django's admin console: every page of it is behind AdminSite.has_permission, which is
    # access.can_use_admin_console: the secretariat only.
    "admin:": "the secretariat's console",
}
