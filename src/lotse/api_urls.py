from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from lotse.api.auth import api_auth
from lotse.api.docs import LocalSwagger, docs_asset
from lotse.api.errors import install_error_handlers
from lotse.appointments.api import router as appointments_router
from lotse.events.api import router as events_router
from lotse.offers.api import router as hsds_router
from lotse.offers.network_api import router as offers_router
from lotse.participants.api import router as participants_router
from lotse.placements.matches.api import router as matches_router
from lotse.placements.placements.api import router as placements_router
from lotse.profiles.api import router as profiles_router
from lotse.referrals.api import router as referrals_router
from lotse.reporting.api import router as reports_router
from lotse.responsibilities.api import router as responsibilities_router
from lotse.taxonomy.api import router as taxonomy_router
from lotse.workpermission.api import router as work_permission_router

api = NinjaAPI(
    title="Lotse API",
    version="1",
    urls_namespace="api",
    description="Participants and counselling contacts of the caller's network. Authenticate "
    "with the browser session (unsafe methods need the X-CSRFToken header) or with a personal "
    'token: `Authorization: Bearer <token>`. Errors are `{"detail": ...}`; invalid data '
    "(422) adds `errors` per field. Messages follow Accept-Language.",
    auth=api_auth,
    docs=LocalSwagger(),
)
install_error_handlers(api)
api.add_router("", participants_router)
api.add_router("/work-permission/", work_permission_router)
api.add_router("", profiles_router)
api.add_router("", taxonomy_router)
api.add_router("/hsds/", hsds_router)
api.add_router("", offers_router)
api.add_router("", matches_router)
api.add_router("", placements_router)
api.add_router("", events_router)
api.add_router("", reports_router)
api.add_router("", responsibilities_router)
api.add_router("", referrals_router)
api.add_router("", appointments_router)


@api.get("/docs/assets/{name}", auth=None, include_in_schema=False, url_name="docs_asset")
def swagger_asset(request: HttpRequest, name: str) -> HttpResponse:
    return docs_asset(request, name)
