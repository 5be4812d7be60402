"""Occupations and skills of the official classifications and Lotse's curated set.

Reference data, not personal data: no scopes, no history. Other apps refer to an occupation by
its code strings (KldB 5-digit code, ISCO code, ESCO URI), never by a foreign key, so a re-import
can never break a profile.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.taxonomy.enums import LabelKind, RequirementLevel, System


class Occupation(models.Model):
    system = models.CharField(_("classification"), max_length=10, choices=System.choices)
    code = models.CharField(_("code"), max_length=200)
    # Depth in its hierarchy: KldB 1–5, ISCO 1–4, ESCO 5+ (ISCO unit group + ESCO code parts).
    level = models.PositiveSmallIntegerField(_("hierarchy level"))
    requirement_level = models.CharField(
        _("requirement level"), max_length=10, choices=RequirementLevel.choices, blank=True
    )
    parent_code = models.CharField(_("parent code"), max_length=200, blank=True)
    # None: not known (the official files do not say).
    is_ausbildungsberuf = models.BooleanField(
        _("recognised training occupation"), null=True, blank=True
    )
    kldb_code = models.CharField(_("KldB 2010 code"), max_length=5, blank=True)
    isco_code = models.CharField(_("ISCO-08 code"), max_length=4, blank=True)
    esco_uri = models.CharField(_("ESCO URI"), max_length=200, blank=True)
    # Search order among equally good matches: lower first (see services.occupation_priority).
    priority = models.PositiveSmallIntegerField(default=9)

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="taxonomy_occupation_code")
        ]
        indexes = [models.Index(fields=["kldb_code"]), models.Index(fields=["isco_code"])]

    def __str__(self) -> str:
        return f"{self.system} {self.code}"


class OccupationLabel(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(_("language"), max_length=8)
    label = models.CharField(_("label"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=LabelKind.choices)
    search_text = models.CharField(max_length=300)
    # The occupation's priority, doubled, +1 for alternative labels: orders capped candidates.
    priority = models.PositiveSmallIntegerField(default=19)

    class Meta:
        verbose_name = _("occupation label")
        verbose_name_plural = _("occupation labels")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "language", "label"], name="taxonomy_occupation_label"
            )
        ]

    def __str__(self) -> str:
        return self.label


class OccupationLabelWord(models.Model):
    """One folded word of a label: exact, prefix and word-prefix search look here."""

    label = models.ForeignKey(OccupationLabel, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=100)
    priority = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=8)

    class Meta:
        indexes = [models.Index(fields=["word", "priority"], name="taxonomy_word_priority")]

    def __str__(self) -> str:
        return self.word


class SearchWordGram(models.Model):
    """Trigrams of every distinct label word: typo-tolerant search finds words by their grams
    and then checks the edit distance in Python. The vocabulary is far smaller than the set of
    labels, so the gram lists stay short."""

    gram = models.CharField(max_length=3)
    word = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gram", "word"], name="taxonomy_gram_word")]
        indexes = [models.Index(fields=["word"], name="taxonomy_gram_by_word")]

    def __str__(self) -> str:
        return f"{self.gram} {self.word}"


class Skill(models.Model):
    # The ESCO concept URI, or a curated code ("lotse:…") for skills outside ESCO.
    uri = models.CharField(_("URI or code"), max_length=200, unique=True)
    skill_type = models.CharField(_("skill type"), max_length=40, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.uri


class SkillLabel(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(_("language"), max_length=8)
    label = models.CharField(_("label"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=LabelKind.choices)
    search_text = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("skill label")
        verbose_name_plural = _("skill labels")
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "language", "label"], name="taxonomy_skill_label"
            )
        ]
        indexes = [models.Index(fields=["search_text"], name="taxonomy_skill_search")]

    def __str__(self) -> str:
        return self.label
