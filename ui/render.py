"""Pure functions that turn answers, documents and index status into safe HTML for the browser.

Article text is untrusted. Every piece of it goes through ``escape_text``, which turns
each character that means something to HTML, to Markdown or to Gradio's templates
(``< > & " ' [ ] ( ) * _ ` $ { } ...``) into a numeric character reference. The browser
shows those characters as text; no parser on the way (Markdown, Handlebars, the HTML
parser) sees any syntax in them. The only tags in the output are the ones written here.

Citations are links ``href="#cite:<doc id>:<start>:<end>"`` (the doc id percent-encoded):
a small script in the page (see ``ui.app``) turns a click on one into a request for the
source panel, which ``parse_cite`` reads back. The titles of the documents table are links
``href="#doc:<doc id>"`` that open the article to read in the same way (``parse_doc``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote, unquote, urlparse

from qa import Answer, Citation, Copy, Document
from qa.confidence import in_words
from qa.question_type import WHOLE_SENTENCE, classify_question

__all__ = [
    "CITE_PREFIX",
    "cite_href",
    "doc_href",
    "escape_text",
    "highlight",
    "parse_cite",
    "parse_doc",
    "render_answer",
    "render_document",
    "render_documents",
    "render_question",
    "render_sources",
    "render_status",
]

CITE_PREFIX = "cite:"
DOC_PREFIX = "doc:"
CHAT_QUOTE_CHARS = 240  # quotes longer than this are cut in the chat; the source panel shows them whole
TITLE_CHARS = 90  # titles are cut to this in the chat
NOT_FOUND = "Not found in these articles."
WORDS_LABEL = "In the article’s words: "  # before the sentence that answers a yes-or-no question or one on what was said: the article tells it, not newsqa

# Characters with a meaning to HTML, Markdown (CommonMark and GFM), KaTeX or Handlebars.
_SPECIAL = "&<>\"'`[](){}*_~|#!\\$^=+-:;/%.@"
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
# A lone surrogate (half a UTF-16 pair, e.g. a JSON "\ud83d" escape) cannot be sent as UTF-8: shown as U+FFFD.
_ESCAPES.update({code: "\ufffd" for code in range(0xD800, 0xE000)})
_SPACES = re.compile(r"\s+")
_CITE = re.compile(r"^#?cite:([^:|]+):(\d+):(\d+)(?:\|.*)?$", re.DOTALL)
_DOC = re.compile(r"^#?doc:([^:|]+)(?:\|.*)?$", re.DOTALL)


def escape_text(text: str, one_line: bool = False) -> str:
    """``text`` as inert HTML: every special character as a character reference, a lone surrogate as U+FFFD.

    ``one_line`` folds runs of white space into one space (chat messages must stay a
    single HTML block, or Markdown would start parsing between the lines).
    """
    if one_line:
        text = _SPACES.sub(" ", text)
    return text.translate(_ESCAPES)


def _shorten(text: str, limit: int) -> str:
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def highlight(text: str, start: int, end: int, one_line: bool = False, mark_id: str | None = None) -> str:
    """``text`` escaped, with ``text[start:end]`` wrapped in ``<mark>`` (offsets clamped to the text)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    ident = f' id="{mark_id}"' if mark_id else ""
    return (
        escape_text(text[:start], one_line)
        + f'<mark class="qa-mark"{ident}>'
        + escape_text(text[start:end], one_line)
        + "</mark>"
        + escape_text(text[end:], one_line)
    )


# -- citations -----------------------------------------------------------------------------


def cite_href(doc_id: str, start: int, end: int) -> str:
    """The fragment link of a citation: ``#cite:<percent-encoded doc id>:<start>:<end>``."""
    return f"#{CITE_PREFIX}{quote(doc_id, safe='')}:{int(start)}:{int(end)}"


def parse_cite(value: str | None) -> tuple[str, int, int] | None:
    """The (doc id, start, end) of a citation link or of the value the page script sends
    (``cite:...|<timestamp>``); None when ``value`` is not one."""
    if not value:
        return None
    match = _CITE.match(value.strip())
    if not match:
        return None
    start, end = int(match.group(2)), int(match.group(3))
    if end < start:
        return None
    return unquote(match.group(1)), start, end


