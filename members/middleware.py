"""Request-wide behaviour of members: recording the use of API keys."""

from members import services


class ApiKeyUseMiddleware:
    """Records every request authenticated by an API key, once the answer is known.

    It runs outside the request's transaction, so a refused or failed request is recorded
    as well as a successful one. Place it after ``AuditContextMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        api_key = getattr(request, "api_key", None)
        if api_key is not None:
            services.api_key_record_use(
                api_key=api_key, method=request.method, path=request.get_full_path(), status=response.status_code
            )
        return response
