"""Request-wide behaviour: the chosen language, and whom writes are attributed to."""

from django.conf import settings
from django.utils import translation

from core.audit import audit_context


class LanguageMiddleware:
    """Chinese unless the visitor chose otherwise with the language switch.

    Unlike Django's LocaleMiddleware the browser's Accept-Language is not consulted: the
    portal is Chinese first, and English is a choice a visitor makes on any page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.headers.get("Vary", "")
        if "Cookie" not in patch:
            response.headers["Vary"] = f"{patch}, Cookie" if patch else "Cookie"
        translation.deactivate()
        return response


class AuditContextMiddleware:
    """Attributes every write made while handling a request to its user and address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit_context(request=request):
            return self.get_response(request)
