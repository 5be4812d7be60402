"""Import of offers from the list a coordinator already keeps (CSV or XLSX).

All or nothing: every row is checked with the offer form the page uses (so the rules and the
messages are the page's), and only when no row has a problem are they saved, in one
transaction, each through `services.offer_save` (audited). Problems are reported by row and
column, in German. A row with a `schluessel` (the offer's key in the list) updates the offer
imported with that key before, so importing the same list twice changes nothing.

The column layout (the first row names the columns; their order and case do not matter) is
`COLUMNS`, described for the reader in `COLUMN_HELP` (the upload page shows it) and in
docs/architecture.md ("Offers").
"""

import csv
import datetime
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from lotse.network.enums import Weekday
from lotse.network.models import Network, Organisation
from lotse.offers import services
from lotse.offers.enums import Funding, LegalSphere, Mode, OfferKind, OfferStatus, Schedule
from lotse.offers.forms import TRANSLATED, OfferForm
from lotse.offers.models import ACTIVITY_CHOICES, GERMAN_LEVELS, Offer
from lotse.participants.enums import DocumentType

MAX_ROWS = 5_000
MAX_BYTES = 10 * 1024 * 1024

# Column → form field. German column names: the coordinator's list is German.
COLUMNS: dict[str, str] = {
    "schluessel": "external_key",
    "titel": "title",
    "art": "kind",
    "anbieter": "provider",
    "anbieter_extern": "outside_provider",
    "beschreibung": "description",
    "status": "status",
    "zeitplan": "schedule",
    "wochentage": "weekdays",
    "uhrzeit_von": "starts_at",
    "uhrzeit_bis": "ends_at",
    "beginn": "start_date",
    "ende": "end_date",
    "form": "mode",
    "sprachen": "languages",
    "kosten": "funding",
    "kosten_hinweis": "cost_note",
    "plaetze": "seats",
    "plaetze_frei": "seats_free",
    "plaetze_stand": "seats_updated_on",
    "warteliste": "waiting_list",
    "kontakt_name": "contact_name",
    "kontakt_email": "contact_email",
    "kontakt_telefon": "contact_phone",
    "aufenthaltspapiere": "documents",
    "erlaubt_sein_muss": "activity",
    "mindestalter": "min_age",
    "hoechstalter": "max_age",
    "deutsch_mindestens": "min_german",
    "rechtskreise": "legal_spheres",
    "postleitzahlen": "postcodes",
    "vorqualifikation": "qualifications",
    **{f"titel_{code}": f"title_{code}" for code, _name in TRANSLATED},
    **{f"beschreibung_{code}": f"description_{code}" for code, _name in TRANSLATED},
}
REQUIRED = ("titel", "art")
# (column, what it holds, an example) for the upload page; the translations follow `titel`.
COLUMN_HELP: list[tuple[str, Any, str]] = [
    ("schluessel", gettext_lazy("the offer's key in your list; a new import updates it"), "VHS-17"),
    ("titel", gettext_lazy("title (required)"), "Berufssprachkurs B2"),
    (
        "art",
        gettext_lazy("kind (required), e.g. Integrationskurs, Qualifizierung"),
        "Berufssprachkurs",
    ),
    ("anbieter", gettext_lazy("a partner organisation, by its name in Lotse"), "Lernwerk"),
    ("anbieter_extern", gettext_lazy("or a provider outside the network"), "VHS Beispielstadt"),
    ("beschreibung", gettext_lazy("description"), ""),
    ("status", gettext_lazy("aktiv (default), pausiert or beendet"), "aktiv"),
    ("zeitplan", gettext_lazy("wöchentlich, Termine or nach Vereinbarung"), "wöchentlich"),
    ("wochentage", gettext_lazy("weekdays, separated by commas"), "Mo, Do"),
    ("uhrzeit_von / uhrzeit_bis", gettext_lazy("times"), "09:00"),
    ("beginn / ende", gettext_lazy("dates"), "11.01.2027"),
    ("form", gettext_lazy("Präsenz (default), Online or Hybrid"), "Präsenz"),
    ("sprachen", gettext_lazy("languages taught in, as ISO codes"), "de, ar"),
    ("kosten", gettext_lazy("kostenlos (default), Bildungsgutschein or sonstige"), "kostenlos"),
    ("kosten_hinweis", gettext_lazy("cost and funding, in words"), ""),
    ("plaetze / plaetze_frei", gettext_lazy("seats and seats free"), "16 / 4"),
    ("plaetze_stand", gettext_lazy("date the seats were counted"), "30.11.2026"),
    ("warteliste", gettext_lazy("ja or nein"), "nein"),
    ("kontakt_name / kontakt_email / kontakt_telefon", gettext_lazy("contact"), ""),
    (
        "aufenthaltspapiere",
        gettext_lazy("residence documents accepted, e.g. duldung, gestattung"),
        "duldung",
    ),
    ("erlaubt_sein_muss", gettext_lazy("Beschäftigung, Ausbildung or Praktikum"), ""),
    ("mindestalter / hoechstalter", gettext_lazy("age span"), "18 / 27"),
    ("deutsch_mindestens", gettext_lazy("minimum German level (A1 to C2)"), "B1"),
    ("rechtskreise", gettext_lazy("SGB II, SGB III, AsylbLG"), "SGB II"),
    ("postleitzahlen", gettext_lazy("postcodes served or their first digits"), "281 28203"),
    ("vorqualifikation", gettext_lazy("prior qualification, separated by commas"), ""),
    (
        "titel_en / titel_ar / titel_fa / titel_uk",
        gettext_lazy("title in English, Arabic, Dari/Farsi, Ukrainian"),
        "",
    ),
    ("beschreibung_en / …", gettext_lazy("description in those languages"), ""),
]
FIELD_COLUMN = {name: column for column, name in COLUMNS.items()}
# What a cell may say instead of a code: the code, its German or English label, or these.
_ALIASES: dict[str, dict[str, str]] = {
    "weekdays": {"mo": "0", "di": "1", "mi": "2", "do": "3", "fr": "4", "sa": "5", "so": "6"},
    "schedule": {
        "wöchentlich": "weekly",
        "termine": "dates",
        "nach vereinbarung": "by_appointment",
    },
    "mode": {"präsenz": "in_person", "vor ort": "in_person"},
    "funding": {"kostenlos": "free", "bildungsgutschein": "voucher", "azav": "voucher"},
    "status": {"aktiv": "active", "pausiert": "paused", "beendet": "ended"},
    "activity": {
        "beschäftigung": "employment",
        "ausbildung": "vocational_training",
        "praktikum": "internship",
    },
}
_CHOICES: dict[str, list[tuple[Any, Any]]] = {
    "kind": OfferKind.choices,
    "status": OfferStatus.choices,
    "schedule": Schedule.choices,
    "mode": Mode.choices,
    "funding": Funding.choices,
    "weekdays": Weekday.choices,
    "documents": DocumentType.choices,
    "legal_spheres": LegalSphere.choices,
    "activity": ACTIVITY_CHOICES,
    "min_german": GERMAN_LEVELS,
}
_MULTIPLE = frozenset({"weekdays", "languages", "documents", "legal_spheres"})
_YES = frozenset({"ja", "j", "yes", "x", "1", "true", "wahr"})
_NO = frozenset({"", "nein", "n", "no", "0", "false", "falsch"})


