"""The browser chatbot: a Gradio app over one ``QA`` object, and its HTTP API.

    qa serve --corpus seeds --index .qa-index      # then open http://127.0.0.1:7860

The page has a chat (answers with the phrase marked in its sentence, a confidence and
numbered citations; a click on a citation opens the article beside the chat with the
passage marked and scrolled into view; filters by date and source beside it) and a
documents tab (index status, the corpus by date and by source, every indexed article to
open and read, upload of new articles). The same answers are served as JSON by the named API
endpoints ``/ask``, ``/document`` and ``/status`` (see the README for a ``gradio_client``
example).

Everything from the articles reaches the page through ``ui.render``, which escapes it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from qa import Answer, NewsQAError, QuestionError, Turn, int_setting
from qa.api import QA, bounded_turn
from qa.filters import article_filter, source_name
from qa.recency import parse_as_of
from ui import render
from ui.corpus import by_source, timeline, timeline_note
from ui.upload import ALLOWED_SUFFIXES, MAX_FILE_BYTES, UploadError, remove_saved, save_files, validate_files

log = logging.getLogger(__name__)

__all__ = ["QAHolder", "build_app", "launch", "serve", "example_questions"]

ASK_CONCURRENCY = 20  # events of one kind running at once; asks are short, so 20 clients share the 2 cores
MAX_TURNS = 20  # earlier turns kept for follow-up questions
MAX_HISTORY_ITEMS = 50  # turns accepted from an API caller
ANSWER_CACHE = 512  # answers kept per index version (0: none); QA_ANSWER_CACHE sets another size


def answer_cache_size() -> int:
    """The answers the server keeps per index version: ``QA_ANSWER_CACHE``, else ``ANSWER_CACHE``."""
    return int_setting("QA_ANSWER_CACHE", ANSWER_CACHE, 0)

# Example questions about the seed articles, shown when those articles are indexed.
SEED_EXAMPLES: dict[str, list[str]] = {
    "000_3a9375036b298c0f.txt": [
        "How much was the AUKUS submarine deal worth?",
        "What do Xi and Putin plan to continue in order to deepen military mutual trust?",
    ],
    "004_987bf9152aa0758f.txt": [
        "Who is South Korea's president?",
        "Where did Kishida and Yoon meet?",
        "What did North Korea stage last weekend?",
        "What is the GDP of Brazil?",
    ],
}


def example_questions(doc_ids: Sequence[str]) -> list[str]:
    """The example questions whose article is in the index."""
    present = set(doc_ids)
    return [q for doc_id, questions in SEED_EXAMPLES.items() if doc_id in present for q in questions]


class QAHolder:
    """The one ``QA`` object the app answers from, and where uploads go.

    Every request takes ``holder.qa`` once, so replacing it (one assignment) never changes
    the index under a running question; an upload updates it in place instead
    (``QA.update_from_folder``), which is just as safe. ``refresh`` runs one at a time.
    """

    def __init__(self, qa: QA, corpus: Path | str | None = None, cache_size: int | None = None) -> None:
        self.qa = qa
        self.corpus = Path(corpus) if corpus is not None else None
        self.lock = threading.Lock()
        self.cache_size = answer_cache_size() if cache_size is None else cache_size
        self._answers: OrderedDict[tuple, tuple[object, Answer]] = OrderedDict()
        self._answers_lock = threading.Lock()

    def ask(
        self,
        question: str,
        history: Sequence[Turn],
        as_of: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sources: Sequence[str] | None = None,
    ) -> Answer:
        """``QA.ask``, remembering recent answers: the same question in the same conversation, as of
        the same day, with the same filters, asked of the same index version, gets the same answer
        without recomputing it."""
        qa = self.qa
        index = qa.index
        day, within = parse_as_of(as_of), article_filter(since, until, sources)
        key = (question.strip() if isinstance(question, str) else question, tuple((t.question, t.answer) for t in history), day, within)
        with self._answers_lock:
            hit = self._answers.get(key)
            if hit is not None and hit[0] is index:
                self._answers.move_to_end(key)
                return hit[1]
        answer = qa.ask(question, history=history, as_of=day, since=since, until=until, sources=sources)
        if self.cache_size > 0 and qa.index is index:
            with self._answers_lock:
                self._answers[key] = (index, answer)
                self._answers.move_to_end(key)
                while len(self._answers) > self.cache_size:
                    self._answers.popitem(last=False)
        return answer

    def refresh(self) -> QA:
        """Bring the index up to date with the corpus folder (caller holds ``lock``): only new and
        changed articles are embedded, and the new version is served as soon as it is committed."""
        if self.corpus is None:
            raise UploadError("uploads are off: the server was started without --corpus")
        qa = self.qa
        qa.update_from_folder(self.corpus)
        with self._answers_lock:
            self._answers.clear()
        return qa


# -- what the events do (plain functions of the holder; the UI and the API share them) ------------


def _turns(history: Any) -> list[Turn]:
    """The earlier turns an API caller sent: the last ``MAX_HISTORY_ITEMS``, each bounded (``qa.api.bounded_turn``)."""
    if history is None:
        return []
    if not isinstance(history, list):
        raise QuestionError("history must be a list of {question, answer} objects")
    if len(history) > MAX_HISTORY_ITEMS:
        history = history[-MAX_HISTORY_ITEMS:]
    try:
        turns = [t if isinstance(t, Turn) else Turn.model_validate(t) for t in history]
    except ValueError as exc:
        raise QuestionError(f"history must be a list of {{question, answer}} objects: {exc}") from None
    return [bounded_turn(turn) for turn in turns]


def _document_rows(qa: QA) -> list[tuple[str, str, str, str | None, int]]:
    entries = qa.index.manifest.documents
    return [(doc_id, e.title, source_name(e.source), e.date, e.passages) for doc_id, e in sorted(entries.items())]


def _source_choices(qa: QA) -> list[tuple[str, str]]:
    """The sources to pick in the chat's filter: (label with the article count, source name)."""
    return [(f"{name} ({n})", name) for name, n in qa.sources().items()]


