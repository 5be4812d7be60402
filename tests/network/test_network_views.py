import datetime
import re

import pytest
from django.contrib.auth import get_user_model

from lotse.audit.models import AuditEvent
from lotse.network.models import ConsultationHour, Membership, Organisation, Site
from tests.conftest import Network, client_for
from tests.factories import account_names, password_works


def test_everyone_in_the_network_sees_organisations_and_hours(net: Network) -> None:
    site = Site.objects.get(name="Hauptstelle")
    ConsultationHour.objects.create(site=site, weekday=0, starts_at="12:00", ends_at="15:00")
    for user in (net.counsellor, net.volunteer, net.coordinator, net.data_protection):
        page = client_for(user).get("/network/").content.decode()
        assert "Jobcenter Test" in page
        assert "12:00–15:00" in page


def test_coordinator_adds_an_organisation_and_a_site_with_hours(net: Network) -> None:
    client = client_for(net.coordinator)
    response = client.post(
        "/network/organisations/new/",
        {
            "name": "Integrationsdienst Test",
            "kind": "welfare",
            "file_number_prefix": "id",
            "contact_email": "info@integration.example",
            "contact_phone": "",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Integrationsdienst Test")
    assert organisation.file_number_prefix == "ID"
    response = client.post(
        f"/network/organisations/{organisation.pk}/sites/new/",
        {
            "name": "Beratung Mitte",
            "street": "Marktplatz 1",
            "postcode": "12345",
            "city": "Nordheim",
            "hours-TOTAL_FORMS": "2",
            "hours-INITIAL_FORMS": "0",
            "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "14",
            "hours-0-weekday": "3",
            "hours-0-starts_at": "09:00",
            "hours-0-ends_at": "12:00",
        },
    )
    assert response.status_code == 302
    site = Site.objects.get(name="Beratung Mitte")
    hours = site.consultation_hours.values_list("weekday", "starts_at", "ends_at")
    assert [(d, f"{s:%H:%M}", f"{e:%H:%M}") for d, s, e in hours] == [(3, "09:00", "12:00")]
    assert AuditEvent.objects.filter(action__startswith="network.").count() == 2


def test_site_form_refuses_bad_postcode_and_reversed_hours(net: Network) -> None:
    response = client_for(net.coordinator).post(
        f"/network/organisations/{net.owner.pk}/sites/new/",
        {
            "name": "X",
            "street": "Y 1",
            "postcode": "1234",
            "city": "Z",
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "0",
            "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "14",
            "hours-0-weekday": "1",
            "hours-0-starts_at": "12:00",
            "hours-0-ends_at": "09:00",
        },
    )
    assert response.status_code == 200
    assert not Site.objects.filter(name="X").exists()


def test_only_the_coordinator_manages_organisations(net: Network) -> None:
    for user in (net.counsellor, net.team_lead, net.data_protection):
        assert client_for(user).get("/network/organisations/new/").status_code == 403


def test_team_lead_creates_and_changes_accounts_of_the_own_organisation(net: Network) -> None:
    client = client_for(net.team_lead)
    response = client.post(
        "/network/accounts/",
        {
            "username": "neue.beraterin",
            "first_name": "Neue",
            "last_name": "Beraterin",
            "email": "neu@traeger.example",
            "role": "counsellor",
            "password": "Sicher-Passwort-42",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="neue.beraterin")
    assert (membership.organisation, membership.role) == (net.owner, "counsellor")
    response = client.post(
        f"/network/accounts/{membership.pk}/",
        {"role": "volunteer", "version": "1", **account_names(membership.user)},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.user.is_active) == ("volunteer", False)
    other = Membership.objects.get(user=net.other_counsellor)
    assert client.get(f"/network/accounts/{other.pk}/").status_code == 404


def test_team_lead_cannot_demote_themselves(net: Network) -> None:
    own = Membership.objects.get(user=net.team_lead)
    client_for(net.team_lead).post(
        f"/network/accounts/{own.pk}/",
        {"role": "volunteer", "is_active": "on", "version": "1", **account_names(net.team_lead)},
    )
    own.refresh_from_db()
    assert own.role == "team_lead"


def test_account_form_rejects_weak_password_and_taken_name(net: Network) -> None:
    response = client_for(net.team_lead).post(
        "/network/accounts/",
        {
            "username": "berater",
            "first_name": "A",
            "last_name": "B",
            "email": "x",
            "role": "coordinator",
            "password": "123",
        },
    )
    assert response.status_code == 200
    assert response.content.decode().count('class="kern-error"') >= 4
    assert get_user_model().objects.filter(username="berater").count() == 1


def test_counsellor_cannot_manage_accounts(net: Network) -> None:
    assert client_for(net.counsellor).get("/network/accounts/").status_code == 403


def test_team_lead_cannot_change_roles_outside_the_assignable_ones(net: Network) -> None:
    from lotse.network.enums import Role
    from tests.factories import member

    lead = member(net.municipality, Role.TEAM_LEAD, "leitung.kreis")
    dpo = Membership.objects.get(user=net.data_protection)
    response = client_for(lead).post(
        f"/network/accounts/{dpo.pk}/", {"role": "counsellor", "version": "1"}
    )
    assert response.status_code == 404
    dpo.refresh_from_db()
    assert (dpo.role, dpo.user.is_active) == ("data_protection", True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "jobcenter test", "The network has an organisation of this name already."),
        ("file_number_prefix", "jc", "Another organisation uses this prefix."),
        ("file_number_prefix", "öw", "Use the letters A to Z only, e.g. SW."),
    ],
)
def test_organisation_name_and_prefix_taken_or_odd_are_refused_with_a_message(
    net: Network, field: str, value: str, message: str
) -> None:
    body = {
        "name": "Integrationsdienst Test",
        "kind": "welfare",
        "file_number_prefix": "id",
        "contact_email": "",
        "contact_phone": "",
        field: value,
    }
    before = Organisation.objects.count()

    response = client_for(net.coordinator).post(
        "/network/organisations/new/", body, headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Organisation.objects.count() == before


def test_renaming_an_organisation_to_a_taken_name_is_refused(net: Network) -> None:
    response = client_for(net.coordinator).post(
        f"/network/organisations/{net.third.pk}/",
        {
            "name": net.other.name,
            "kind": net.third.kind,
            "file_number_prefix": net.third.file_number_prefix,
            "contact_email": "",
            "contact_phone": "",
        },
        headers={"accept-language": "en"},
    )

    assert response.status_code == 200
    net.third.refresh_from_db()
    assert net.third.name == "Lernwerk Test"


def test_a_second_click_creates_one_site(net: Network) -> None:
    import uuid

    body = {
        "name": "Beratung Süd",
        "street": "Weg 2",
        "postcode": "12345",
        "city": "Nordheim",
        "hours-TOTAL_FORMS": "0",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "14",
        "submission_key": str(uuid.uuid4()),
    }
    client = client_for(net.coordinator)

    for _ in range(2):
        assert (
            client.post(f"/network/organisations/{net.owner.pk}/sites/new/", body).status_code
            == 302
        )

    assert Site.objects.filter(name="Beratung Süd").count() == 1


def _account(**changes: str) -> dict[str, str]:
    return {
        "username": "neue.beraterin",
        "first_name": "Neue",
        "last_name": "Beraterin",
        "email": "neu@traeger.example",
        "role": "counsellor",
        "password": "Sicher-Passwort-42",
        **changes,
    }


def test_initial_password_is_kept_as_typed(net: Network) -> None:
    response = client_for(net.team_lead).post(
        "/network/accounts/", _account(password="  Sicher-Passwort-42  ")
    )

    assert response.status_code == 302
    assert password_works("neue.beraterin", "  Sicher-Passwort-42  ")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": "neue.beraterin"}, "password"),  # like the user name
        ({"username": "berater\n"}, "username"),
        ({"username": "ＢＥＲＡＴＥＲ"}, "username"),  # "BERATER" once normalised: taken
        ({"email": "a" * 250 + "@b.de"}, "email"),
    ],
)
def test_account_form_refuses_odd_input_with_a_message(
    net: Network, changes: dict[str, str], field: str
) -> None:
    response = client_for(net.team_lead).post("/network/accounts/", _account(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not get_user_model().objects.filter(email=_account(**changes)["email"]).exists()


def test_team_lead_resets_a_forgotten_password_and_a_lost_second_factor(net: Network) -> None:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=net.colleague, name="Lotse", confirmed=True)
    membership = Membership.objects.get(user=net.colleague)
    locked = Client()
    for _ in range(5):
        locked.post("/accounts/login/", {"username": "kollegin", "password": "falsch"})
    assert (
        locked.post(
            "/accounts/login/", {"username": "kollegin", "password": "test-password-1"}
        ).status_code
        == 429
    )

    response = client_for(net.team_lead).post(
        f"/network/accounts/{membership.pk}/",
        {
            "role": "counsellor",
            "is_active": "on",
            "new_password": "Neues-Start-Passwort-7",
            "reset_second_factor": "on",
            "version": "1",
            **account_names(net.colleague),
        },
    )

    assert response.status_code == 302
    assert password_works("kollegin", "Neues-Start-Passwort-7")
    assert not TOTPDevice.objects.filter(user=net.colleague).exists()
    event = AuditEvent.objects.get(action="network.account.credentials_reset")
    assert event.detail == {"password": True, "second_factor": True}
    # Role and state were sent unchanged: no "account changed" event that says nothing.
    assert not AuditEvent.objects.filter(action="network.account.changed").exists()
    # The new password also lifts the lock-out.
    again = Client().post(
        "/accounts/login/", {"username": "kollegin", "password": "Neues-Start-Passwort-7"}
    )
    assert again.status_code == 302


def test_everyone_changes_their_own_password_after_the_second_factor(net: Network) -> None:
    client = client_for(net.colleague)
    page = client.get("/account/password/", headers={"accept-language": "en"})
    assert page.status_code == 200
    assert 'href="/account/password/"' in client.get("/network/").content.decode()
    wrong = client.post(
        "/account/password/",
        {"old_password": "falsch", "new_password1": "x", "new_password2": "x"},
    )
    assert wrong.status_code == 200

    response = client.post(
        "/account/password/",
        {
            "old_password": "test-password-1",
            "new_password1": "Mein-neues-Passwort-8",
            "new_password2": "Mein-neues-Passwort-8",
        },
    )

    assert response.status_code == 302
    assert password_works("kollegin", "Mein-neues-Passwort-8")
    assert AuditEvent.objects.filter(action="core.password.changed").count() == 1


def test_a_new_account_sets_its_own_password_before_anything_else(net: Network) -> None:
    from django.test import Client

    client_for(net.team_lead).post("/network/accounts/", _account())
    person = Client()
    assert (
        person.post(
            "/accounts/login/", {"username": "neue.beraterin", "password": "Sicher-Passwort-42"}
        ).status_code
        == 302
    )

    asked_for = person.get("/participants/?q=Muster")
    api = person.get("/api/v1/participants", headers={"accept-language": "de"})
    page = person.get(asked_for["Location"])
    changed = person.post(
        asked_for["Location"],
        {
            "old_password": "Sicher-Passwort-42",
            "new_password1": "Mein-eigenes-Passwort-9",
            "new_password2": "Mein-eigenes-Passwort-9",
        },
    )

    assert asked_for["Location"] == "/account/password/?next=%2Fparticipants%2F%3Fq%3DMuster"
    assert api.status_code == 403
    assert api.json() == {"detail": "Bitte legen Sie zuerst in Lotse ein eigenes Passwort fest."}
    assert "von jemand anderem gewählt" in page.content.decode()
    assert changed["Location"] == "/participants/?q=Muster"
    assert person.get("/participants/").status_code == 200
    assert not Membership.objects.get(user__username="neue.beraterin").must_change_password


def test_a_start_password_cannot_be_chosen_again_as_ones_own(net: Network) -> None:
    from django.test import Client

    client_for(net.team_lead).post("/network/accounts/", _account())
    person = Client()
    person.post(
        "/accounts/login/", {"username": "neue.beraterin", "password": "Sicher-Passwort-42"}
    )
    same = {
        "old_password": "Sicher-Passwort-42",
        "new_password1": "Sicher-Passwort-42",
        "new_password2": "Sicher-Passwort-42",
    }
    refused = person.post("/account/password/", same)
    assert refused.status_code == 200
    assert "Das neue Passwort muss sich vom bisherigen unterscheiden." in refused.content.decode()
    assert Membership.objects.get(user__username="neue.beraterin").must_change_password


def test_a_password_set_by_the_team_lead_must_be_replaced_too(net: Network) -> None:
    membership = Membership.objects.get(user=net.colleague)
    client_for(net.team_lead).post(
        f"/network/accounts/{membership.pk}/",
        {
            "role": "counsellor",
            "is_active": "on",
            "new_password": "Neues-Start-Passwort-7",
            "version": "1",
            **account_names(net.colleague),
        },
    )
    net.colleague.refresh_from_db()  # the new password's hash signs the session
    colleague = client_for(net.colleague)

    assert colleague.get("/participants/")["Location"].startswith("/account/password/")
    accounts = client_for(net.team_lead).get("/network/accounts/").content.decode()
    assert "Startpasswort noch nicht ersetzt" in accounts
    # Someone else's tokens are no way round it, but the person's own API tokens still work.
    from lotse.api.services import api_token_create

    _token, key = api_token_create(actor=net.colleague, user=net.colleague, name="Skript")
    from django.test import Client

    by_token = Client().get("/api/v1/participants", headers={"authorization": f"Bearer {key}"})
    assert by_token.status_code == 200


def test_overlapping_consultation_hours_are_refused(net: Network) -> None:
    body = {
        "name": "Beratung Ost",
        "street": "Weg 3",
        "postcode": "12345",
        "city": "Nordheim",
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "14",
        "hours-0-weekday": "0",
        "hours-0-starts_at": "09:00",
        "hours-0-ends_at": "12:00",
        "hours-1-weekday": "0",
        "hours-1-starts_at": "10:00",
        "hours-1-ends_at": "11:00",
    }

    response = client_for(net.coordinator).post(
        f"/network/organisations/{net.owner.pk}/sites/new/", body, headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert "Two consultation hours on the same day overlap." in response.content.decode()
    assert not Site.objects.filter(name="Beratung Ost").exists()


def test_a_stale_organisation_edit_is_refused_and_keeps_the_entries(net: Network) -> None:
    url = f"/network/organisations/{net.owner.pk}/"
    client = client_for(net.coordinator)
    opened = client.get(url).context["form"]["version"].value()

    def body(phone: str, version: object) -> dict[str, object]:
        return {
            "name": "Sozialwerk Test",
            "kind": net.owner.kind,
            "file_number_prefix": "SW",
            "contact_email": "",
            "contact_phone": phone,
            "version": version,
        }

    first = client.post(url, body("030 1234501", opened))
    stale = client.post(url, body("030 1234502", opened))
    page = stale.content.decode()
    deliberate = client.post(url, body("030 1234502", stale.context["form"]["version"].value()))

    assert first.status_code == 302
    assert stale.status_code == 200
    assert "nach dem Öffnen des Formulars gespeichert" in page
    assert 'value="030 1234502"' in page  # nothing typed is lost
    assert deliberate.status_code == 302
    net.owner.refresh_from_db()
    assert (net.owner.contact_phone, net.owner.version) == ("030 1234502", 3)


def test_a_stale_site_edit_is_refused_and_keeps_the_entries(net: Network) -> None:
    site = Site.objects.get(name="Hauptstelle")
    url = f"/network/organisations/{net.owner.pk}/sites/{site.pk}/"
    client = client_for(net.coordinator)
    opened = client.get(url).context["form"]["version"].value()

    def body(street: str, version: object) -> dict[str, object]:
        return {
            "name": "Hauptstelle",
            "street": street,
            "postcode": "12345",
            "city": "Musterstadt",
            "version": version,
            "hours-TOTAL_FORMS": "0",
            "hours-INITIAL_FORMS": "0",
            "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "14",
        }

    first = client.post(url, body("Erster Weg 1", opened))
    stale = client.post(url, body("Zweiter Weg 2", opened))
    page = stale.content.decode()
    deliberate = client.post(url, body("Zweiter Weg 2", stale.context["form"]["version"].value()))

    assert first.status_code == 302
    assert stale.status_code == 200
    assert "nach dem Öffnen des Formulars gespeichert" in page
    assert 'value="Zweiter Weg 2"' in page  # nothing typed is lost
    assert deliberate.status_code == 302
    site.refresh_from_db()
    assert site.street == "Zweiter Weg 2"
    assert site.version == 3
    assert AuditEvent.objects.filter(action="network.site.changed").count() == 2


def test_organisation_phone_and_site_names_are_checked(net: Network) -> None:
    client = client_for(net.coordinator)
    organisation = client.post(
        f"/network/organisations/{net.owner.pk}/",
        {
            "name": "Sozialwerk Test",
            "kind": net.owner.kind,
            "file_number_prefix": "SW",
            "contact_phone": "abc",
            "version": net.owner.version,
        },
    )
    assert organisation.status_code == 200
    assert "Geben Sie eine Telefonnummer nur mit Ziffern ein" in organisation.content.decode()
    site = client.post(
        f"/network/organisations/{net.owner.pk}/sites/new/",
        {
            "name": "hauptstelle",
            "street": "Weg 1",
            "postcode": "12345",
            "city": "Musterstadt",
            "hours-TOTAL_FORMS": "0",
            "hours-INITIAL_FORMS": "0",
            "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "14",
        },
    )
    assert site.status_code == 200
    assert "Der Träger hat bereits einen Standort dieses Namens." in site.content.decode()
    assert Site.objects.filter(organisation=net.owner).count() == 1


def test_a_site_open_by_appointment_besides_its_hours_shows_both(net: Network) -> None:
    site = Site.objects.get(name="Hauptstelle")
    site.by_appointment = True
    site.save()
    ConsultationHour.objects.create(
        site=site, weekday=0, starts_at=datetime.time(9), ends_at=datetime.time(12)
    )
    page = client_for(net.coordinator).get("/network/").content.decode()
    assert "; nach Vereinbarung" in page


def test_a_team_lead_cannot_change_their_own_role_and_is_not_offered_to(net: Network) -> None:
    own = Membership.objects.get(user=net.team_lead)
    client = client_for(net.team_lead)
    page = client.get(f"/network/accounts/{own.pk}/").content.decode()
    assert re.search(r'<select name="role"[^>]*disabled', page)
    assert "Das können Sie für Ihr eigenes Konto nicht ändern." in page
    response = client.post(
        f"/network/accounts/{own.pk}/",
        {"role": "counsellor", "version": "1", **account_names(net.team_lead)},
    )
    assert response.status_code == 302  # the disabled fields keep what they were
    own.refresh_from_db()
    net.team_lead.refresh_from_db()
    assert (own.role, net.team_lead.is_active) == ("team_lead", True)


@pytest.mark.parametrize(
    ("weekday", "message"),
    [
        ("", "Dieses Feld ist ein Pflichtfeld."),
        ("9", "Bitte eine gültige Auswahl treffen. 9 ist keine gültige Auswahl."),
    ],
)
def test_site_form_with_an_empty_or_unknown_weekday_is_shown_again_with_a_message(
    net: Network, weekday: str, message: str
) -> None:
    site = Site.objects.get(name="Hauptstelle")
    url = f"/network/organisations/{net.owner.pk}/sites/{site.pk}/"
    client = client_for(net.coordinator)
    version = client.get(url).context["form"]["version"].value()
    body = {
        "name": "Hauptstelle",
        "street": "Weg 3",
        "postcode": "12345",
        "city": "Musterstadt",
        "version": version,
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "14",
        "hours-0-weekday": weekday,
        "hours-0-starts_at": "09:00",
        "hours-0-ends_at": "12:00",
        "hours-1-weekday": "2",
        "hours-1-starts_at": "10:00",
        "hours-1-ends_at": "11:00",
    }

    response = client.post(url, body, headers={"accept-language": "de"})

    assert response.status_code == 200
    assert response.context["hours"].forms[0].errors["weekday"] == [message]
    assert message in response.content.decode()
    site.refresh_from_db()
    assert site.street != "Weg 3"


def test_site_form_rows_read_as_numbered_consultation_hours_with_a_kern_check_box(
    net: Network,
) -> None:
    site = net.owner.sites.first()
    page = client_for(net.coordinator).get(
        f"/network/organisations/{net.owner.pk}/sites/{site.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )
    text = page.content.decode()
    assert '<legend class="kern-label">Sprechzeit 1</legend>' in text
    assert '<input type="checkbox" name="hours-0-DELETE" class="kern-form-check__checkbox"' in text
    assert "Diese Sprechzeit entfernen" in text
    assert 'href="/network/"' in text


def test_team_lead_corrects_an_accounts_name_and_e_mail(net: Network) -> None:
    membership = Membership.objects.get(user=net.colleague)
    url = f"/network/accounts/{membership.pk}/"
    client = client_for(net.team_lead)
    form = client.get(url, headers={"accept-language": "de"}).content.decode()
    assert f'value="{net.colleague.email}"' in form

    response = client.post(
        url,
        {
            "first_name": "Anna",
            "last_name": "Aalto-Berg",
            "email": "a.aalto-berg@traeger.example",
            "role": "counsellor",
            "is_active": "on",
            "version": "1",
        },
    )

    assert response.status_code == 302
    net.colleague.refresh_from_db()
    membership.refresh_from_db()
    assert (net.colleague.get_full_name(), net.colleague.email) == (
        "Anna Aalto-Berg",
        "a.aalto-berg@traeger.example",
    )
    assert membership.version == 2  # an open form elsewhere is now stale
    listed = client.get("/network/accounts/").content.decode()
    assert '<td class="kern-table__cell">a.aalto-berg@traeger.example</td>' in listed
    event = AuditEvent.objects.get(action="network.account.changed")
    # That the name and e-mail changed, never to what.
    assert event.detail == {"first_name": "•••", "last_name": "•••", "email": "•••"}
    assert "Aalto-Berg" not in str(event.detail)


def test_an_account_keeps_a_name_and_an_e_mail(net: Network) -> None:
    membership = Membership.objects.get(user=net.colleague)
    response = client_for(net.team_lead).post(
        f"/network/accounts/{membership.pk}/",
        {"first_name": "", "last_name": "", "email": "kein-mail", "role": "counsellor",
         "is_active": "on", "version": "1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.content.decode().count('class="kern-error"') == 3
    net.colleague.refresh_from_db()
    assert net.colleague.last_name != ""


def test_the_account_page_names_whose_account_it_is(net: Network) -> None:
    membership = Membership.objects.get(user=net.colleague)
    html = (
        client_for(net.team_lead)
        .get(f"/network/accounts/{membership.pk}/", headers={"accept-language": "de"})
        .content.decode()
    )
    name = net.colleague.get_full_name()
    assert name
    assert f"Konto von {name} (kollegin)" in html


def test_one_navigation_item_is_current(net: Network) -> None:
    html = client_for(net.team_lead).get("/network/accounts/").content.decode()
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    assert nav.count('aria-current="page"') == 1
    assert 'href="/network/accounts/" aria-current="page"' in nav


def _navigation(html: str) -> str:
    return html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]


def test_a_role_with_many_entries_sees_the_daily_work_in_the_bar_and_the_rest_in_groups(
    net: Network,
) -> None:
    # A team lead saw 17 entries on two lines; a new user found nothing in them.
    html = client_for(net.team_lead).get("/employers/").content.decode()
    nav = _navigation(html)
    groups = re.findall(r"<summary[^>]*>([^<]+)</summary>\s*<ul[^>]*>(.*?)</ul>", nav, re.S)
    entries = {
        label: re.findall(r'<a class="kern-link" href="[^"]+"[^>]*>([^<]+)</a>', items)
        for label, items in groups
    }
    assert entries["Netzwerk"][:2] == ["Angebote", "Arbeitgeber"]
    assert "Träger und Standorte" in entries["Netzwerk"]
    assert entries["Auswertung"] == ["Berichte", "Kennzahlen"]
    before_groups = nav.split("<details>", 1)[0]
    assert "Meine Teilnehmenden" in before_groups
    assert "Neues Erstgespräch" in before_groups
    # The page shown is marked inside its group, and the group's heading says it holds it.
    assert 'href="/employers/" aria-current="page">Arbeitgeber</a>' in nav
    assert 'class="kern-link lotse-menu__current">Netzwerk</summary>' in nav


def test_a_role_with_few_entries_sees_them_all_in_the_bar(net: Network) -> None:
    nav = _navigation(client_for(net.data_protection).get("/audit/").content.decode())
    assert "<details>" not in nav
    assert ">Protokoll</a>" in nav