@dataclass(frozen=True)
class Problem:
    row: int | None  # the row's number in the file (the header is row 1); None: the file
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportRefusedError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(content: bytes, filename: str) -> list[list[str]]:
    """The file's rows as text, header first. CSV: UTF-8 (or Windows-1252, as Excel saves it),
    separated by semicolons or commas."""
    if len(content) > MAX_BYTES:
        raise ImportRefusedError([Problem(None, "", _("The file is larger than 10 MB."))])
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ImportRefusedError(
                [Problem(None, "", _("The file cannot be read as an XLSX workbook."))]
            ) from error
        sheet = workbook.worksheets[0]
        rows = [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if not filename.lower().endswith(".csv"):
        raise ImportRefusedError([Problem(None, "", _("Upload a CSV or XLSX file."))])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ImportRefusedError([Problem(None, "", _("The file cannot be read as CSV."))])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _choice(name: str, value: str) -> str:
    """A code for a label or alias; the value itself where nothing matches (the form says)."""
    lowered = value.strip().lower()
    aliases = _ALIASES.get(name, {})
    if lowered in aliases:
        return aliases[lowered]
    for code, label in _CHOICES.get(name, []):
        with translation.override("de"):
            german = str(label).lower()
        with translation.override("en"):
            english = str(label).lower()
        if lowered in (str(code).lower(), german, english):
            return str(code)
    return value.strip()


# Legal forms a list often leaves out of a provider's name ("Lernwerk Muster" for "Lernwerk
# Muster gGmbH").
_LEGAL_FORMS = ("e.v.", "ggmbh", "gmbh", "gug", "ug", "ag", "kdör", "eg", "mbh")


def _without_legal_form(name: str) -> str:
    words = name.lower().replace(",", " ").split()
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def organisation_names(organisations: Iterable[Organisation]) -> dict[str, Organisation]:
    """Each partner by what a list may call it: its full name, its short name (the file-number
    prefix, "LW"), or its name without the legal form. A short form two partners share names
    neither (the list must then say which)."""
    found: dict[str, Organisation] = {}
    ambiguous: set[str] = set()
    partners = list(organisations)
    for organisation in partners:
        for name in {
            organisation.file_number_prefix.lower(),
            _without_legal_form(organisation.name),
        }:
            if not name:
                continue
            if name in found and found[name] != organisation:
                ambiguous.add(name)
            found[name] = organisation
    for name in ambiguous:
        del found[name]
    # A full name always names its partner, even where it is another's short form.
    found.update({o.name.lower(): o for o in partners})
    return found


def _form_data(
    cells: Mapping[str, str], organisations: Mapping[str, Organisation]
) -> tuple[dict[str, Any], list[Problem]]:
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for column, value in cells.items():
        name = COLUMNS[column]
        if name == "external_key":
            continue
        if name == "provider":
            if value:
                found = organisations.get(value.lower()) or organisations.get(
                    _without_legal_form(value)
                )
                if found is None:
                    problems.append(
                        Problem(
                            None,
                            column,
                            _(
                                "“%(name)s” is no partner of the network (partners: "
                                "%(partners)s); name it in “%(column)s”."
                            )
                            % {
                                "name": value,
                                "column": "anbieter_extern",
                                "partners": _partner_list(organisations),
                            },
                        )
                    )
                else:
                    data[name] = str(found.pk)
        elif name == "waiting_list":
            if value.lower() in _YES:
                data[name] = "on"
            elif value.lower() not in _NO:
                problems.append(Problem(None, column, _("Enter “ja” or “nein”.")))
        elif name in _MULTIPLE:
            parts = [p for p in value.replace(";", ",").replace("/", ",").split(",") if p.strip()]
            data[name] = [_choice(name, p) for p in parts]
        elif name in _CHOICES:
            data[name] = _choice(name, value) if value else ""
        else:
            data[name] = value
    return data, problems


def _partner_list(organisations: Mapping[str, Organisation]) -> str:
    partners = sorted({o.pk: o for o in organisations.values()}.values(), key=lambda o: o.name)
    return ", ".join(f"{o.name} ({o.file_number_prefix})" for o in partners)


def _name_the_choices(form: OfferForm) -> None:
    """A cell that is none of a choice's values gets a message that lists them, in German (the
    list's language), instead of the form's bare "not a valid choice"."""
    for name, choices in _CHOICES.items():
        if name not in form.fields:
            continue
        with translation.override("de"):
            labels = ", ".join(str(label) for _code, label in choices)
        form.fields[name].error_messages["invalid_choice"] = _(
            "“%(value)s” is not possible here; possible are: %(choices)s."
        ).replace("%(choices)s", labels.replace("%", "%%"))


def _duplicate_key(data: Mapping[str, Any]) -> tuple[str, str]:
    """An offer is the same as another in the list when it has the same title and provider."""
    title = " ".join(str(data.get("title", "")).lower().split())
    provider = str(data.get("provider") or "") or " ".join(
        str(data.get("outside_provider", "")).lower().split()
    )
    return title, provider


def _defaults(data: dict[str, Any]) -> dict[str, Any]:
    """What a new offer gets for the columns a list leaves out or empty."""
    for name, default in (
        ("status", OfferStatus.ACTIVE),
        ("mode", Mode.IN_PERSON),
        ("funding", Funding.FREE),
    ):
        if not data.get(name):
            data[name] = default
    if not data.get("schedule"):
        data["schedule"] = (
            Schedule.WEEKLY
            if data.get("weekdays")
            else Schedule.DATES
            if data.get("start_date")
            else Schedule.BY_APPOINTMENT
        )
    return data


def _current(offer: Offer, network: Network, header: list[str]) -> dict[str, Any]:
    """The saved values of the fields whose column the list does not have: an update changes
    only what the list says."""
    form = OfferForm(instance=offer, network_id=network.pk, own_organisation=None)
    return {
        name: form[name].value()
        for name in form.fields
        if name not in ("version", "sites") and FIELD_COLUMN.get(name) not in header
    }


@dataclass
class _Checked:
    form: OfferForm
    existing: Offer | None


def _check_rows(rows: list[list[str]], network: Network) -> tuple[list[_Checked], list[Problem]]:
    if not rows or not any(rows[0]):
        return [], [Problem(None, "", _("The file is empty."))]
    header = [cell.strip().lower() for cell in rows[0]]
    problems = [
        Problem(None, "", _("Unknown column “%(column)s”.") % {"column": column})
        for column in header
        if column and column not in COLUMNS
    ]
    problems += [
        Problem(None, "", _("The column “%(column)s” is missing.") % {"column": column})
        for column in REQUIRED
        if column not in header
    ]
    twice = {c for c in header if c and header.count(c) > 1}
    problems += [
        Problem(None, "", _("The column “%(column)s” appears twice.") % {"column": column})
        for column in sorted(twice)
    ]
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(row)]
    if len(body) > MAX_ROWS:
        problems.append(
            Problem(None, "", _("At most %(count)s offers at once.") % {"count": MAX_ROWS})
        )
    if not body and not problems:
        problems.append(Problem(None, "", _("The file has no offers below its header.")))
    if problems:
        return [], problems

    organisations = organisation_names(Organisation.objects.filter(network=network))
    existing = {
        o.external_key: o for o in Offer.objects.filter(network=network).exclude(external_key="")
    }
    seen: dict[str, int] = {}
    same: dict[tuple[str, str], int] = {}
    checked: list[_Checked] = []
    for number, row in body:
        cells = {
            column: (row[i] if i < len(row) else "") for i, column in enumerate(header) if column
        }
        key = cells.get("schluessel", "")
        if key in seen:
            problems.append(
                Problem(
                    number,
                    "schluessel",
                    _("The key is also in row %(row)s.") % {"row": seen[key]},
                )
            )
            continue
        if key:
            seen[key] = number
        data, row_problems = _form_data(cells, organisations)
        problems += [Problem(number, p.column, p.message) for p in row_problems]
        offer = existing.get(key) if key else None
        data = _defaults({**_current(offer, network, header), **data} if offer else data)
        form = OfferForm(
            data,
            instance=offer or Offer(network=network, external_key=key),
            network_id=network.pk,
            own_organisation=None,
        )
        _name_the_choices(form)
        duplicate = _duplicate_key(data)
        if duplicate[0] and duplicate[1]:
            if duplicate in same:
                problems.append(
                    Problem(
                        number,
                        "titel",
                        _("The same offer (title and provider) is also in row %(row)s.")
                        % {"row": same[duplicate]},
                    )
                )
                continue
            same[duplicate] = number
        if not form.is_valid():
            for name, errors in form.errors.items():
                if name == "version":
                    continue
                column = FIELD_COLUMN.get(name, "")
                problems += [Problem(number, column, str(message)) for message in errors]
            continue
        checked.append(_Checked(form, offer))
    return checked, problems


def offers_import(*, actor: User, network: Network, content: bytes, filename: str) -> ImportResult:
    """Raises ImportRefusedError, with every problem, when any row (or the file) has one; then
    nothing is saved."""
    with translation.override("de"):
        rows = read_table(content, filename)
        checked, problems = _check_rows(rows, network)
        if problems:
            raise ImportRefusedError(problems)
        result = ImportResult()
        with transaction.atomic():
            for item in checked:
                offer = item.form.save(commit=False)
                sites: Iterable[Any] = item.existing.sites.all() if item.existing else []
                services.offer_save(
                    actor=actor,
                    network=network,
                    offer=offer,
                    sites=list(sites),
                    expected_version=item.existing.version if item.existing else None,
                )
                if item.existing:
                    result.updated += 1
                else:
                    result.created += 1
        return result