def _timeline(qa: QA) -> tuple[Any, str]:
    """Articles per day, month or year as a table for the plot, and a note naming the unit and the undated articles."""
    import pandas as pd

    unit, counts, undated = timeline(e.date for e in qa.index.manifest.documents.values())
    return pd.DataFrame(counts, columns=[unit, "articles"]), timeline_note(unit, counts, undated)


def _status_html(holder: QAHolder) -> str:
    s = holder.qa.status()
    corpus = str(holder.corpus) if holder.corpus is not None else s.corpus
    return render.render_status(
        s.documents, s.passages, s.embedder, s.updated_at, s.folder, corpus, holder.corpus is not None, list(s.skipped.items())
    )


def _upload_names(files: Sequence[Any]) -> tuple[list[Path], list[str]]:
    """Paths of Gradio's uploaded copies (they keep the names the user gave them)."""
    paths = [Path(f if isinstance(f, (str, os.PathLike)) else f.path) for f in files]
    return paths, [p.name for p in paths]


def add_files(holder: QAHolder, files: Sequence[Any] | None, progress: Callable[..., Any] | None = None) -> str:
    """Check, save and index uploaded files; a plain-text report. Raises ``UploadError`` (nothing changed)."""
    step = progress or (lambda *a, **k: None)
    if holder.corpus is None:
        raise UploadError("uploads are off: the server was started without --corpus")
    paths, names = _upload_names(files or [])
    with holder.lock:
        step(0.05, desc="checking the files")
        indexed = {entry.content_hash: doc_id for doc_id, entry in holder.qa.index.manifest.documents.items()}
        staged = validate_files(paths, holder.corpus, names, indexed)
        step(0.2, desc="saving into the corpus folder")
        written = save_files(staged, holder.corpus)
        step(0.35, desc="indexing (this takes a few seconds)")
        try:
            qa = holder.refresh()
        except Exception as exc:  # a failed upload changes nothing: take the files out again
            remove_saved(written)
            log.exception("indexing the upload failed")
            raise UploadError(f"indexing failed, the upload was undone: {exc}") from None
        missing = [s.name for s in staged if s.name not in qa.index.manifest.documents]
        step(1.0, desc="done")
    added = ", ".join(f"{s.name} (“{s.title[:80]}”)" for s in staged)
    note = f" Not in the index: {', '.join(missing)} (the same text is indexed under another name)." if missing else ""
    return f"Added and indexed {len(staged)} file{'s' if len(staged) != 1 else ''}: {added}. You can ask about {'them' if len(staged) != 1 else 'it'} now.{note}"


