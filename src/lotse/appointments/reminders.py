"""The reminder e-mail to a participant, in their language with the German text below it
(plain text and HTML, right to left for Arabic and Farsi)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from lotse.appointments.models import Appointment
from lotse.appointments.participant_texts import appointment_text, participant_language


def reminder_message(appointment: Appointment) -> EmailMultiAlternatives:
    participant = appointment.participant
    language = participant_language(participant.preferred_language)
    text = appointment_text(appointment, language)
    # Participants who read another language get the German text below their own.
    german = appointment_text(appointment, "de") if language != "de" else None
    context = {"text": text, "german": german}
    with translation.override(language):
        body = render_to_string("appointments/mail/reminder.txt", context)
        html = render_to_string("appointments/mail/reminder.html", context)
    message = EmailMultiAlternatives(subject=text.subject, body=body, to=[participant.email])
    message.attach_alternative(html, "text/html")
    return message
