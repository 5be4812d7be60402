"""What the counsellor chooses for a document. The photo is checked and re-encoded here and
then only lives in memory for this one document: it is never stored."""

import io

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from lotse.profiles.documents.cv import SECTIONS, Photo
from lotse.profiles.participant_texts import LANGUAGE_NAMES

MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
# 35 × 45 mm at 300 dpi is all a CV photo needs; smaller files render faster.
PHOTO_BOX = (420, 540)

SECTION_LABELS = {
    "personal": _("Personal data"),
    "work": _("Work experience"),
    "education": _("School and education"),
    "recognition": _("Recognition of foreign qualifications"),
    "languages": _("Languages"),
    "skills": _("Skills"),
    "driving_licence": _("Driving licence"),
}
FORMATS = [("pdf", _("PDF")), ("docx", _("DOCX (Word, to edit further)"))]


class CvForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("What to include"),
        choices=[(key, SECTION_LABELS[key]) for key in SECTIONS],
        widget=forms.CheckboxSelectMultiple,
        initial=list(SECTIONS),
        error_messages={"required": _("Choose at least one part of the CV.")},
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG or PNG, at most 2 MB. Used for this document only, never stored."),
        error_messages={"invalid_image": _("The photo must be a JPEG or PNG image.")},
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, initial="pdf", widget=forms.RadioSelect
    )

    def clean_photo(self) -> Photo | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The photo is larger than 2 MB."))
        image = getattr(upload, "image", None)
        if image is None or image.format not in PHOTO_FORMATS:
            raise forms.ValidationError(_("The photo must be a JPEG or PNG image."))
        if image.width * image.height > MAX_PHOTO_PIXELS:
            raise forms.ValidationError(_("The photo has too many pixels."))
        upload.seek(0)
        return _reencoded(upload)


def _reencoded(upload: "UploadedFile[bytes]") -> Photo:
    """A small JPEG without metadata (no camera data or location reaches the employer)."""
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    image.thumbnail(PHOTO_BOX)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return Photo(content=buffer.getvalue(), mime_type="image/jpeg")


class PlanForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Participant's language"),
        choices=list(LANGUAGE_NAMES.items()),
        required=False,
    )
