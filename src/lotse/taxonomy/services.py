"""Writes of the taxonomy: the importers' upserts (DESIGN.md §3.1).

Every import runs in one transaction and is an upsert: occupations are matched on
(system, code), labels on (occupation, language, label); importing the same file again changes
nothing. Occupations missing from a newer file are kept (profiles may still refer to their
codes); their labels of the imported languages are synchronised with the file.

The functions take an optional app registry so that the data migration can load the curated
set with the historical models.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as global_apps
from django.db import transaction

from lotse.taxonomy.enums import LabelKind, System, requirement_level
from lotse.taxonomy.importers.curated import CuratedOccupation
from lotse.taxonomy.importers.esco import EscoConcept
from lotse.taxonomy.importers.kldb import KldbRecord
from lotse.taxonomy.normalise import fold, trigrams, words

BATCH = 2_000
OCCUPATION_FIELDS = (
    "level",
    "requirement_level",
    "parent_code",
    "is_ausbildungsberuf",
    "kldb_code",
    "isco_code",
    "esco_uri",
    "priority",
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    labels_created: int = 0
    labels_deleted: int = 0
    labels_updated: int = 0
    skills: int = 0
    details: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.updated
            or self.labels_created
            or self.labels_deleted
            or self.labels_updated
        )


@dataclass(frozen=True)
class OccupationData:
    system: str
    code: str
    values: dict[str, Any]
    # (language, label) → kind, for the languages this import is responsible for
    labels: dict[tuple[str, str], str]


def occupation_priority(system: str, level: int) -> int:
    """Search order among equally good matches: curated, then 5-digit KldB, ESCO, ISCO, the
    KldB groups above the occupation level."""
    if system == System.CURATED:
        return 0
    if system == System.KLDB:
        return 1 if level == 5 else 3 + (5 - level)
    if system == System.ESCO:
        return 2
    return 7


def _label_priority(occupation_priority: int, kind: str) -> int:
    return occupation_priority * 2 + (kind != LabelKind.PREFERRED)


def _upsert(
    items: Iterable[OccupationData], *, languages: Iterable[str], registry: Any = None
) -> ImportResult:
    registry = registry or global_apps
    occupation_model = registry.get_model("taxonomy", "Occupation")
    label_model = registry.get_model("taxonomy", "OccupationLabel")
    word_model = registry.get_model("taxonomy", "OccupationLabelWord")
    languages = set(languages)
    items = list(items)
    result = ImportResult()
    systems = {item.system for item in items}
    existing = {(o.system, o.code): o for o in occupation_model.objects.filter(system__in=systems)}
    new, changed = [], []
    for item in items:
        occupation = existing.get((item.system, item.code))
        if occupation is None:
            new.append(occupation_model(system=item.system, code=item.code, **item.values))
            continue
        diff = {k: v for k, v in item.values.items() if getattr(occupation, k) != v}
        if diff:
            for name, value in diff.items():
                setattr(occupation, name, value)
            changed.append(occupation)
        else:
            result.unchanged += 1
    occupation_model.objects.bulk_create(new, batch_size=BATCH)
    occupation_model.objects.bulk_update(changed, OCCUPATION_FIELDS, batch_size=BATCH)
    result.created, result.updated = len(new), len(changed)
    ids = {
        (o.system, o.code): o
        for o in occupation_model.objects.filter(system__in=systems).only(
            "id", "system", "code", "priority"
        )
    }
    labels_by_occupation: dict[int, dict[tuple[str, str], Any]] = defaultdict(dict)
    for label in label_model.objects.filter(occupation__system__in=systems, language__in=languages):
        labels_by_occupation[label.occupation_id][(label.language, label.label)] = label
    to_create, to_update, to_delete = [], [], []
    for item in items:
        occupation = ids[(item.system, item.code)]
        current = labels_by_occupation.get(occupation.pk, {})
        for key, label in current.items():
            kind = item.labels.get(key)
            priority = _label_priority(occupation.priority, kind or "")
            if kind is None:
                to_delete.append(label.pk)
            elif label.kind != kind or label.priority != priority:
                label.kind, label.priority = kind, priority
                to_update.append(label)
        for (language, text), kind in item.labels.items():
            if (language, text) not in current:
                to_create.append(
                    label_model(
                        occupation_id=occupation.pk,
                        language=language,
                        label=text,
                        kind=kind,
                        search_text=fold(text)[:300],
                        priority=_label_priority(occupation.priority, kind),
                    )
                )
    for start in range(0, len(to_delete), BATCH):
        label_model.objects.filter(pk__in=to_delete[start : start + BATCH]).delete()
    label_model.objects.bulk_update(to_update, ["kind", "priority"], batch_size=BATCH)
    word_model.objects.filter(label__in=[label.pk for label in to_update]).delete()
    created = label_model.objects.bulk_create(to_create, batch_size=BATCH)
    if not all(label.pk for label in created):  # backends that do not return ids
        created = list(
            label_model.objects.filter(
                occupation__system__in=systems, language__in=languages
            ).exclude(pk__in=word_model.objects.values("label_id"))
        )
    word_model.objects.bulk_create(
        (
            word_model(
                label_id=label.pk, word=word[:100], priority=label.priority, language=label.language
            )
            for label in [*created, *to_update]
            for word in dict.fromkeys(words(label.search_text))
        ),
        batch_size=BATCH,
    )
    result.labels_created, result.labels_updated = len(to_create), len(to_update)
    result.labels_deleted = len(to_delete)
    if result.changed:
        search_grams_sync(registry=registry)
    return result


def search_grams_sync(*, registry: Any = None) -> None:
    """Bring the trigram vocabulary in line with the label words (new words in, gone out)."""
    registry = registry or global_apps
    word_model = registry.get_model("taxonomy", "OccupationLabelWord")
    gram_model = registry.get_model("taxonomy", "SearchWordGram")
    vocabulary = set(word_model.objects.values_list("word", flat=True).distinct())
    indexed = set(gram_model.objects.values_list("word", flat=True).distinct())
    gone = list(indexed - vocabulary)
    for start in range(0, len(gone), BATCH):
        gram_model.objects.filter(word__in=gone[start : start + BATCH]).delete()
    gram_model.objects.bulk_create(
        (
            gram_model(gram=gram, word=word)
            for word in sorted(vocabulary - indexed)
            for gram in sorted(trigrams(word))
        ),
        batch_size=BATCH,
    )


@transaction.atomic
def kldb_import(*, records: Iterable[KldbRecord]) -> ImportResult:
    """All levels of the KldB 2010 with their German titles (Kurztitel as alternative)."""
    items = []
    for record in records:
        labels: dict[tuple[str, str], str] = {("de", record.title): LabelKind.PREFERRED}
        if record.short_title and record.short_title != record.title:
            labels.setdefault(("de", record.short_title), LabelKind.ALTERNATIVE)
        items.append(
            OccupationData(
                system=System.KLDB,
                code=record.code,
                values={
                    "level": record.level,
                    "requirement_level": requirement_level(record.code),
                    "parent_code": record.parent_code,
                    "is_ausbildungsberuf": None,
                    "kldb_code": record.code if record.level == 5 else "",
                    "isco_code": "",
                    "esco_uri": "",
                    "priority": occupation_priority(System.KLDB, record.level),
                },
                labels=labels,
            )
        )
    return _upsert(items, languages={"de"})


def _esco_level(code: str) -> int:
    # "2654.1" is one below the ISCO unit group (level 4), "2654.1.7" two below.
    return 4 + code.count(".") if code else 5


@transaction.atomic
def esco_import(
    *,
    occupations: Mapping[str, list[EscoConcept]],
    skills: Mapping[str, list[EscoConcept]],
) -> ImportResult:
    """ESCO occupations and skills, each language's labels from its own file."""
    structure: dict[str, EscoConcept] = {}
    labels: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for language, concepts in occupations.items():
        for concept in concepts:
            structure.setdefault(concept.uri, concept)
            _add_labels(labels[concept.uri], language, concept)
    uri_by_code = {c.code: uri for uri, c in structure.items() if c.code}
    items = []
    for uri, concept in structure.items():
        parent_code = concept.code.rpartition(".")[0]
        items.append(
            OccupationData(
                system=System.ESCO,
                code=uri,
                values={
                    "level": _esco_level(concept.code),
                    "requirement_level": "",
                    # the parent ESCO occupation, or for the top ones their ISCO unit group
                    "parent_code": uri_by_code.get(parent_code, concept.isco_code),
                    "is_ausbildungsberuf": None,
                    "kldb_code": "",
                    "isco_code": concept.isco_code,
                    "esco_uri": uri,
                    "priority": occupation_priority(System.ESCO, 5),
                },
                labels=labels[uri],
            )
        )
    result = _upsert(items, languages=set(occupations))
    result.skills = _skills_upsert(skills)
    return result


