"""Fixed texts of the documents, in the languages the documents are printed in.

Like `lotse.profiles.participant_texts` (whose labels are used wherever they fit), these are
not gettext strings: a German CV stays German and the agreement is printed in German and the
participant's language whatever the counsellor's interface language is. Translations should be
reviewed by native speakers.
"""

# The German CV (Lebenslauf).
CV = {
    "title": "Lebenslauf",
    "personal": "Persönliche Daten",
    "name": "Name",
    "address": "Anschrift",
    "phone": "Telefon",
    "email": "E-Mail",
    "birth_date": "Geburtsdatum",
    "birth_year": "Geburtsjahr",
    "nationality": "Staatsangehörigkeit",
    "work": "Berufserfahrung",
    "education": "Schulbildung und Ausbildung",
    "languages": "Sprachkenntnisse",
    "skills": "Kenntnisse",
    "recognition": "Anerkennung ausländischer Abschlüsse",
    "driving_licence": "Führerschein",
    "period": "Zeitraum",
    "activity": "Tätigkeit",
    "stage": "Schule / Ausbildung",
    "language": "Sprache",
    "level": "Niveau (GER)",
    "qualification": "Abschluss",
    "classes": "Klassen",
    "skills_row": "Fachkenntnisse",
    "since": "seit",
    "today": "heute",
    "not_completed": "ohne Abschluss",
    "german_equivalent": "entspricht in Deutschland",
    "informal": "informell erworben",
    "reference_occupation": "Referenzberuf",
    "place_date": "Ort, Datum",
    "signature": "Unterschrift",
    "photo": "Bewerbungsfoto",
}

# The career plan agreement: labels that `participant_texts.TEXTS` does not have.
AGREEMENT: dict[str, dict[str, str]] = {
    "de": {
        "title": "Vereinbarung zur Berufswegeplanung",
        "intro": (
            "Wir haben gemeinsam die folgenden Ziele und Schritte vereinbart. Bei jedem Schritt "
            "steht, wer ihn übernimmt und bis wann."
        ),
        "participant": "Teilnehmer/in",
        "counsellor": "Berater/in",
        "organisation": "Organisation",
        "file_number": "Aktenzeichen",
        "signature": "Unterschrift",
        "place_date": "Ort, Datum",
        "translation": "Übersetzung",
        "translation_note": "",
    },
    "en": {
        "title": "Career plan agreement",
        "intro": (
            "We have agreed on the following goals and steps together. Each step shows who "
            "takes it on and by when."
        ),
        "participant": "Participant",
        "counsellor": "Counsellor",
        "organisation": "Organisation",
        "file_number": "File number",
        "signature": "Signature",
        "place_date": "Place, date",
        "translation": "Translation",
        "translation_note": "Translation for information; the German version applies.",
    },
    "ar": {
        "title": "اتفاق حول التخطيط المهني",
        "intro": "اتفقنا معاً على الأهداف والخطوات التالية. تُبيّن كل خطوة من يتولاها وحتى متى.",
        "participant": "المشارك/المشاركة",
        "counsellor": "المستشار/المستشارة",
        "organisation": "المنظمة",
        "file_number": "رقم الملف",
        "signature": "التوقيع",
        "place_date": "المكان والتاريخ",
        "translation": "الترجمة",
        "translation_note": "ترجمة للعلم؛ النسخة الألمانية هي المعتمدة.",
    },
    "fa": {
        "title": "توافق‌نامه برنامه‌ریزی مسیر شغلی",
        "intro": (
            "ما با هم اهداف و گام‌های زیر را توافق کرده‌ایم. برای هر گام نوشته شده است که چه "
            "کسی آن را انجام می‌دهد و تا چه زمانی."
        ),
        "participant": "شرکت‌کننده",
        "counsellor": "مشاور",
        "organisation": "سازمان",
        "file_number": "شماره پرونده",
        "signature": "امضا",
        "place_date": "محل و تاریخ",
        "translation": "ترجمه",
        "translation_note": "ترجمه برای اطلاع؛ نسخه آلمانی معتبر است.",
    },
    "uk": {
        "title": "Угода про планування професійного шляху",
        "intro": (
            "Ми разом домовилися про такі цілі та кроки. Для кожного кроку зазначено, хто його "
            "виконує і до якого терміну."
        ),
        "participant": "Учасник/учасниця",
        "counsellor": "Консультант/консультантка",
        "organisation": "Організація",
        "file_number": "Номер справи",
        "signature": "Підпис",
        "place_date": "Місце, дата",
        "translation": "Переклад",
        "translation_note": "Переклад для ознайомлення; чинною є німецька версія.",
    },
}
