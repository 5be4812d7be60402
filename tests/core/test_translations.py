"""The German catalogue is complete and compiled, and used by the pages (German first)."""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import lotse
from tests.conftest import Network, client_for

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    line: int = 0


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text.strip()[1:-1])


def read_po(path: Path) -> list[Entry]:
    """A small .po reader: enough for Django's makemessages output (polib is not installed)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, target = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#~"):
            entry.flags.add("obsolete")
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert target is not None, f"line {number}: continuation without keyword"
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += _unquote(line)
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + _unquote(line))
        else:
            keyword, _, value = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if keyword == "msgstr" or match:
                target = ("msgstr", int(match.group(1)) if match else 0)
                entry.msgstr[target[1]] = _unquote(value)
            elif keyword in ("msgctxt", "msgid", "msgid_plural"):
                target = (keyword, 0)
                setattr(entry, keyword, _unquote(value))
            else:
                raise AssertionError(f"line {number}: unexpected {line!r}")
    return entries


def _messages() -> list[Entry]:
    return [e for e in read_po(PO_FILE) if e.msgid]


def _label(entry: Entry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"line {entry.line}: {context}{entry.msgid!r}"


def test_catalogue_has_many_messages() -> None:
    assert len(_messages()) > 400


def test_no_untranslated_fuzzy_or_obsolete_entries() -> None:
    entries = read_po(PO_FILE)
    header = [e for e in entries if not e.msgid]
    assert len(header) == 1
    assert "Language: de" in header[0].msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header[0].msgstr[0]
    problems = [
        _label(e)
        for e in entries
        if "fuzzy" in e.flags
        or "obsolete" in e.flags
        or not e.msgstr
        or (e.msgid and not all(e.msgstr.values()))
        or (e.msgid_plural is not None and sorted(e.msgstr) != [0, 1])
    ]
    assert problems == []
    assert "#, fuzzy" not in PO_FILE.read_text(encoding="utf-8")


def test_translations_keep_their_placeholders() -> None:
    problems = []
    for entry in _messages():
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        expected = sorted(set().union(*(PLACEHOLDER.findall(s) for s in sources)))
        for text in entry.msgstr.values():
            if sorted(set(PLACEHOLDER.findall(text))) != expected:
                problems.append(f"{_label(entry)} -> {text!r}")
    assert problems == []


def test_compiled_catalogue_matches_the_po_file() -> None:
    # A .mo older than the .po would silently show old or English texts.
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in _messages():
        got: list[str]
        if entry.msgid_plural is not None:
            got = [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        elif entry.msgctxt is not None:
            got = [compiled.pgettext(entry.msgctxt, entry.msgid)]
        else:
            got = [compiled.gettext(entry.msgid)]
        want = [entry.msgstr[i] for i in sorted(entry.msgstr)]
        if got != want:
            stale.append(_label(entry))
    assert stale == []


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("My participants", "Meine Teilnehmenden"),
        ("New intake", "Neues Erstgespräch"),
        ("Intake interview", "Erstgespräch"),
        ("Record contact", "Kontakt erfassen"),
        ("counselling contact", "Beratungskontakt"),
        ("Consents and sharing", "Einwilligungen und Freigaben"),
        ("Share the case", "Fall freigeben"),
        ("Enrol", "Eintritt erfassen"),
        ("Close case", "Fall abschließen"),
        ("exit", "Austritt"),
        ("Audit log", "Protokoll"),
        ("Participant viewed", "Teilnehmende*r angesehen"),
        ("Audit log searched", "Protokoll durchsucht"),
        ("Network coordinator", "Netzwerkkoordination"),
        ("Data-protection officer", "Datenschutzbeauftragte*r"),
        ("Team lead", "Teamleitung"),
        ("Volunteer", "Ehrenamtliche*r"),
        ("Counsellor", "Berater*in"),
        ("Skip to content", "Zum Inhalt springen"),
        ("Save draft", "Entwurf speichern"),
        ("Cancel", "Abbrechen"),
    ],
)
def test_key_strings_are_german(english: str, german: str) -> None:
    with translation.override("de"):
        assert translation.gettext(english) == german
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_contexts_plurals_and_placeholders_at_runtime() -> None:
    with translation.override("de"):
        assert translation.pgettext("organisation kind", "Other") == "Sonstige"
        assert translation.pgettext("gender", "not stated") == "keine Angabe"
        one = translation.ngettext("%(total)s participant", "%(total)s participants", 1)
        many = translation.ngettext("%(total)s participant", "%(total)s participants", 3)
        assert one % {"total": "1"} == "1 Teilnehmende*r"
        assert many % {"total": "11.151"} == "11.151 Teilnehmende"
        revoked = translation.gettext("No access: the consent was revoked on %(date)s.")
        assert revoked % {"date": "01.02.2025"} == (
            "Kein Zugriff: Die Einwilligung wurde am 01.02.2025 widerrufen."
        )


GERMAN_LABELS = ["Meine Teilnehmenden", "Neues Erstgespräch", "Aktenzeichen", "Zum Inhalt springen"]
ENGLISH_LABELS = ["My participants", "New intake", "File number", "Skip to content"]


def _assert_language(page: str, present: list[str], absent: list[str]) -> None:
    for label in present:
        assert label in page, label
    for label in absent:
        assert label not in page, label


def test_caseload_is_german_by_default(net: Network) -> None:
    response = client_for(net.counsellor).get("/participants/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "de"
    _assert_language(response.content.decode(), GERMAN_LABELS, ENGLISH_LABELS)


def test_caseload_follows_accept_language(net: Network) -> None:
    client = client_for(net.counsellor)
    german = client.get("/participants/", headers={"accept-language": "de-DE,de;q=0.9"})
    _assert_language(german.content.decode(), GERMAN_LABELS, ENGLISH_LABELS)
    english = client.get("/participants/", headers={"accept-language": "en-GB,en;q=0.9"})
    _assert_language(english.content.decode(), ENGLISH_LABELS, GERMAN_LABELS)


def test_caseload_in_english_with_the_language_cookie(net: Network) -> None:
    client = client_for(net.counsellor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/participants/", headers={"accept-language": "de"})
    assert response.headers["Content-Language"] == "en"
    _assert_language(response.content.decode(), ENGLISH_LABELS, GERMAN_LABELS)


def test_language_switch_sets_english_and_back(net: Network) -> None:
    client = client_for(net.counsellor)
    client.post("/i18n/setlang/", {"language": "en", "next": "/participants/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    _assert_language(client.get("/participants/").content.decode(), ENGLISH_LABELS, GERMAN_LABELS)
    client.post("/i18n/setlang/", {"language": "de", "next": "/participants/"})
    _assert_language(client.get("/participants/").content.decode(), GERMAN_LABELS, ENGLISH_LABELS)


GETTEXT_IN_F_STRING = re.compile(
    r"""\bf(["'])(?:(?!\1).)*?\{[^}]*\b(?:_|gettext|pgettext|ngettext)\("""
)


def test_no_text_to_translate_hides_inside_an_f_string() -> None:
    """makemessages cannot see a gettext call inside an f-string: the text would stay English
    on the German pages without any test noticing."""
    source = Path(lotse.__file__).parent
    hidden = [
        f"{path}:{number}"
        for path in sorted(source.rglob("*.py"))
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if GETTEXT_IN_F_STRING.search(line)
    ]
    assert hidden == []


GETTEXT_ALIAS = re.compile(r"from django\.utils\.translation import .*\bas (?!_\b)\w+")


def test_gettext_is_only_ever_called_by_names_makemessages_knows() -> None:
    """`gettext as _t` hid the profile forms' messages from makemessages: they stayed English
    on German pages."""
    source = Path(lotse.__file__).parent
    aliased = [
        f"{path}:{number}"
        for path in sorted(source.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if GETTEXT_ALIAS.search(line)
    ]
    assert aliased == []
