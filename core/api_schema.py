"""The error answers every operation may give, written into the OpenAPI schema once.

Every error body has one shape (``core.api.exception_handler``): ``{"code", "message",
"errors"}``. The schema names it as the ``Error`` component and lists, per operation, the
error statuses it can really answer: 401, 403 and 429 for every operation; 400 where the
caller sends query parameters or a body; 404 where the path names an object or a list can be
paged past its end; 415 where a body is read; and any a view declares with
``extend_schema(responses={404: OpenApiResponse(description=...)})``. Query parameters
(filters, search, ordering, paging) take an empty value as not given, and say so; free text,
in parameters and request bodies, may not hold a NUL character. A
drf-spectacular postprocessing hook (see ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``)."""

ERROR_COMPONENT = "Error"

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error answer: a stable machine code, a translated sentence, per-field messages.",
    "properties": {
        "code": {"type": "string", "description": "A stable machine-readable code, e.g. invalid, not_found."},
        "message": {"type": "string", "description": "What went wrong, in the request's language."},
        "errors": {
            "type": "object",
            "description": "Where the input was at fault: field name → messages (non_field_errors for the whole).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["code", "message", "errors"],
}

DESCRIPTIONS = {
    "400": "The request has errors: the fields at fault are listed in errors.",
    "401": "No valid API key or session: send an organisation's API key as Authorization: Bearer <key>.",
    "403": "The caller may not do this (their roles, the key's scopes, or CSRF for a signed-in browser).",
    "404": "No such object among those the caller may see, or a page past the end of the list.",
    "415": "The body is not in a media type the operation reads (JSON, form or multipart).",
    "429": "Too many requests: wait the number of seconds in Retry-After.",
}

# Text may hold any character but NUL, which is refused with a message naming it (forms and
# the API alike, core.messages): the schema says so wherever a string is free text.
NO_NUL = "^[^\\x00]*$"

RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before retrying."}}


def _codes(path: str, operation: dict) -> list[str]:
    parameters = operation.get("parameters", [])
    has_query = any(parameter.get("in") == "query" for parameter in parameters)
    has_body = "requestBody" in operation
    paged = any(parameter.get("name") == "page" for parameter in parameters)
    codes = ["401", "403", "429"]
    if has_query or has_body:
        codes.append("400")
    if "{" in path or paged:
        codes.append("404")
    if has_body:
        codes.append("415")
    return sorted(codes)


def _forbid_nul(schema: dict) -> None:
    if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
        schema["pattern"] = NO_NUL


def error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the Error component and each operation's errors."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code in _codes(path, operation):
                responses.setdefault(code, {"description": DESCRIPTIONS[code]})
            for code, answer in responses.items():
                # Errors a view declares itself (extend_schema with a description) get the shape too.
                if code.startswith(("4", "5")) and "content" not in answer:
                    answer["content"] = {"application/json": {"schema": reference}}
                if code == "429":
                    answer["headers"] = RETRY_AFTER
            for parameter in operation.get("parameters", []):
                # Filters, search, ordering and paging treat an empty value as not given.
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
                    _forbid_nul(parameter.get("schema", {}))
    for name, component in result["components"]["schemas"].items():
        if name.endswith("Request"):
            for field in component.get("properties", {}).values():
                _forbid_nul(field)
    return result
