"""One way to name a download: the file name as the user reads it (German, with umlauts) in
RFC 6266/5987 form — `filename*=UTF-8''Zust%C3%A4ndigkeiten.pdf` — with an ASCII `filename=`
beside it for clients that read only that. Django's `content_disposition_header` sends only the
`filename*` part for such names; old office PDF viewers then save "download"."""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def ascii_filename(filename: str) -> str:
    """The name in ASCII (umlauts spelled out, other accents dropped, quotes and separators
    replaced), for the plain `filename=` parameter."""
    spelled = unicodedata.normalize("NFKD", filename.translate(_UMLAUTS))
    plain = spelled.encode("ascii", "ignore").decode("ascii")
    return "".join("_" if c in '"\\/;' or not c.isprintable() else c for c in plain)


def safe_filename(filename: str) -> str:
    """The name without what a file system refuses (`<>:"/\\|?*`, control characters): a
    report's title "Jahreszahlen: Netzwerk" is saved as "Jahreszahlen - Netzwerk"."""
    spaced = re.sub(r"\s+", " ", filename.replace(":", " -"))
    return "".join(c for c in spaced if c not in '<>"/\\|?*' and c.isprintable()).strip()


def content_disposition(filename: str, *, inline: bool = False) -> str:
    kind = "inline" if inline else "attachment"
    filename = safe_filename(filename)
    fallback = ascii_filename(filename)
    if fallback == filename:
        return f'{kind}; filename="{filename}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download(
    content: bytes | str, content_type: str, filename: str, *, inline: bool = False
) -> HttpResponse:
    """A file for the browser to save (or, `inline`, to show) under `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
