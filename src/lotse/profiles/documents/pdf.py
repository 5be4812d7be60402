"""PDF rendering with WeasyPrint that never leaves the machine.

Documents are rendered from trusted templates, but they carry text typed by people; a URL in
that text must never make the server fetch anything. The fetcher accepts `data:` URLs (the
photo) and files inside this package (the print stylesheet) and refuses everything else.
"""

from functools import cache
from pathlib import Path
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

PACKAGE_DIR = Path(__file__).resolve().parent
STYLESHEET = PACKAGE_DIR / "print.css"


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no types
    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("file:"):
            response = URLFetcherResponse(url)
            path = Path(response.path).resolve()
            if not path.is_relative_to(PACKAGE_DIR):
                raise ValueError(f"Documents may only load their own files, not {url}")
        elif not url.startswith("data:"):
            raise ValueError(f"Documents load nothing from the network: {url}")
        return super().fetch(url, headers)


@cache
def _fonts_and_stylesheet() -> tuple[FontConfiguration, CSS]:
    # Parsing the stylesheet and setting up fonts once per process saves time per document.
    fonts = FontConfiguration()
    css = CSS(filename=str(STYLESHEET), url_fetcher=LocalOnlyFetcher(), font_config=fonts)
    return fonts, css


def render_pdf(html: str) -> bytes:
    fonts, css = _fonts_and_stylesheet()
    document = HTML(string=html, base_url=str(PACKAGE_DIR) + "/", url_fetcher=LocalOnlyFetcher())
    pdf: bytes = document.write_pdf(stylesheets=[css], font_config=fonts)
    return pdf
