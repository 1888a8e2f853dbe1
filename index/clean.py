"""Cleaning of article text before it is stored: the text citations point into.

News pages scraped to text carry page furniture: paywall and newsletter prompts, comment
counters, "Read more" links, share buttons, lone bylines. Such furniture is almost always a
short line of its own, so cleaning is line based: every rule in ``FURNITURE_RULES`` is a
regular expression matched against a whole (stripped) short line, and a matching line is
dropped. Lone bylines ("By Jane Doe") are dropped near the start or end of the article only.
Two more rules cut a widget label glued without a newline to the start or the end of a real
paragraph ("Load MoreThe past two weeks…"). Everything else is kept verbatim, apart from
whitespace and Unicode normalisation (see ``normalize_whitespace``). Photo credits and
headings are content and stay.

All functions are pure; ``clean_text`` is idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["FURNITURE_RULES", "clean_text", "content_hash", "is_byline", "is_furniture", "normalize_whitespace", "valid_unicode"]

# A line longer than this is never furniture: real sentences that merely mention
# "subscribe" or "comments" are long, prompts and buttons are short.
MAX_FURNITURE_CHARS = 160

# Lone bylines are furniture only this close (in non-empty lines) to the start or the end.
BYLINE_EDGE_LINES = 4

# Labels of page widgets (buttons, link texts) that scrapers glue to neighbouring text.
_WIDGET_LABEL = (
    r"(?:Load|Show|View|See|Read) (?:More|All)(?: (?:Comments|Stories|Articles))?"
    r"|Leave a (?:Reply|Comment)|Post a Comment|Add a Comment"
    r"|Advertisement|ADVERTISEMENT|Share this (?:article|story)"
)

# Social networks named in "Follow us on …" lines.
_SOCIAL = (
    r"(?:twitter|x|facebook|instagram|threads|tiktok|linkedin|youtube|bluesky|mastodon"
    r"|whatsapp|reddit|pinterest|flipboard|telegram)"
)

# (pattern, why it is furniture). Each pattern must match the WHOLE stripped line,
# case-insensitively; the length limit above applies to all of them.
FURNITURE_RULES: tuple[tuple[str, str], ...] = (
    # Paywall calls to action: "Start a Free Trial", "Try it free for 30 days".
    (r"(?:start|begin|try|claim|get)\b.{0,40}\bfree (?:trial|access|account|for)\b.*", "free-trial prompt"),
    # Account prompts anywhere in a short line: "… ALREADY HAVE AN ACCOUNT? SIGN IN".
    (r".*\balready (?:have an account|a (?:subscriber|member))\b.*", "sign-in prompt"),
    # Imperative "Subscribe" opening a short line or one of its sentences:
    # "Subscribe now for unlimited access", "Support local journalism. Subscribe to X today."
    (r"(?:.*[.!?:]\s+)?(?:subscribe|become a (?:subscriber|member))\b.*", "subscription prompt"),
    # Newsletter sign-ups: "Sign up for our newsletter", "Get every newsletter and all of X",
    # "Would you like to receive the X newsletter?".
    (r"(?:get|receive|sign[ -]?up|join|register)\b.{0,60}\bnewsletters?\b.*", "newsletter prompt"),
    (r"(?:would|do) you (?:like|want) to (?:receive|get|sign up for)\b.{0,60}\bnewsletters?\s*\?", "newsletter prompt"),
    # Sign-in / sign-up buttons, alone or inviting to a newsletter, alerts or an account:
    # "Sign in", "Sign up for our daily newsletter" (not "Sign up for Disney+ for $7.99").
    (r"(?:sign|log)[ -]?(?:in|up|out)(?: (?:here|now|today|for free))?\W*", "account button"),
    (
        r"(?:sign|log)[ -]?(?:in|up)\b.{0,80}"
        r"\b(?:newsletters?|alerts|e-?mails?|inbox|updates|account|to (?:comment|continue|read))\b.*",
        "account prompt",
    ),
    # Comment counters and prompts: "Comments (21)", "12 Comments", "Join X to participate
    # in the comments", "Leave a Reply", "View comments".
    (r"comments?\s*[(\[]?\s*\d[\d,]*\s*[)\]]?", "comment counter"),
    (r"\d[\d,.]*k?\s+(?:comments?|replies|responses)", "comment counter"),
    (r"join\b.{0,60}\b(?:comments?|conversation|discussion)\b\W*", "comment prompt"),
    (
        r"(?:leave|post|add|write|view|show|hide|load|read|see) (?:a |all |the )?(?:\d+ )?"
        r"(?:comments?|reply|replies)\W*",
        "comment prompt",
    ),
    # Pagination and link widgets standing alone: "Load More", "Show all".
    (r"(?:load|show|view|see|read) (?:more|all|less)\W*", "pagination button"),
    # Related-content links: "Read more: …", "READ MORE:", "More must-reads from TIME",
    # "Related: …", "See also: …", "Read the full story here."
    (r"(?:read|see|watch|listen) more\b(?! than).*", "related link"),
    (r"(?:read|see) (?:also|the full (?:story|article|report))\b.*", "related link"),
    (r"more (?:must[- ]reads?|stories|news|coverage)\b(?:\s+\S+){0,4}\W*", "related links heading"),
    # "More from TIME", but not "More from the county's news release:" introducing content.
    (r"more from(?:\s+[^\s:]+){1,4}", "related links heading"),
    # "Related: …", "Trending now", "Don't miss" (alone, or with a colon before the link text).
    (
        r"(?:related|recommended|most popular|trending|also read|must read|don['’]t miss)"
        r"(?: (?:stories|articles|content|coverage|reading|links|now))?(?:\s*[:|].*|\W*)",
        "related links heading",
    ),
    # Contact lines: "Contact us at …", "Write to Jane Doe at jane@example.com".
    (r"(?:contact|email|e-mail|write to) us\b.*", "contact line"),
    (r"write to\b.{1,80}\bat\s+\S+@\S+", "contact line"),
    # Sharing and following: "Share this article", "Share on Facebook", "Follow us on X".
    (r"share (?:this|on|via)\b.*|share the (?:story|article)\W*", "share button"),
    # A row of sharing buttons: "Share", "Tweet | Email | Print". (A lone "TikTok" may be a heading.)
    (
        r"(?:share|tweet|email|print|copy link)(?:\s*[|·•/,]?\s*(?:share|tweet|email|print|copy link))*",
        "share buttons",
    ),
    (rf"follow\b.{{0,60}}\bon {_SOCIAL}\b.*", "follow prompt"),
    # Advertising slots and skip links.
    (r"advertisement|story continues below advertisement|skip (?:to (?:main )?content|advertisement)", "ad slot"),
)

# A lone byline: "By" and one to five capitalised name words (with "and", "&", particles),
# optionally followed by ", Outlet" / "| Outlet". Case-sensitive, so "By the numbers" stays.
_BYLINE = re.compile(
    r"By:?\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|der|da|di|del|la|le|al|bin))"
    r"{0,5}(?:\s*[,|–—-]\s*[A-Z][\w .'’&-]{0,40})?"
)

_FURNITURE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in FURNITURE_RULES), re.IGNORECASE)

# A widget label glued to the start of a paragraph ("Load MoreThe past…"): the label is
# immediately followed by a capital letter or an opening quote, with no space.
_GLUED_PREFIX = re.compile(rf"^(?:{_WIDGET_LABEL})(?=[A-Z“‘\"'])")
# A widget label glued after the end of a paragraph's last sentence ("…capabilities.Leave a Reply").
_GLUED_SUFFIX = re.compile(rf"(?<=[.!?”’\"')])\s*(?:{_WIDGET_LABEL})$")

# Invisible characters that only break word matching: soft hyphen, zero-width space,
# word joiner, byte-order mark; and C0/C1 control characters other than tab and newline.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A glued label is searched for in this many last characters of a line only (long lines are common).
_SUFFIX_WINDOW = 48


def _single_blank_lines(lines: list[str]) -> str:
    """Join lines, keeping at most one empty line in a row and none at either end."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    if kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (half a UTF-16 pair, e.g. a JSON ``"\\ud83d"`` escape) replaced by U+FFFD:
    they cannot be written as UTF-8, so a stored document must not hold them."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def normalize_whitespace(text: str) -> str:
    """NFC-normalise, unify line ends, collapse spaces, trim lines, keep at most one blank line.

    Any run of horizontal whitespace (tabs, no-break and typographic spaces) becomes one
    space; soft hyphens, zero-width spaces and control characters go; lone surrogates become
    U+FFFD. Curly quotes, dashes and every other visible character are kept as they are.
    """
    text = valid_unicode(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # str.split() is the fast way to collapse and trim every kind of whitespace.
    return _single_blank_lines([" ".join(line.split()) for line in text.split("\n")])


def is_furniture(line: str) -> bool:
    """True when a stripped line is page furniture: a prompt, button, counter or related link."""
    return 0 < len(line) <= MAX_FURNITURE_CHARS and _FURNITURE.fullmatch(line) is not None


def is_byline(line: str) -> bool:
    """True when a stripped line is a lone byline such as "By Jane Doe" or "By Editor"."""
    return len(line) <= MAX_FURNITURE_CHARS and _BYLINE.fullmatch(line) is not None


def _unglue(line: str) -> str:
    """Cut a widget label glued to the start or end of a real paragraph."""
    if not line:
        return line
    line = _GLUED_PREFIX.sub("", line, count=1)
    tail_start = max(0, len(line) - _SUFFIX_WINDOW)
    glued = _GLUED_SUFFIX.search(line, tail_start)
    return line[: glued.start()] if glued else line


def _drop_edge_bylines(lines: list[str]) -> list[str]:
    """Drop lone bylines having fewer than ``BYLINE_EDGE_LINES`` other text lines before or after them.

    Bylines sit at the top or the bottom of an article; inside the body "By Kate Atkinson" may
    credit a book's author and is kept. Counting only non-byline lines keeps this idempotent.
    """
    bylines = [line.startswith("By") and is_byline(line) for line in lines]
    total = sum(1 for line, byline in zip(lines, bylines) if line and not byline)
    kept: list[str] = []
    before = 0
    for line, byline in zip(lines, bylines):
        if byline and min(before, total - before) < BYLINE_EDGE_LINES:
            continue
        kept.append(line)
        before += bool(line) and not byline
    return kept


def clean_text(text: str) -> str:
    """Return the text to store: furniture lines and edge bylines removed, whitespace and Unicode normalised."""
    lines = [_unglue(line) for line in normalize_whitespace(text).split("\n")]
    lines = [line for line in lines if not (line and is_furniture(line))]
    return _single_blank_lines(_drop_edge_bylines(lines))


def content_hash(text: str) -> str:
    """sha256 hex digest of a cleaned text (``Document.text``), so unchanged articles are not re-embedded.

    The text is hashed as given, not cleaned again: pass the output of ``clean_text``.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
