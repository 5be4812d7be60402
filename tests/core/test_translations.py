"""The catalogues are complete and compiled, and used by the pages (German first).

German is the interface's language beside the English source. Arabic, Dari/Farsi and Ukrainian
translate what participants read (contexts starting with "participant"); their other entries
stay empty until participants get pages of their own. English is the source and translates
nothing.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

import lotse
from tests.conftest import Network, client_for

LOCALE = Path(settings.LOCALE_PATHS[0])
LC_MESSAGES = LOCALE / "de" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"
CATALOGUES = ("de", "ar", "fa", "uk", "en")
PARTICIPANT_LANGUAGES = ("de", "ar", "fa", "uk")
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 && n%100<=99 ? 4 : 5;",
    "fa": "nplurals=2; plural=(n > 1);",
    "uk": "nplurals=4; plural=(n % 1 == 0 && n % 10 == 1 && n % 100 != 11 ? 0 : n % 1 == 0 "
    "&& n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : n % 1 == 0 && "
    "(n % 10 ==0 || (n % 10 >=5 && n % 10 <=9) || (n % 100 >=11 && n % 100 <=14 )) ? 2: 3);",
    "en": "nplurals=2; plural=(n != 1);",
}

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")
NAMED = re.compile(r"%\((\w+)\)")


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    line: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.msgctxt or "", self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values()) and "fuzzy" not in self.flags


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


def _po(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def _messages(language: str = "de") -> list[Entry]:
    return [e for e in read_po(_po(language)) if e.msgid]


def _label(entry: Entry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"line {entry.line}: {context}{entry.msgid!r}"


def _for_participants(entry: Entry) -> bool:
    return (entry.msgctxt or "").startswith("participant")


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


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_catalogue_has_its_language_and_plural_forms(language: str) -> None:
    entries = read_po(_po(language))
    header = [e for e in entries if not e.msgid]
    assert len(header) == 1
    assert f"Language: {language}\n" in header[0].msgstr[0]
    assert f"Plural-Forms: {PLURAL_FORMS[language]}\n" in header[0].msgstr[0]
    assert [_label(e) for e in entries if e.flags & {"fuzzy", "obsolete"}] == []


def test_the_english_catalogue_translates_nothing() -> None:
    """English is the source: a translation here would make the English pages differ from it."""
    assert [_label(e) for e in _messages("en") if any(e.msgstr.values())] == []


@cache
def _participant_texts_in_the_code() -> set[tuple[str, str]]:
    """Every (context, text) with a "participant" context in the Python code and templates."""
    source = Path(lotse.__file__).parent
    found: set[tuple[str, str]] = set()
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("pgettext", "pgettext_lazy")
                and len(node.args) == 2
                and all(isinstance(a, ast.Constant) for a in node.args)
            ):
                context, text = (a.value for a in node.args)  # type: ignore[attr-defined]
                found.add((context, text))
    call = re.compile(r"pgettext\(u?('(?:[^'\\]|\\.)*'), u?('(?:[^'\\]|\\.)*')\)")
    for path in source.rglob("templates/**/*.html"):
        for context, text in call.findall(templatize(path.read_text(encoding="utf-8"))):
            found.add((ast.literal_eval(context), ast.literal_eval(text)))
    return {(context, text) for context, text in found if context.startswith("participant")}


def test_participant_texts_are_found_in_the_code() -> None:
    found = _participant_texts_in_the_code()
    assert len(found) > 100
    assert ("participant profile", "Languages") in found
    assert ("participant agreement", "Goal %(number)s: %(kind)s: %(target)s") in found


@pytest.mark.parametrize("language", PARTICIPANT_LANGUAGES)
def test_every_participant_text_is_translated(language: str) -> None:
    """Arabic, Dari/Farsi, Ukrainian and German hold every text a participant reads, so that
    the side-by-side view and the agreement never fall back to another language."""
    entries = {e.key: e for e in _messages(language)}
    in_code = _participant_texts_in_the_code()
    missing = sorted(f"[{c}] {t!r}" for c, t in in_code if (c, t) not in entries)
    assert missing == []
    untranslated = [
        _label(e) for e in entries.values() if _for_participants(e) and not e.translated
    ]
    assert untranslated == []
    assert {key for key, e in entries.items() if _for_participants(e)} == in_code


def _placeholder_problems(entry: Entry) -> list[str]:
    sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
    expected = sorted(set().union(*(PLACEHOLDER.findall(s) for s in sources)))
    named = set().union(*(NAMED.findall(s) for s in sources))
    problems = []
    for text in entry.msgstr.values():
        if not text:
            continue  # untranslated: gettext shows the source
        if sorted(set(PLACEHOLDER.findall(text))) != expected:
            problems.append(f"{_label(entry)} -> {text!r}")
        elif named and "python-format" in entry.flags:
            # What the page does with it: a lone "%" or a mistyped name would fail there.
            try:
                text % dict.fromkeys(named, 1)
            except (KeyError, ValueError, TypeError) as error:
                problems.append(f"{_label(entry)} -> {text!r}: {error!r}")
    return problems


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_their_placeholders(language: str) -> None:
    assert [p for e in _messages(language) for p in _placeholder_problems(e)] == []


def test_a_broken_placeholder_fails_the_placeholder_check() -> None:
    entry = Entry(
        flags={"python-format"},
        msgctxt="participant profile",
        msgid="%(start)s–today",
        msgstr={0: "%(begin)s–اليوم"},
    )
    assert _placeholder_problems(entry) == [
        "line 0: [participant profile] '%(start)s–today' -> '%(begin)s–اليوم'"
    ]
    entry.msgstr = {0: "%(start)s–100 % اليوم"}
    assert len(_placeholder_problems(entry)) == 1


def _plural_index_samples(compiled: gettext.GNUTranslations) -> dict[int, int]:
    samples: dict[int, int] = {}
    for n in range(200):
        samples.setdefault(compiled.plural(n), n)  # type: ignore[attr-defined]
    return samples


@pytest.mark.parametrize("language", CATALOGUES)
def test_compiled_catalogue_matches_the_po_file(language: str) -> None:
    # A .mo older than the .po would silently show old or English texts.
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    samples = _plural_index_samples(compiled)
    stale = []
    for entry in _messages(language):
        if not any(entry.msgstr.values()):
            continue  # untranslated entries are left out of the compiled file
        got: list[str]
        if entry.msgid_plural is not None:
            got = [
                compiled.ngettext(entry.msgid, entry.msgid_plural, samples[index])
                for index in sorted(entry.msgstr)
            ]
        elif entry.msgctxt is not None:
            got = [compiled.pgettext(entry.msgctxt, entry.msgid)]
        else:
            got = [compiled.gettext(entry.msgid)]
        want = [entry.msgstr[i] for i in sorted(entry.msgstr)]
        if got != want:
            stale.append(_label(entry))
    assert stale == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "اللغات"),
        ("fa", "زبان‌ها"),
        ("uk", "Мови"),
        ("en", "Languages"),
        ("de", "Sprachen"),
    ],
)
def test_participant_texts_are_read_in_the_participant_language(language: str, text: str) -> None:
    with translation.override(language):
        assert translation.pgettext("participant profile", "Languages") == text


def test_participant_languages_are_not_interface_languages() -> None:
    assert [code for code, _ in settings.LANGUAGES] == ["de", "en"]


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
        ("exit %(date)s (%(outcome)s)", "Austritt %(date)s (%(outcome)s)"),
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


def test_a_participant_language_does_not_become_the_interface_language(net: Network) -> None:
    """Arabic has a catalogue now, but only for what participants read: asking for it, by the
    browser or by the language switch, keeps the interface German."""
    client = client_for(net.counsellor)
    client.post("/i18n/setlang/", {"language": "ar", "next": "/participants/"})
    response = client.get("/participants/", headers={"accept-language": "ar,fa;q=0.9"})
    assert response.headers["Content-Language"] == "de"
    _assert_language(response.content.decode(), GERMAN_LABELS, ENGLISH_LABELS)