def doc_href(doc_id: str) -> str:
    """The fragment link that opens a document to read: ``#doc:<percent-encoded doc id>``."""
    return f"#{DOC_PREFIX}{quote(doc_id, safe='')}"


def parse_doc(value: str | None) -> str | None:
    """The doc id of a document link or of the value the page script sends (``doc:...|<timestamp>``), else None."""
    match = _DOC.match(value.strip()) if value else None
    return unquote(match.group(1)) if match else None


def _source_line(c: Citation | Copy | Document) -> str:
    parts = [escape_text(_shorten(c.title, TITLE_CHARS), one_line=True) or "(untitled)"]
    details = [escape_text(c.source, one_line=True)] if c.source else []
    if c.date:
        details.append(escape_text(c.date, one_line=True))
    if details:
        parts.append(f'<span class="qa-meta">{" · ".join(details)}</span>')
    return " — ".join(parts)


def _citation_item(n: int, c: Citation, with_quote: bool = True) -> str:
    quote_html = f'<br><q class="qa-quote">{escape_text(_shorten(c.quote, CHAT_QUOTE_CHARS), one_line=True)}</q>' if with_quote else ""
    return (
        f'<li class="qa-citation"><a class="qa-cite" href="{cite_href(c.doc_id, c.start, c.end)}" '
        f'title="open the source at characters {c.start}–{c.end}">[{n}] {_source_line(c)}</a>{quote_html}</li>'
    )


# -- chat messages -------------------------------------------------------------------------


def render_question(question: str) -> str:
    """The user's message as shown in the chat (escaped like everything else)."""
    return f'<p class="qa-question">{escape_text(question, one_line=True)}</p>'


def _sentence_with_span(answer: Answer) -> str:
    """The first citation (the sentence holding the answer) with the answer phrase marked."""
    sentence, span = answer.citations[0], answer.span
    if span is not None and span.doc_id == sentence.doc_id and sentence.start <= span.start <= span.end <= sentence.end:
        return highlight(sentence.quote, span.start - sentence.start, span.end - sentence.start, one_line=True)
    # a name the article gives in full elsewhere ("Simone Biles"): the sentence has its last word ("Biles")
    named = re.search(rf"\b{re.escape(span.quote.split()[-1])}\b", sentence.quote) if span is not None and span.quote.split() else None
    if named:
        return highlight(sentence.quote, named.start(), named.end(), one_line=True)
    return escape_text(sentence.quote, one_line=True)


def _is_whole_sentence(span: Citation | None, sentence: Citation) -> bool:
    """Whether ``span`` is all of ``sentence`` but its punctuation (a why-answer, or one to a yes-or-no question)."""
    if span is None or span.doc_id != sentence.doc_id or not sentence.start <= span.start <= span.end <= sentence.end:
        return False
    return not re.search(r"\w", sentence.quote[: span.start - sentence.start] + sentence.quote[span.end - sentence.start :])


def _understood(answer: Answer) -> str:
    """How a follow-up was understood from the conversation ("When did he (Yoon Suk-yeol) meet Kishida?"), when it was rewritten."""
    if " ".join(answer.query.split()) == " ".join(answer.question.split()):
        return ""
    return f'<p class="qa-understood">Understood as: {escape_text(answer.query, one_line=True)}</p>'


def _also_reported(answer: Answer) -> str:
    """The other publications of the cited story, with their sources and dates (not links: an exact copy is not indexed)."""
    if not answer.also_reported_by:
        return ""
    copies = "; ".join(_source_line(c) for c in answer.also_reported_by)
    return f'<p class="qa-also">Also reported by: {copies}</p>'


def _sources_differ(answer: Answer) -> str:
    """The answers of articles that disagree side by side, each with its source and date and a link to its sentence:
    "Sources differ: 40 (CNN · 2024-03-03) · 52 (AP · 2024-03-05)", the answer given first."""
    if not answer.sources_differ or not answer.citations or answer.text is None:
        return ""
    given = [(answer.text, answer.citations[0]), *((d.text, d.sentence) for d in answer.sources_differ)]
    items = []
    for text, c in given:
        meta = " · ".join(escape_text(x, one_line=True) for x in (c.source, c.date) if x)
        items.append(f'<a class="qa-cite" href="{cite_href(c.doc_id, c.start, c.end)}">{escape_text(text, one_line=True)}</a> ({meta})')
    return f'<p class="qa-differ">Sources differ: {" · ".join(items)}</p>'


