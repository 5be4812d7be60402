"""CV PDF for a full profile (issue 4). Goal: median <= 1 s.

    .venv/bin/python bench/bench_documents.py [--runs 20]

Builds a large profile as in-memory model objects (no database: the figure is the document's
cost, not the queries' — `profile_of` is one query per kind of entry): 15 jobs with tasks,
8 school and education stages, 6 languages with certificates and courses, 40 skills,
4 recognition procedures, driving licences, and a photo. Then times `cv_content` + `cv_pdf`
(WeasyPrint) and, for comparison, `cv_docx`. The first run, which sets up fonts and parses
the stylesheet, is reported separately. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")

import django  # noqa: E402

django.setup()

import pypdf  # noqa: E402
from PIL import Image  # noqa: E402

from lotse.network.models import Organisation  # noqa: E402
from lotse.participants.models import Participant  # noqa: E402
from lotse.profiles.documents.cv import (  # noqa: E402
    SECTIONS,
    CvContent,
    Photo,
    cv_content,
    cv_docx,
    cv_pdf,
)
from lotse.profiles.models import (  # noqa: E402
    EducationStage,
    LanguageCertificate,
    LanguageCourse,
    LanguageSkill,
    Recognition,
    Resources,
    Skill,
    WorkExperience,
)
from lotse.profiles.selectors import Profile  # noqa: E402

TODAY = datetime.date(2026, 5, 4)


def full_profile() -> tuple[Participant, Profile]:
    participant = Participant(
        pk=1,
        organisation=Organisation(pk=1, name="Sozialwerk Bench"),
        file_number="SW-2026-00001",
        first_names="Mohammad Khaled",
        last_name="Al-Masri",
        birth_date=datetime.date(1990, 4, 1),
        nationality="SY",
        street="Bahnhofstraße 12",
        postcode="12345",
        city="Musterstadt",
        phone="+49 170 0000000",
        email="m.almasri@mail.example",
    )
    work = [
        WorkExperience(
            pk=i,
            participant=participant,
            kldb_code="82101",
            label=f"Altenpflegehelfer Station {i}",
            country="SY" if i % 2 else "TR",
            employer=f"Pflegeheim Nummer {i}",
            started_on=datetime.date(2024 - i, 3, 1),
            ended_on=datetime.date(2024 - i, 12, 1),
            tasks="Grundpflege, Mobilisation, Dokumentation,\nBegleitung zu Terminen " * 3,
            informal=i % 4 == 0,
        )
        for i in range(1, 16)
    ]
    education = [
        EducationStage(
            pk=i,
            participant=participant,
            country="SY",
            from_year=1996 + i * 2,
            to_year=1998 + i * 2,
            isced_level=min(i, 8),
            certificate=f"Zeugnis Stufe {i}",
            german_equivalent="Mittlerer Schulabschluss" if i == 4 else "",
        )
        for i in range(1, 9)
    ]
    codes = ["ar", "de", "en", "ku", "tr", "fr"]
    levels = ["native", "B1", "B2", "A2", "A1", "A1"]
    languages = [
        LanguageSkill(pk=i, participant=participant, language=code, level=level, listening="B1")
        for i, (code, level) in enumerate(zip(codes, levels, strict=True), start=1)
    ]
    certificates = [
        LanguageCertificate(
            pk=i,
            participant=participant,
            language=code,
            kind="telc",
            level="A2",
            issued_on=datetime.date(2023, i, 1),
        )
        for i, code in enumerate(codes[1:], start=1)
    ]
    courses = [
        LanguageCourse(
            pk=1,
            participant=participant,
            kind="integration",
            status="completed",
            ended_on=datetime.date(2023, 6, 1),
        ),
        LanguageCourse(pk=2, participant=participant, kind="job_related", status="attending"),
    ]
    skills = [
        Skill(
            pk=i,
            participant=participant,
            label=f"Fähigkeit Nummer {i}",
            evidence="certified" if i % 3 == 0 else "stated",
        )
        for i in range(1, 41)
    ]
    recognition = [
        Recognition(
            pk=i,
            participant=participant,
            qualification=f"Diplom {i}",
            reference_label="Pflegefachmann",
            status="decided" if i % 2 else "applied",
            result="partial" if i % 2 else "",
            adaptation_measures="Anpassungslehrgang 6 Monate" if i % 2 else "",
            applied_on=datetime.date(2024, i, 1),
        )
        for i in range(1, 5)
    ]
    resources = Resources(participant=participant, driving_licences=["B", "C1", "CE"])
    profile = Profile(
        languages=languages,
        certificates=certificates,
        courses=courses,
        education=education,
        recognition=recognition,
        work=work,
        skills=skills,
        resources=resources,
    )
    return participant, profile


def photo() -> Photo:
    buffer = io.BytesIO()
    Image.new("RGB", (420, 540), (180, 120, 90)).save(buffer, format="JPEG", quality=88)
    return Photo(content=buffer.getvalue(), mime_type="image/jpeg")


def timed(function: Callable[[], bytes], runs: int) -> tuple[float, list[float], int]:
    first_start = time.perf_counter()
    size = len(function())
    first = time.perf_counter() - first_start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return first, times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    participant, profile = full_profile()
    picture = photo()

    def content() -> CvContent:
        return cv_content(participant, profile, sections=SECTIONS, today=TODAY, photo=picture)

    print(
        f"profile: {len(profile.work)} jobs, {len(profile.education)} education stages, "
        f"{len(profile.languages)} languages, {len(profile.certificates)} certificates, "
        f"{len(profile.skills)} skills, {len(profile.recognition)} recognition procedures, photo"
    )

    def pdf() -> bytes:
        return cv_pdf(content())

    def word() -> bytes:
        return cv_docx(content())

    for name, function in (("CV PDF ", pdf), ("CV DOCX", word)):
        first, times, size = timed(function, args.runs)
        pages = ""
        if function is pdf:
            pages = f", {len(pypdf.PdfReader(io.BytesIO(function())).pages)} pages"
        print(
            f"{name}: first run {first * 1000:.0f} ms; over {args.runs} runs median "
            f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
            f"({size / 1024:.0f} KiB{pages})"
        )
    print("goal: CV PDF median <= 1000 ms")


if __name__ == "__main__":
    main()
