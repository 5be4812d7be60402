from django.contrib.auth.models import User
from django.db.models import QuerySet

from lotse.api.models import ApiToken


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
