from typing import Any

from django import template

from lotse.workpermission.enums import Horizon
from lotse.workpermission.views import BOX_ROWS, radar_context

register = template.Library()


@register.inclusion_tag("workpermission/radar_box.html", takes_context=True)
def radar_box(context: template.Context, days: int = Horizon.DAYS_30) -> dict[str, Any]:
    """`{% load workpermission %}{% radar_box %}`: the next deadlines of the user's caseload."""
    request = context["request"]
    if not request.user.has_perm("participants.run_intake"):
        return {"radar_rows": None}
    return {**radar_context(request.user, days, limit=BOX_ROWS), "request": request}
