"""Factories for fictional test data. No real person appears anywhere."""

import datetime

import factory
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory

from lotse.network.enums import OrganisationKind, Role
from lotse.network.models import Membership, Network, Organisation, Site
from lotse.participants import services
from lotse.participants.models import Participant


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = "Netzwerk Teststadt"
    running_since = datetime.date(2022, 7, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Testträger {n}")
    kind = OrganisationKind.WELFARE
    file_number_prefix = factory.Sequence(lambda n: f"T{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}")
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@traeger.example")
    contact_phone = "+49 30 1234567"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Standort {n}")
    street = "Teststraße 1"
    postcode = "12345"
    city = "Teststadt"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@traeger.example")
    password = factory.django.Password("test-password-1")


def password_works(username: str, password: str) -> bool:
    """Whether the log-in's authentication (axes included) accepts this password."""
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=password) is not None


def member(organisation: Organisation, role: Role, username: str | None = None):  # type: ignore[no-untyped-def]
    user = UserFactory(username=username) if username else UserFactory()
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def participant_for(counsellor, **person) -> Participant:  # type: ignore[no-untyped-def]
    """A participant registered through the real service, as an intake would."""
    defaults = {
        "first_names": "Testa",
        "last_name": "Beispiel",
        "birth_date": datetime.date(1999, 4, 1),
        "gender": "female",
        "nationality": "SY",
        "phone": "+49 170 0000000",
    }
    return services.participant_create(actor=counsellor, person={**defaults, **person})


def account_names(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The name and e-mail fields of the team lead's account form, as the form shows them."""
    return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