def open_document(holder: QAHolder, value: str | None) -> str:
    """The reading panel of the documents tab for a document request from the page."""
    doc_id = render.parse_doc(value)
    if doc_id is None:
        return render.render_source_message("Click a title in the table to read the article here.")
    try:
        return render.render_document(holder.qa.document(doc_id))
    except KeyError:
        return render.render_source_message(f"The article {doc_id} is no longer in the index.")


def open_citation(holder: QAHolder, value: str | None) -> str:
    """The source panel for a citation request from the page."""
    cite = render.parse_cite(value)
    if cite is None:
        return render.render_source_message("Click a numbered citation to open its article here.")
    doc_id, start, end = cite
    try:
        doc = holder.qa.document(doc_id)
    except KeyError:
        return render.render_source_message(f"The article {doc_id} is no longer in the index.")
    if end > len(doc.text):
        return render.render_document(doc)
    return render.render_document(doc, start, end)


# -- the page -------------------------------------------------------------------------------------

CSS = """
.qa-answer p { margin: 0 0 .4em 0; }
.qa-phrase strong { font-size: 1.1em; }
.qa-also { opacity: .8; font-size: .85em; margin: .3em 0 0 0; overflow-wrap: anywhere; }
.qa-differ { font-size: .9em; margin: .3em 0 0 0; padding: .2em .4em; border-left: 3px solid #d97706; overflow-wrap: anywhere; }
.qa-understood { opacity: .8; font-size: .85em; margin: 0 0 .3em 0; }
.qa-confidence { opacity: .75; font-size: .85em; margin-left: .4em; }
.qa-sentence { margin: .3em 0 .5em 0; padding-left: .6em; border-left: 3px solid #999; }
mark.qa-mark { background: #ffe066; color: #111; padding: 0 .1em; border-radius: 2px; }
.qa-citations { margin: .2em 0 0 1.2em; padding: 0; }
.qa-citation { margin-bottom: .35em; overflow-wrap: anywhere; }
.qa-meta { opacity: .75; font-size: .9em; }
.qa-quote { display: inline-block; opacity: .85; font-size: .9em; }
a.qa-cite { cursor: pointer; overflow-wrap: anywhere; }
a.qa-cite:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.qa-document { padding: .2em .4em; max-height: 75vh; overflow-y: auto; }
.qa-doc-title { margin: 0 0 .3em 0; overflow-wrap: anywhere; }
.qa-doc-meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em .8em; margin: 0 0 .8em 0; font-size: .9em; }
.qa-doc-meta dt { opacity: .7; }
.qa-doc-meta dd { margin: 0; overflow-wrap: anywhere; }
.qa-doc-text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.5; }
mark#qa-cited { background: #ffd43b; outline: 2px solid #f08c00; }
.qa-table-wrap { overflow-x: auto; }
table.qa-documents { width: 100%; border-collapse: collapse; }
table.qa-documents th, table.qa-documents td { text-align: left; padding: .3em .5em; border-bottom: 1px solid #ddd; vertical-align: top; overflow-wrap: anywhere; }
.qa-num { text-align: right !important; }
.qa-error, .qa-upload-error { color: #b91c1c; }
.qa-more { opacity: .75; font-size: .9em; }
.qa-upload-ok { color: #166534; }
"""

# A click (or Enter) on a citation link asks the server for the source panel through a hidden textbox;
# one on a title of the documents table, for the reading panel through another.
HEAD = """
<script>
(() => {
  function request(boxId, href) {
    const box = document.querySelector(`#${boxId} textarea, #${boxId} input`);
    if (!box) return;
    box.value = href.replace(/^#/, '') + '|' + Date.now();
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }
  document.addEventListener('click', (event) => {
    const link = event.target && event.target.closest ? event.target.closest('a[href^="#cite:"], a[href^="#doc:"]') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const href = link.getAttribute('href');
    request(href.startsWith('#doc:') ? 'qa-doc-request' : 'qa-cite-request', href);
  }, true);
})();
</script>
"""

SCROLL_TO_READER = "() => { const panel = document.getElementById('qa-reader'); if (panel) panel.scrollIntoView({ block: 'start' }); }"

SCROLL_TO_CITED = """
() => {
  let tries = 0;
  const go = () => {
    const mark = document.getElementById('qa-cited');
    if (mark) { mark.scrollIntoView({ block: 'center', behavior: 'instant' }); return; }
    if (tries++ < 20) setTimeout(go, 50);
  };
  setTimeout(go, 30);
}
"""