def render_answer(answer: Answer) -> str:
    """The assistant's chat message for ``answer``: one line of HTML, safe for a sanitising Markdown view.

    A follow-up rewritten from the conversation first says how it was understood. Answered: the phrase (for a
    question that asks yes or no or what was said, the sentence that tells it, "in the article's words"), its confidence in words
    (the probability on hover), the sentence it stands in with the phrase marked (unless the phrase is that
    sentence), numbered citations, the differing answers of other articles ("Sources differ") and the other publications of the story ("Also reported by"). Not answered: "Not found in these articles.", the reason, and
    the closest passages as citations, so a person can judge for themselves.
    """
    if answer.answered and answer.text is not None:
        first = answer.citations[0] if answer.citations else None
        whole = first is not None and _is_whole_sentence(answer.span, first)
        link = f' <a class="qa-cite" href="{cite_href(first.doc_id, first.start, first.end)}">[1]</a>' if first else ""
        parts = [
            '<div class="qa-answer">',
            _understood(answer),
            f'<p class="qa-phrase">{WORDS_LABEL if classify_question(answer.query).wh in WHOLE_SENTENCE else ""}<strong>{escape_text(answer.text, one_line=True)}</strong> ',
            f'<span class="qa-confidence" title="probability that this answer is right: {answer.confidence:.2f}">'
            f"{in_words(answer.confidence)}</span>{link if whole else ''}</p>",
        ]
        if first:
            if not whole:  # an answer that is its whole sentence is not quoted twice
                parts.append(f'<blockquote class="qa-sentence">{_sentence_with_span(answer)}{link}</blockquote>')
            parts.append('<ol class="qa-citations">')
            # [1] is the sentence quoted above: its list entry only names the article
            parts.extend(_citation_item(n, c, with_quote=n > 1) for n, c in enumerate(answer.citations, start=1))
            parts.append("</ol>")
        parts.append(_sources_differ(answer))
        parts.append(_also_reported(answer))
        parts.append("</div>")
        return "".join(parts)
    parts = [
        '<div class="qa-answer qa-not-found">',
        _understood(answer),
        f'<p class="qa-phrase"><strong>{NOT_FOUND}</strong></p>',
    ]
    if answer.reason:
        parts.append(f'<p class="qa-reason">{escape_text(answer.reason, one_line=True)}</p>')
    if answer.closest:
        parts.append('<p class="qa-closest-label">The closest passages:</p><ol class="qa-citations">')
        parts.extend(_citation_item(n, c) for n, c in enumerate(answer.closest, start=1))
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def render_error(message: str) -> str:
    """A problem with the question itself (empty, too long), as a chat message."""
    return f'<p class="qa-error">{escape_text(message, one_line=True)}</p>'


# -- the source panel ----------------------------------------------------------------------


def _safe_link(url: str) -> str | None:
    """``url`` when it is a plain http(s) address, else None (no ``javascript:`` and friends)."""
    try:
        parsed = urlparse(url.strip())
    except ValueError:
        return None
    if parsed.scheme.lower() in ("http", "https") and parsed.netloc:
        return url.strip()
    return None


def render_document(doc: Document, start: int | None = None, end: int | None = None) -> str:
    """The source panel: title, source, date and the whole article, ``text[start:end]`` marked.

    The mark has the id ``qa-cited`` so the page can scroll it into view.
    """
    link = _safe_link(doc.source)
    if link:
        source = f'<a class="qa-source-link" href="{escape_text(link)}" target="_blank" rel="noopener noreferrer nofollow">{escape_text(doc.source)}</a>'
    else:
        source = escape_text(doc.source)
    head = [
        '<article class="qa-document">',
        f'<h3 class="qa-doc-title">{escape_text(doc.title, one_line=True) or "(untitled)"}</h3>',
        '<dl class="qa-doc-meta">',
        f"<dt>source</dt><dd>{source}</dd>",
        f"<dt>date</dt><dd>{escape_text(doc.date) if doc.date else 'unknown'}</dd>",
        f'<dt>document</dt><dd><code>{escape_text(doc.id)}</code></dd>',
    ]
    if start is not None and end is not None:
        head.append(f"<dt>cited</dt><dd>characters {int(start)}–{int(end)}</dd>")
        body = highlight(doc.text, start, end, mark_id="qa-cited")
    else:
        body = escape_text(doc.text)
    head.append("</dl>")
    return "".join(head) + f'<div class="qa-doc-text">{body}</div></article>'


