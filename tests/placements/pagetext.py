"""What a page shows, as text: the rows of its tables by caption and its description lists, so
that tests can compare whole cells for equality instead of looking for fragments."""

import re
from html.parser import HTMLParser


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.terms: dict[str, str] = {}
        self._caption: list[str] | None = None
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._dt: list[str] | None = None
        self._dd: list[str] | None = None
        self._last_dt = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data(" ")
        elif tag == "table":
            self._rows = []
            self._caption = []
        elif tag == "caption":
            self._cell = None
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag == "dt":
            self._dt = []
        elif tag == "dd":
            self._dd = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(_norm("".join(self._cell)))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            caption = _norm("".join(self._caption or []))
            self.tables[caption] = [row for row in self._rows if row]
            self._rows = self._caption = None
        elif tag == "dt" and self._dt is not None:
            self._last_dt = _norm("".join(self._dt))
            self._dt = None
        elif tag == "dd" and self._dd is not None:
            self.terms[self._last_dt] = _norm("".join(self._dd))
            self._dd = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._rows is not None and self._caption is not None and not self._rows:
            self._caption.append(data)
        if self._dt is not None:
            self._dt.append(data)
        if self._dd is not None:
            self._dd.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    """Caption → rows (header row first), each a list of cell texts."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def terms(html: str) -> dict[str, str]:
    """A description list's terms → their descriptions, as text."""
    parser = _Tables()
    parser.feed(html)
    return parser.terms
