"""Second factor (TOTP) for every member of a network: each role sees personal data."""

import base64
import math

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.audit.services import audit_record
from lotse.core.redirects import safe_next


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six digits shown in the app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required
def otp(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Lotse", confirmed=False)
    form = TokenForm(request.POST or None)
    allowed, throttled = device.verify_is_allowed()
    if request.method == "POST" and form.is_valid() and not allowed:
        # django-otp waits longer after each wrong code; a right code is refused meanwhile, so
        # the message says to wait instead of calling the code wrong.
        locked_until = (throttled or {}).get("locked_until") or timezone.now()
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
        form.add_error(
            "token",
            ngettext(
                "Too many wrong codes. Please wait %(seconds)s second and try again.",
                "Too many wrong codes. Please wait %(seconds)s seconds and try again.",
                seconds,
            )
            % {"seconds": seconds},
        )
    elif request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_record(actor=request.user, action="core.otp_device.confirmed", obj=device)
            otp_login(request, device)
            # A new session id once the second factor is confirmed, as `login()` does for the
            # password: an id planted or seen before the confirmation is worth nothing after it.
            request.session.cycle_key()
            return redirect(safe_next(request) or "core:home")
        form.add_error("token", _("The code is not correct or has expired. Try the next one."))
    secret = base64.b32encode(device.bin_key).decode() if not device.confirmed else ""
    return render(
        request,
        "core/otp.html",
        {"form": form, "secret": secret, "config_url": device.config_url if secret else ""},
    )
