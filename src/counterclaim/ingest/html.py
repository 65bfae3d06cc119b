"""HTML pages -> text + metadata with trafilatura, and feed-item HTML fragments -> text."""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser
from urllib.parse import urlsplit

from ..errors import NoArticleText
from .guards import SNIFF_BYTES, sniff_binary
from .records import Draft


def draft_from_html(data: bytes | str, where: str, *, url: str | None = None) -> Draft:
    """Main text without boilerplate; title, date, site name (outlet) and URL from the page's metadata."""
    import trafilatura  # heavy: only when there is HTML to read

    if isinstance(data, bytes):
        sniff_binary(data[:SNIFF_BYTES])
    document = trafilatura.bare_extraction(
        data,
        url=None,  # given a URL, htmldate reads its date and calls it metadata; our URL rule does that
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Publication date from the page's own metadata only; our text rule handles the rest.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    fields = document.as_dict() if hasattr(document, "as_dict") else (document or {})
    text = (fields.get("text") or "").strip()
    if not text:
        raise NoArticleText("no article text found in the page (only scripts, navigation or boilerplate)")
    page_url = fields.get("url") or url
    outlet = (
        fields.get("sitename")
        or fields.get("hostname")
        or (urlsplit(page_url).hostname if page_url else None)
    )
    return Draft(
        text=text,
        where=where,
        date_value=fields.get("date"),
        date_origin="metadata",
        title=fields.get("title"),
        outlet=outlet,
        url=page_url,
    )


BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote section article header footer tr table pre".split()
)
SKIPPED_TAGS = frozenset(("script", "style", "noscript", "template", "iframe", "object"))


class FragmentText(HTMLParser):
    """Text of an HTML fragment: block elements become line breaks, scripts and styles are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def fragment_to_text(fragment: str) -> str:
    """Plain text of a feed item's summary/content, which is usually escaped HTML."""
    if "<" not in fragment:
        return html_lib.unescape(fragment).strip()
    parser = FragmentText()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    paragraphs: list[str] = []
    for line in lines:
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)