INTRO = (
    "Ask a question about the indexed news articles. Answers are quoted word for word from the "
    "articles, with numbered citations: open one to read the passage in its article. When the "
    "articles do not hold the answer, you get the closest passages instead of a guess."
)


def build_app(holder: QAHolder, examples: Sequence[str] | None = None) -> Any:
    """The Gradio Blocks of the chatbot over ``holder`` (call ``launch`` to serve it)."""
    import gradio as gr

    if examples is None:
        examples = example_questions(list(holder.qa.index.manifest.documents))

    def ask_api(
        question: str,
        history: list[dict] | None = None,
        as_of: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sources: list[str] | None = None,
    ) -> dict:
        """Answer a question from the articles. history: earlier turns, [{"question": ..., "answer": ...}], for follow-ups;
        as_of: the day the question is about ("2024-03-22"), so articles dated near it are preferred (and a question
        about "this week" or "last week" is answered from the articles of that week only);
        since, until: only articles dated within these days, both included (undated articles are then left out);
        sources: only articles from these sources (web hosts such as "bbc.co.uk", or sources as stored; any case).
        Returns the Answer as JSON: answered, text, confidence, span and citations (doc_id, title, source, date,
        start, end, quote; document.text[start:end] == quote), or reason and closest passages when not answered."""
        try:
            answer = holder.ask(question, _turns(history), as_of, since, until, sources)
        except NewsQAError as exc:
            raise gr.Error(str(exc)) from None
        except Exception:
            log.exception("answering %r failed", question)
            raise gr.Error("the question could not be answered because of an internal error (the server log has the details)") from None
        return answer.model_dump(mode="json")

    def document_api(doc_id: str) -> dict:
        """One indexed article: id, title, source, date, text (the text citations' offsets point into)."""
        try:
            return holder.qa.document(doc_id).model_dump(mode="json")
        except KeyError as exc:
            raise gr.Error(str(exc.args[0])) from None

    def status_api() -> dict:
        """What the index holds: documents, passages, embedder, last update."""
        return holder.qa.status().model_dump(mode="json")

    def take_question(question: str, messages: list[dict]) -> tuple[str, list[dict], list[dict], str]:
        question = (question or "").strip()
        if not question:
            return "", messages, messages, ""
        messages = [*messages, {"role": "user", "content": render.render_question(question)}]
        return "", messages, messages, question

    def answer_question(
        pending: str, messages: list[dict], turns: list[dict], as_of: str | None, since: str | None, until: str | None, sources: list[str] | None
    ) -> tuple[list[dict], list[dict], list[dict]]:
        if not pending:
            return messages, messages, turns
        try:
            answer = holder.ask(pending, _turns(turns), as_of, since, until, sources or None)  # none picked: every source
        except NewsQAError as exc:
            messages = [*messages, {"role": "assistant", "content": render.render_error(str(exc))}]
            return messages, messages, turns
        turns = [*turns, {"question": answer.query, "answer": answer.text}][-MAX_TURNS:]  # as understood: the next follow-up builds on it
        messages = [*messages, {"role": "assistant", "content": render.render_answer(answer)}]
        return messages, messages, turns

    def new_conversation() -> tuple[list, list, list, str]:
        return [], [], [], render.render_source_message("Click a numbered citation to open its article here.")

    def documents_panel() -> tuple[Any, ...]:
        """Status, articles per date, sources, the documents table, and the sources offered in the chat's filter."""
        qa = holder.qa
        frame, note = _timeline(qa)
        sources_table = render.render_sources(by_source((e.source, e.date) for e in qa.index.manifest.documents.values()))
        return (
            _status_html(holder),
            gr.update(value=frame, x=frame.columns[0]),
            render.render_source_message(note),
            sources_table,
            render.render_documents(_document_rows(qa)),
            gr.update(choices=_source_choices(qa)),
        )

    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        try:
            report = add_files(holder, files, progress)
        except UploadError as exc:
            message = f'<p class="qa-upload-error" role="alert">Upload refused: {render.escape_text(str(exc), one_line=True)}</p>'
            return message, *documents_panel(), gr.update()
        except Exception as exc:  # never an empty error: say what happened (the log has the traceback)
            log.exception("the upload failed")
            why = render.escape_text(f"{type(exc).__name__}: {exc}", one_line=True)
            return f'<p class="qa-upload-error" role="alert">Upload failed: {why}</p>', *documents_panel(), gr.update()
        message = f'<p class="qa-upload-ok" role="status">{render.escape_text(report, one_line=True)}</p>'
        return message, *documents_panel(), None

    with gr.Blocks(title="Ask the articles", analytics_enabled=False) as demo:
        messages = gr.State([])
        turns = gr.State([])
        pending = gr.State("")
        gr.Markdown("## Ask the articles")
        gr.Markdown(INTRO, elem_id="qa-intro")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=300):
                        chatbot = gr.Chatbot(
                            label="Conversation",
                            show_label=False,
                            elem_id="qa-chat",
                            height="62vh",
                            min_height=360,
                            latex_delimiters=[],
                            buttons=[],  # messages are HTML: a copy button would copy markup
                            feedback_options=None,
                            sanitize_html=True,
                            placeholder="Answers appear here, with their citations.",
                        )
                        with gr.Row(equal_height=True):
                            question = gr.Textbox(
                                elem_id="qa-question",
                                placeholder="Ask about the articles, then press Enter",
                                show_label=False,
                                lines=1,
                                max_lines=4,
                                max_length=500,
                                scale=5,
                                min_width=180,
                                autofocus=True,
                            )
                            ask_button = gr.Button("Ask", variant="primary", elem_id="qa-ask", scale=1, min_width=70)
                        if examples:
                            gr.Examples(examples=[[q] for q in examples], inputs=[question], label="Example questions", examples_per_page=10)
                        with gr.Row(equal_height=False):
                            as_of = gr.Textbox(
                                elem_id="qa-as-of",
                                label="News as of (optional)",
                                placeholder="YYYY-MM-DD: prefer articles from around that day",
                                lines=1,
                                max_lines=1,
                                max_length=32,
                                scale=2,
                                min_width=180,
                            )
                            # Text boxes, not gr.DateTime: that one silently keeps its last valid value when the text is not a date.
                            day = dict(placeholder="YYYY-MM-DD", lines=1, max_lines=1, max_length=32, scale=1, min_width=140)
                            since = gr.Textbox(label="Articles from", elem_id="qa-since", **day)
                            until = gr.Textbox(label="Articles until", elem_id="qa-until", **day)
                        with gr.Row(equal_height=False):
                            sources = gr.Dropdown(
                                choices=_source_choices(holder.qa),
                                value=[],
                                multiselect=True,
                                label="Articles from these sources",
                                info="Empty: every source. With a date above, undated articles are left out.",
                                interactive=True,
                                elem_id="qa-sources",
                                scale=3,
                                min_width=180,
                            )
                            clear = gr.Button("New conversation", elem_id="qa-clear", size="sm", scale=1, min_width=70)
                    with gr.Column(scale=2, min_width=300):
                        gr.Markdown("### Source")
                        source = gr.HTML(
                            render.render_source_message("Click a numbered citation to open its article here."),
                            elem_id="qa-source",
                            js_on_load=None,
                        )
            with gr.Tab("Documents", id="documents"):
                status_html = gr.HTML(elem_id="qa-status", js_on_load=None)
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=300):
                        gr.Markdown("### Articles by date")
                        timeline_plot = gr.BarPlot(
                            x="day", y="articles", sort="x", x_label_angle=-45, height=260, show_label=False, elem_id="qa-timeline", buttons=[]
                        )
                        timeline_note = gr.HTML(elem_id="qa-timeline-note", js_on_load=None)
                    with gr.Column(scale=2, min_width=300):
                        gr.Markdown("### Articles by source")
                        sources_html = gr.HTML(elem_id="qa-by-source", js_on_load=None)
                gr.Markdown("### Add articles")
                files = gr.File(
                    label=f"{', '.join(ALLOWED_SUFFIXES)} files, up to {MAX_FILE_BYTES // (1024 * 1024)} MB each",
                    file_count="multiple",
                    file_types=list(ALLOWED_SUFFIXES),
                    type="filepath",
                    elem_id="qa-upload",
                    interactive=holder.corpus is not None,
                )
                add_button = gr.Button("Add to the index", elem_id="qa-add", variant="primary", interactive=holder.corpus is not None)
                upload_message = gr.HTML(elem_id="qa-upload-message", js_on_load=None)
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=300):
                        gr.Markdown("### Indexed articles")
                        documents_html = gr.HTML(elem_id="qa-documents", js_on_load=None)
                    with gr.Column(scale=2, min_width=300):
                        gr.Markdown("### Read")
                        reader = gr.HTML(open_document(holder, None), elem_id="qa-reader", js_on_load=None)
        cite_request = gr.Textbox(visible="hidden", elem_id="qa-cite-request")
        doc_request = gr.Textbox(visible="hidden", elem_id="qa-doc-request")

        private = {"api_visibility": "private"}
        for trigger in (question.submit, ask_button.click):
            trigger(take_question, [question, messages], [question, messages, chatbot, pending], queue=False, **private).then(
                answer_question, [pending, messages, turns, as_of, since, until, sources], [messages, chatbot, turns], concurrency_id="ask", **private
            )
        clear.click(new_conversation, None, [messages, chatbot, turns, source], queue=False, **private)
        chatbot.clear(new_conversation, None, [messages, chatbot, turns, source], queue=False, **private)  # its own bin icon
        cite_request.change(lambda v: open_citation(holder, v), cite_request, source, **private).then(
            None, None, None, js=SCROLL_TO_CITED, **private
        )
        doc_request.change(lambda v: open_document(holder, v), doc_request, reader, **private).then(None, None, None, js=SCROLL_TO_READER, **private)
        panels = [status_html, timeline_plot, timeline_note, sources_html, documents_html, sources]
        add_button.click(upload, files, [upload_message, *panels, files], concurrency_limit=1, **private)
        demo.load(documents_panel, None, panels, **private)

        gr.api(ask_api, api_name="ask", concurrency_id="ask")
        gr.api(document_api, api_name="document")
        gr.api(status_api, api_name="status")
    _accept_missing_optional_inputs(demo, {"ask": ask_api, "document": document_api, "status": status_api})
    return demo