def render_source_message(message: str) -> str:
    """A short note in the source panel (nothing opened yet, unknown document)."""
    return f'<p class="qa-source-note">{escape_text(message, one_line=True)}</p>'


# -- the documents panel -------------------------------------------------------------------


def render_documents(entries: Iterable[tuple[str, str, str, str | None, int]]) -> str:
    """The table of indexed documents: (doc id, title, source name, date, passages) rows; a title opens its article."""
    rows = [
        f'<tr><td><a class="qa-open" href="{doc_href(doc_id)}" title="read the article">{escape_text(title, one_line=True) or "(untitled)"}</a>'
        f"<br><code>{escape_text(doc_id)}</code></td><td>{escape_text(source, one_line=True)}</td>"
        f"<td>{escape_text(date) if date else ''}</td><td class=\"qa-num\">{int(passages)}</td></tr>"
        for doc_id, title, source, date, passages in entries
    ]
    if not rows:
        return render_source_message("No documents are indexed yet.")
    return (
        '<div class="qa-table-wrap"><table class="qa-documents"><thead><tr><th>title / document</th><th>source</th><th>date</th>'
        f'<th class="qa-num">passages</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


SOURCES_SHOWN = 50


def render_sources(rows: Sequence[tuple[str, int, str | None, str | None]]) -> str:
    """The table of sources: (source name, articles, first date, last date), the first ``SOURCES_SHOWN`` of them."""
    if not rows:
        return render_source_message("No documents are indexed yet.")
    body = "".join(
        f'<tr><td>{escape_text(name, one_line=True)}</td><td class="qa-num">{int(n)}</td>'
        f"<td>{escape_text(first) if first else ''}</td><td>{escape_text(last) if last else ''}</td></tr>"
        for name, n, first, last in rows[:SOURCES_SHOWN]
    )
    more = f'<p class="qa-more">… and {len(rows) - SOURCES_SHOWN} more sources.</p>' if len(rows) > SOURCES_SHOWN else ""
    return (
        '<div class="qa-table-wrap"><table class="qa-documents qa-sources"><thead><tr><th>source</th><th class="qa-num">articles</th>'
        f"<th>first date</th><th>last date</th></tr></thead><tbody>{body}</tbody></table></div>{more}"
    )


SKIPPED_SHOWN = 50


def render_status(
    documents: int,
    passages: int,
    embedder: str,
    updated_at: str,
    index: str,
    corpus: str | None,
    uploads: bool,
    skipped: Sequence[tuple[str, str]] = (),
) -> str:
    """The index status line of the documents panel; ``skipped``: (file, record or line; why) not indexed."""
    items = [
        f"<li><strong>{int(documents)}</strong> documents, <strong>{int(passages)}</strong> passages</li>",
        f"<li>index <code>{escape_text(index)}</code>, updated {escape_text(updated_at)}</li>",
        f"<li>embedder <code>{escape_text(embedder)}</code></li>",
        f"<li>corpus <code>{escape_text(corpus)}</code></li>" if corpus else "",
        "<li>uploads go into the corpus folder and are indexed at once</li>" if uploads
        else "<li>uploads are off: the server was started without <code>--corpus</code></li>",
        _render_skipped(skipped),
    ]
    return f'<ul class="qa-status">{"".join(items)}</ul>'


def _render_skipped(skipped: Sequence[tuple[str, str]]) -> str:
    if not skipped:
        return ""
    rows = "".join(
        f"<li><code>{escape_text(path, one_line=True)}</code>: {escape_text(reason, one_line=True)}</li>" for path, reason in skipped[:SKIPPED_SHOWN]
    )
    more = f"<li>… and {len(skipped) - SKIPPED_SHOWN} more (<code>qa index status</code> lists them)</li>" if len(skipped) > SKIPPED_SHOWN else ""
    return (
        f'<li class="qa-skipped"><details><summary><strong>{len(skipped)}</strong> not indexed (files, records or feed lines '
        f"that cannot be used): see why</summary><ul>{rows}{more}</ul></details></li>"
    )
