"""`GET /api/v1/occupations?q=&limit=`: occupation search as you type.

Registered by the API package: `api.add_router("", router)` (next to the participants).
Reference data, so every authenticated user may search; nothing is audited (no personal data).
"""

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.params.functions import Query
from pydantic import WithJsonSchema

from lotse.api.auth import api_auth
from lotse.api.errors import InvalidDataError
from lotse.taxonomy.selectors import MAX_LIMIT, MAX_QUERY_LENGTH, occupation_search

# The rules of the code below, said in the schema only (the code keeps its own messages): some
# text besides spaces, at most 100 characters, no NUL.
SearchText = WithJsonSchema(
    {"type": "string", "minLength": 1, "maxLength": 100, "pattern": r"^[^\x00]*\S[^\x00]*$"}
)

router = Router(tags=["taxonomy"], auth=api_auth)


class OccupationOut(Schema):
    code: str
    system: str
    label: str
    language: str
    level: str | None
    hierarchy_level: int
    is_ausbildungsberuf: bool | None
    isco_code: str | None
    kldb_code: str | None
    esco_uri: str | None


class Message(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


@router.get(
    "/occupations",
    response={200: list[OccupationOut], 401: Message, 422: ValidationErrors},
    summary="Search occupations as you type",
    description="Occupations of the curated set, KldB 2010, ISCO-08 and ESCO whose labels "
    "match `q` in any language, tolerant of typos and missing umlauts, best first. "
    "`level` is the requirement level (helper, skilled, specialist, expert) where a 5-digit "
    "KldB code is known.",
)
def occupations(
    request: HttpRequest,
    q: Annotated[str, SearchText] = Query(..., description="At most 100 characters"),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
) -> Any:
    text = q.strip()
    if not text:
        raise InvalidDataError({"q": [_("Enter a search text.")]})
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidDataError(
            {"q": [_("Enter at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}]}
        )
    if "\x00" in text:
        raise InvalidDataError({"q": [_("The search text contains invalid characters.")]})
    # Plain dicts: ninja validates the response once against OccupationOut.
    return [
        {
            "code": hit.occupation.code,
            "system": hit.occupation.system,
            "label": hit.label,
            "language": hit.language,
            "level": hit.occupation.requirement_level or None,
            "hierarchy_level": hit.occupation.level,
            "is_ausbildungsberuf": hit.occupation.is_ausbildungsberuf,
            "isco_code": hit.occupation.isco_code or None,
            "kldb_code": hit.occupation.kldb_code or None,
            "esco_uri": hit.occupation.esco_uri or None,
        }
        for hit in occupation_search(text, limit=limit)
    ]
