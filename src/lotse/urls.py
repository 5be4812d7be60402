from django.contrib.auth import views as auth_views
from django.urls import include, path

from lotse.api_urls import api
from lotse.core.forms import LoginForm
from lotse.network import otp_views

urlpatterns = [
    path("", include("lotse.network.account_urls")),
    path(
        "accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/second-factor/", otp_views.otp, name="otp"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("participants/", include("lotse.participants.urls")),
    path("tasks/", include("lotse.participants.task_urls")),
    path("network/", include("lotse.network.urls")),
    path("audit/", include("lotse.dataprotection.urls")),
    path("work-permission/", include("lotse.workpermission.urls")),
    path("profiles/", include("lotse.profiles.urls")),
    path("offers/", include("lotse.offers.urls")),
    path("inbox/", include("lotse.inbox.urls")),
    path("referrals/", include("lotse.referrals.urls")),
    path("responsibilities/", include("lotse.responsibilities.urls")),
    path("employers/", include("lotse.employers.urls")),
    path("placements/", include("lotse.placements.urls")),
    path("matches/", include("lotse.placements.matches.urls")),
    path("appointments/", include("lotse.appointments.urls")),
    path("events/", include("lotse.events.urls")),
    path("reports/", include("lotse.reporting.urls")),
    path("profiles/documents/", include("lotse.profiles.documents.urls")),
    path("api/v1/", api.urls),
    path("account/api-tokens/", include("lotse.api.token_urls")),
]

handler404 = "lotse.core.views.page_not_found"