def _accept_missing_optional_inputs(demo: Any, endpoints: dict[str, Callable[..., Any]]) -> None:
    """Let a raw HTTP caller of the named API leave out trailing inputs that have a default (``/ask``'s
    ``history`` and ``as_of``), and tell one who leaves out a required input which one.

    Gradio wants every input of an endpoint in the request (``gradio_client`` fills in the defaults
    itself) and otherwise answers ``{"error": null}``, the reason only in the server log.
    """
    import inspect

    import gradio as gr

    parameters = {name: list(inspect.signature(fn).parameters.values()) for name, fn in endpoints.items()}
    validate = demo.validate_inputs

    def validate_inputs(block_fn: Any, inputs: list[Any]) -> None:
        wanted = parameters.get(getattr(block_fn, "api_name", None))
        if wanted is not None and len(inputs) < len(wanted):
            missing = [p.name for p in wanted[len(inputs) :] if p.default is inspect.Parameter.empty]
            if missing:
                raise gr.Error(
                    f"/{block_fn.api_name} needs {len(wanted)} inputs in this order: {', '.join(p.name for p in wanted)} "
                    f"(the last {sum(p.default is not inspect.Parameter.empty for p in wanted)} may be left out); missing: {', '.join(missing)}"
                )
            inputs.extend(p.default for p in wanted[len(inputs) :])
        validate(block_fn, inputs)

    demo.validate_inputs = validate_inputs


def launch(demo: Any, host: str = "127.0.0.1", port: int = 7860, block: bool = True, concurrency: int = ASK_CONCURRENCY) -> str:
    """Serve ``demo`` (offline: no analytics, no share link, no web fonts); returns the local URL."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    demo.queue(default_concurrency_limit=concurrency, max_size=256)
    _, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=not block,
        share=False,
        show_error=False,
        quiet=not block,
        max_file_size=MAX_FILE_BYTES,
        ssr_mode=False,
        mcp_server=False,
        enable_monitoring=False,
        css=CSS,
        head=HEAD,
    )
    return url


def serve(index: Path | str, corpus: Path | str | None = None, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Open (with ``corpus``: build or refresh) the index and serve the chatbot until interrupted."""
    for name, value in (("GRADIO_ANALYTICS_ENABLED", "False"), ("HF_HUB_OFFLINE", "1"), ("NO_PROXY", "127.0.0.1,localhost")):
        os.environ.setdefault(name, value)
    qa = QA.from_folder(corpus, index, progress=True) if corpus is not None else QA.open(index)
    holder = QAHolder(qa, corpus)
    launch(build_app(holder), host, port, block=True)
