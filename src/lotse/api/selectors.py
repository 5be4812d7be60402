from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from lotse.api.models import ApiToken


def api_tokens_of(user: AbstractBaseUser) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
