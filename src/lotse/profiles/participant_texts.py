"""Texts that the participant reads: the side-by-side view and the plan agreement.

English source strings, translated in the gettext catalogues (de, ar, fa, uk; English is the
source) and rendered with `translation.override(language)` in the participant's language
whatever the counsellor's interface language is. Every such text has a context that starts
with "participant", so translators see who reads it and a test can hold the catalogues of
those languages complete for them; the agreement's own sentences are in its template.
Values come in whole sentences with named placeholders, so that a translation can put them in
its own order (right to left, too). Only labels and names of choice values, never personal data.
The Arabic, Dari/Farsi and Ukrainian translations still need a review by native speakers.
"""

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# The languages the participant's texts are translated into besides German, each named in
# itself. Dari is written like Farsi: participants who speak Dari (`prs`) read the Farsi texts.
LANGUAGE_NAMES = {"ar": "العربية", "fa": "فارسی / دری", "uk": "Українська", "en": "English"}
LANGUAGES = tuple(LANGUAGE_NAMES)

TEXTS: dict[str, Promise] = {
    "profile": pgettext_lazy("participant profile", "Skills profile"),
    "languages": pgettext_lazy("participant profile", "Languages"),
    "certificates": pgettext_lazy("participant profile", "Language certificates"),
    "courses": pgettext_lazy("participant profile", "Language courses"),
    "education": pgettext_lazy("participant profile", "School and education"),
    "recognition": pgettext_lazy("participant profile", "Recognition of foreign qualifications"),
    "work": pgettext_lazy("participant profile", "Work experience"),
    "skills": pgettext_lazy("participant profile", "Skills"),
    "desired": pgettext_lazy("participant profile", "Desired occupations"),
    "resources": pgettext_lazy("participant profile", "Resources and circumstances"),
    "goals": pgettext_lazy("participant profile", "Goals and steps"),
    "activities": pgettext_lazy(
        "participant profile", "Career orientation and application training"
    ),
    "language": pgettext_lazy("participant profile", "Language"),
    "level": pgettext_lazy("participant profile", "Level"),
    "listening": pgettext_lazy("participant profile", "Listening"),
    "reading": pgettext_lazy("participant profile", "Reading"),
    "speaking": pgettext_lazy("participant profile", "Speaking"),
    "writing": pgettext_lazy("participant profile", "Writing"),
    "certificate": pgettext_lazy("participant profile", "Certificate"),
    "date": pgettext_lazy("participant profile", "Date"),
    "course": pgettext_lazy("participant profile", "Course"),
    "status": pgettext_lazy("participant profile", "Status"),
    "country": pgettext_lazy("participant profile", "Country"),
    "period": pgettext_lazy("participant profile", "Period"),
    "isced": pgettext_lazy("participant profile", "Level of education"),
    "documents": pgettext_lazy("participant profile", "Documents available"),
    "german_equivalent": pgettext_lazy("participant profile", "German equivalent"),
    "qualification": pgettext_lazy("participant profile", "Qualification"),
    "authority": pgettext_lazy("participant profile", "Responsible authority"),
    "reference_occupation": pgettext_lazy("participant profile", "Reference occupation"),
    "result": pgettext_lazy("participant profile", "Result"),
    "measures": pgettext_lazy("participant profile", "Adaptation measures"),
    "occupation": pgettext_lazy("participant profile", "Occupation"),
    "kldb_level": pgettext_lazy("participant profile", "Skill level"),
    "employer": pgettext_lazy("participant profile", "Employer"),
    "tasks": pgettext_lazy("participant profile", "Tasks"),
    "informal": pgettext_lazy("participant profile", "Learned informally"),
    "skill": pgettext_lazy("participant profile", "Skill"),
    "evidence": pgettext_lazy("participant profile", "Shown by"),
    "literacy": pgettext_lazy("participant profile", "Reading and writing in the Latin alphabet"),
    "driving_licences": pgettext_lazy("participant profile", "Driving licence classes"),
    "childcare": pgettext_lazy("participant profile", "Childcare duties"),
    "hours": pgettext_lazy("participant profile", "Hours available per week"),
    "shift_work": pgettext_lazy("participant profile", "Shift work possible"),
    "mobility": pgettext_lazy("participant profile", "Mobility"),
    "regions": pgettext_lazy("participant profile", "Desired regions"),
    "goal": pgettext_lazy("participant profile", "Goal"),
    "target_date": pgettext_lazy("participant profile", "Target date"),
    "step": pgettext_lazy("participant profile", "Step"),
    "responsible": pgettext_lazy("participant profile", "Who"),
    "due": pgettext_lazy("participant profile", "By"),
    "content": pgettext_lazy("participant profile", "Content"),
    "yes": pgettext_lazy("participant profile", "yes"),
    "no": pgettext_lazy("participant profile", "no"),
    "unknown": pgettext_lazy("participant profile", "unknown"),
    "nothing": pgettext_lazy("participant profile", "Nothing recorded yet."),
    "cefr.native": pgettext_lazy("participant: language level", "native language"),
    "cert.other": pgettext_lazy("participant: certificate", "other"),
    "course.integration": pgettext_lazy("participant: language course", "Integration course"),
    "course.job_related": pgettext_lazy(
        "participant: language course", "Job-related language course"
    ),
    "course_status.planned": pgettext_lazy("participant: course status", "planned"),
    "course_status.attending": pgettext_lazy("participant: course status", "attending"),
    "course_status.completed": pgettext_lazy("participant: course status", "completed"),
    "course_status.dropped": pgettext_lazy("participant: course status", "dropped out"),
    "isced.0": pgettext_lazy("participant: level of education", "early childhood education"),
    "isced.1": pgettext_lazy("participant: level of education", "primary school"),
    "isced.2": pgettext_lazy("participant: level of education", "lower secondary school"),
    "isced.3": pgettext_lazy("participant: level of education", "upper secondary school"),
    "isced.4": pgettext_lazy("participant: level of education", "post-secondary education"),
    "isced.5": pgettext_lazy("participant: level of education", "short tertiary programme"),
    "isced.6": pgettext_lazy("participant: level of education", "bachelor or equivalent"),
    "isced.7": pgettext_lazy("participant: level of education", "master or equivalent"),
    "isced.8": pgettext_lazy("participant: level of education", "doctorate"),
    "rec_status.not_started": pgettext_lazy("participant: recognition status", "not started"),
    "rec_status.applied": pgettext_lazy("participant: recognition status", "applied"),
    "rec_status.in_progress": pgettext_lazy("participant: recognition status", "in progress"),
    "rec_status.decided": pgettext_lazy("participant: recognition status", "decided"),
    "rec_result.full": pgettext_lazy("participant: recognition result", "full equivalence"),
    "rec_result.partial": pgettext_lazy("participant: recognition result", "partial equivalence"),
    "rec_result.none": pgettext_lazy("participant: recognition result", "no equivalence"),
    "kldb.1": pgettext_lazy("participant: skill level", "helper"),
    "kldb.2": pgettext_lazy("participant: skill level", "skilled worker"),
    "kldb.3": pgettext_lazy("participant: skill level", "specialist"),
    "kldb.4": pgettext_lazy("participant: skill level", "expert"),
    "evidence.stated": pgettext_lazy("participant: shown by", "own statement"),
    "evidence.observed": pgettext_lazy("participant: shown by", "shown in an internship"),
    "evidence.certified": pgettext_lazy("participant: shown by", "certified"),
    "literacy.yes": pgettext_lazy("participant: reading and writing", "yes"),
    "literacy.partly": pgettext_lazy("participant: reading and writing", "partly"),
    "literacy.no": pgettext_lazy("participant: reading and writing", "no"),
    "mobility.public_transport": pgettext_lazy("participant: mobility", "public transport"),
    "mobility.car": pgettext_lazy("participant: mobility", "own car"),
    "mobility.bicycle": pgettext_lazy("participant: mobility", "bicycle"),
    "mobility.motorcycle": pgettext_lazy("participant: mobility", "motorcycle or moped"),
    "goal.employment": pgettext_lazy("participant: goal", "work"),
    "goal.vocational_training": pgettext_lazy("participant: goal", "vocational training"),
    "goal.school_certificate": pgettext_lazy("participant: goal", "school certificate"),
    "goal.qualification": pgettext_lazy("participant: goal", "qualification"),
    "goal.language_level": pgettext_lazy("participant: goal", "language level"),
    "goal.recognition": pgettext_lazy("participant: goal", "recognition"),
    "goal_status.open": pgettext_lazy("participant: goal status", "open"),
    "goal_status.in_progress": pgettext_lazy("participant: goal status", "in progress"),
    "goal_status.achieved": pgettext_lazy("participant: goal status", "achieved"),
    "goal_status.dropped": pgettext_lazy("participant: goal status", "given up"),
    "step_status.open": pgettext_lazy("participant: step status", "open"),
    "step_status.in_progress": pgettext_lazy("participant: step status", "in progress"),
    "step_status.done": pgettext_lazy("participant: step status", "done"),
    "step_status.cancelled": pgettext_lazy("participant: step status", "no longer needed"),
    "activity.career_orientation": pgettext_lazy("participant: activity", "career orientation"),
    "activity.application_training": pgettext_lazy("participant: activity", "application training"),
    # Translators: a period that has not ended, from a year or month ("2019–today").
    "period_ongoing": pgettext_lazy("participant profile", "%(start)s–today"),
    # Translators: the kind of goal and what the participant aims at, typed by the counsellor
    # ("vocational training: Pflegefachkraft").
    "goal_line": pgettext_lazy("participant profile", "%(goal)s: %(target)s"),
    "step_line": pgettext_lazy(
        "participant profile",
        # Translators: one step of a goal: what is to be done (typed), who does it, by which day
        # and how far it is.
        "%(step)s – Who: %(responsible)s – By: %(due)s (%(status)s)",
    ),
    # Translators: the kind of activity and what was done in it (typed by the counsellor).
    "activity_line": pgettext_lazy("participant profile", "%(activity)s: %(content)s"),
}


def texts(language: str) -> dict[str, str]:
    """Every text above in `language`."""
    with translation.override(language):
        return {key: str(text) for key, text in TEXTS.items()}


def direction(language: str) -> str:
    return "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