def _add_labels(target: dict[tuple[str, str], str], language: str, c: EscoConcept) -> None:
    target[(language, c.preferred)] = LabelKind.PREFERRED
    for alternative in c.alternatives:
        target.setdefault((language, alternative), LabelKind.ALTERNATIVE)


def _skills_upsert(skills: Mapping[str, list[EscoConcept]]) -> int:
    """Skills: upsert by URI, labels synchronised per imported language. Returns changes."""
    from lotse.taxonomy.models import Skill, SkillLabel

    structure: dict[str, EscoConcept] = {}
    labels: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for language, concepts in skills.items():
        for concept in concepts:
            structure.setdefault(concept.uri, concept)
            _add_labels(labels[concept.uri], language, concept)
    if not structure:
        return 0
    existing = {s.uri: s for s in Skill.objects.all()}
    new = [
        Skill(uri=uri, skill_type=c.skill_type, reuse_level=c.reuse_level)
        for uri, c in structure.items()
        if uri not in existing
    ]
    changed = []
    for uri, c in structure.items():
        skill = existing.get(uri)
        if skill and (skill.skill_type, skill.reuse_level) != (c.skill_type, c.reuse_level):
            skill.skill_type, skill.reuse_level = c.skill_type, c.reuse_level
            changed.append(skill)
    Skill.objects.bulk_create(new, batch_size=BATCH)
    Skill.objects.bulk_update(changed, ["skill_type", "reuse_level"], batch_size=BATCH)
    ids = dict(Skill.objects.filter(uri__in=list(structure)).values_list("uri", "pk"))
    current: dict[int, dict[tuple[str, str], Any]] = defaultdict(dict)
    for label in SkillLabel.objects.filter(language__in=list(skills)):
        current[label.skill_id][(label.language, label.label)] = label
    to_create: list[SkillLabel] = []
    to_update: list[SkillLabel] = []
    to_delete: list[int] = []
    for uri, wanted in labels.items():
        have = current.get(ids[uri], {})
        for key, label in have.items():
            if key not in wanted:
                to_delete.append(label.pk)
            elif label.kind != wanted[key]:
                label.kind = wanted[key]
                to_update.append(label)
        to_create.extend(
            SkillLabel(
                skill_id=ids[uri],
                language=language,
                label=text,
                kind=kind,
                search_text=fold(text)[:300],
            )
            for (language, text), kind in wanted.items()
            if (language, text) not in have
        )
    for start in range(0, len(to_delete), BATCH):
        SkillLabel.objects.filter(pk__in=to_delete[start : start + BATCH]).delete()
    SkillLabel.objects.bulk_update(to_update, ["kind"], batch_size=BATCH)
    SkillLabel.objects.bulk_create(to_create, batch_size=BATCH)
    return len(new) + len(changed) + len(to_create) + len(to_update) + len(to_delete)


@transaction.atomic
def curated_load(*, occupations: Iterable[CuratedOccupation], registry: Any = None) -> ImportResult:
    """Lotse's curated occupations (system "lotse", code = the curated key)."""
    occupations = list(occupations)
    items = []
    for occupation in occupations:
        labels: dict[tuple[str, str], str] = {}
        for language, texts in occupation.labels.items():
            for index, text in enumerate(texts):
                kind = LabelKind.PREFERRED if index == 0 else LabelKind.ALTERNATIVE
                labels.setdefault((language, text), kind)
        items.append(
            OccupationData(
                system=System.CURATED,
                code=occupation.key,
                values={
                    "level": 5,
                    "requirement_level": requirement_level(occupation.kldb_code),
                    "parent_code": occupation.kldb_code,
                    "is_ausbildungsberuf": occupation.is_ausbildungsberuf,
                    "kldb_code": occupation.kldb_code,
                    "isco_code": occupation.isco_code,
                    "esco_uri": "",
                    "priority": occupation_priority(System.CURATED, 5),
                },
                labels=labels,
            )
        )
    languages = {language for o in occupations for language in o.labels} or {"de"}
    return _upsert(items, languages=languages, registry=registry)
