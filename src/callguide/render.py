"""Facts to HTML: one element per fact, carrying its path and canonical value.

Pure functions of (facts, language): nothing here knows about MkDocs. Markers
in pages and in the data's own texts both come through ``render_marker``.
"""
from __future__ import annotations

import html as html_lib
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

import markdown
import nh3
from markupsafe import Markup, escape

from . import format as fmt
from . import sides
from .blocks import FORMS as BLOCK_FORMS
from .cache import clock_read, memoised
from .errors import MarkerError
from .fact_types import FACT_TYPES
from .facts import Facts, unknown_fact
from .languages import language
from .model import Document, DurationRange, Milestone
from .status import moment, reference_time
from .types import (
    ApproxDate,
    Count,
    Deadline,
    DerivedMoney,
    Duration,
    ExchangeRate,
    FiscalYear,
    Money,
    MonthRange,
    Rate,
    Size,
    Text,
)

MARKER = re.compile(r"\{\{\s*(?P<path>[A-Za-z_][\w.]*)\s*(?:\|\s*(?P<variant>[a-z_]+)\s*)?\}\}")
ANY_MARKER = re.compile(r"\{\{(?P<body>.*?)\}\}")
# A marker's or a template's delimiter ({{ }}, {% %}, {# #}). ``{#`` right before a name or a marker is
# Markdown's attribute list (the pages' anchors: ``{#policy}``, ``{#{{ partners.uk | id }}-theme}``), not a
# comment; a comment's ``#}`` is found all the same.
_DELIMITER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#(?![\w{-])|#\}")


def stray_delimiters(text: str) -> Iterator[tuple[int, str, str, str]]:
    """Each delimiter outside a complete ``{{ … }}`` (a marker, or what is reported as a malformed one), with
    its position and what to say in English and Japanese. Only fact markers are replaced: an unclosed
    ``{{``, a template tag ``{% … %}`` or a comment ``{# … #}`` was published as typed, on pages, in
    the calendar and in the search index."""
    spans = [m.span() for m in ANY_MARKER.finditer(text)]
    for m in _DELIMITER.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        found = m.group(0)
        if found == "{{":
            yield m.start(), found, (
                "'{{' opens no marker: close it, {{ path.to.fact }}, or remove it"
            ), "「{{」が閉じられていません。{{ schedule.erad_deadline }} のように }} で閉じるか、消してください。"
        elif found == "}}":
            yield m.start(), found, (
                "'}}' closes no marker: open it, {{ path.to.fact }}, or remove it"
            ), "「}}」に対応する「{{」がありません。{{ schedule.erad_deadline }} のように書くか、消してください。"
        else:
            yield m.start(), found, (
                f"'{found}' is template syntax, which is not run here (only fact markers {{{{ path.to.fact }}}} are replaced): remove it"
            ), f"「{found}」はテンプレートの書き方で、ここでは働きません（置き換えられるのは {{{{ schedule.erad_deadline }}}} のような事実の名前だけです）。消してください。"
MAX_DEPTH = 4




@dataclass(frozen=True)
class Context:
    """What a renderer needs: the facts, the page language, the zones to convert deadlines to,
    and the moment the page describes; and, when ``shown`` is a set, where to note the path of every
    fact and data text rendered with it (``shown_by``: a page's sources count what it shows)."""

    facts: Facts
    lang: str
    shown: set[str] | None = field(default=None, compare=False, repr=False)

    @property
    def zones(self) -> list[str]:
        """Every side's zone (Japan first, then the partners'): those a deadline is shown in."""
        return list(dict.fromkeys(zone.key for _, zone in sides.zones(self.facts.call)))  # two partners may share one

    def zones_for(self, path: str) -> list[str]:
        """The zones the deadline at ``path`` is shown in: every side's, or those of its milestone's ``shown_in``."""
        milestone = self.facts.by_path.get(path.rpartition(".")[0])
        shown = milestone.shown_in if isinstance(milestone, Milestone) else None
        if shown is None or sides.ALL in shown:
            return self.zones
        return [zone.key for side, zone in sides.zones(self.facts.call) if side in shown]

    @property
    def now(self) -> datetime:
        """The moment the page describes (``status.reference_time``), fixed at the first
        reading so that everything rendered with this Context agrees. Reading it marks every
        rendering in progress as depending on the moment (``cache.memoised``): it is kept
        under the moment, not for ever."""
        clock_read()
        return self._pinned

    @cached_property
    def _pinned(self) -> datetime:
        return reference_time(self.facts)

    @cached_property
    def moment(self) -> tuple:
        """What the pages read from the clock at ``now`` (``status.moment``): the key of every
        rendering that read the clock."""
        clock_read()
        return self._moment

    @cached_property
    def _moment(self) -> tuple:
        return moment(self.facts, self._pinned)

    # What a block renders with: blocks reach the renderers through the Context they are given, so
    # that this module imports the blocks (their forms, ``VARIANTS``) and the blocks import nothing of it.

    def fact(self, path: str, variant: str | None = None) -> Markup:
        """One fact or text by path, as a marker ``{{ path | variant }}`` renders it."""
        return render_marker(path, variant, self)

    def value(self, value: Any, path: str, variant: str | None = None) -> Markup:
        return render_value(value, path, self, variant)

    def text(self, value: Text, path: str) -> Markup:
        """A data text with its guide's-own label (``text_html``)."""
        return text_html(value, path, self)

    def markdown(self, source: str, inline: bool = False) -> Markup:
        return render_text(source, self, inline=inline)

    def plain(self, path: str) -> str:
        if self.shown is not None:
            self.shown.add(path)
        return plain(self.facts, path, self.lang)

    def in_language(self, lang: str) -> Context:
        return Context(self.facts, lang, self.shown)


# --- elements -------------------------------------------------------------------------


def element(tag: str, text: str | Markup, path: str, **attrs: Any) -> Markup:
    """``<tag data-fact=path attr=…>text</tag>``; attribute names use - for _."""
    parts = [f'data-fact="{escape(path)}"'] + [f'{k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attrs.items() if v is not None]
    return Markup(f"<{tag} {' '.join(parts)}>{escape(text) if not isinstance(text, Markup) else text}</{tag}>")


def _deadline(value: Deadline, path: str, ctx: Context, convert: bool = True) -> Markup:
    moment = value.instant
    when, zone = fmt.moment_text(moment, ctx.lang)
    lg = language(ctx.lang)
    if lg.zone_abbreviated:  # BST, explained by its long name
        inner = Markup(f'{escape(when)} <abbr title="{escape(fmt.zone_long_name(moment, ctx.lang))}">{escape(zone)}</abbr>')
    else:
        inner = Markup(f"{escape(when)}{lg.open_bracket}{escape(zone)}{lg.close_bracket}")
    html = element("time", inner, path, datetime=moment.isoformat(), class_="fact-deadline")
    others = [z for z in ctx.zones_for(path) if z != value.zone] if convert else []
    for other in others:
        alt = fmt.converted_text(moment, other, ctx.lang)
        html += Markup(f'<span class="fact-alt">{lg.open_bracket}{escape(alt)}{lg.close_bracket}</span>')
    return Markup(f'<span class="fact-when">{html}</span>') if others else html


def _money(value: Money, path: str, ctx: Context) -> Markup:
    return element("data", fmt.money(value.amount, value.currency, ctx.lang, currency_names(ctx)), path, value=value.amount, data_currency=value.currency)


def currency_names(ctx: Context) -> dict[str, str]:
    """The call's own currency names in the page language (call.yaml ``names.currencies``)."""
    names = ctx.facts.call.names
    return {code: names.currency(code, ctx.lang) for code in names.currencies}


def _derived_money(value: DerivedMoney, path: str, ctx: Context) -> Markup:
    return _money(value.as_stated(), f"{path}.stated", ctx)


def _derived_money_exact(value: DerivedMoney, path: str, ctx: Context) -> Markup:
    return _money(value.as_exact(), path, ctx)


def _date(value: date, path: str, ctx: Context) -> Markup:
    return element("time", fmt.day(value, ctx.lang), path, datetime=value.isoformat())


def _month(value: str, path: str, ctx: Context) -> Markup:
    return element("time", fmt.month(value, ctx.lang), path, datetime=value)


def _approx(value: ApproxDate, path: str, ctx: Context) -> Markup:
    return element("time", fmt.approx_date(value, ctx.lang), path, datetime=value.month, data_part=value.part)


def _range(value: MonthRange, path: str, ctx: Context) -> Markup:
    return element("data", fmt.month_range(value, ctx.lang), path, value=value.iso)


def _duration(value: Duration, path: str, ctx: Context) -> Markup:
    return element("data", fmt.duration(value, ctx.lang), path, value=value.iso)


def _duration_range(value: DurationRange, path: str, ctx: Context) -> Markup:
    json = value.model_dump()
    return element("data", fmt.duration_range(value.min, value.max, value.unit, ctx.lang), path, value=f"{json['min']}/{json['max']}")


def _size(value: Size, path: str, ctx: Context) -> Markup:
    return element("data", fmt.size(value, ctx.lang), path, value=value.bytes)


def _count(value: Count, path: str, ctx: Context) -> Markup:
    return element("data", fmt.count(value, ctx.lang), path, value=value.value)


def _rate(value: Rate, path: str, ctx: Context) -> Markup:
    return element("data", fmt.percent(value.value, ctx.lang, value.approx), path, value=_plain(value.value))


def _exchange(value: ExchangeRate, path: str, ctx: Context) -> Markup:
    return element("data", fmt.exchange(value.base, value.quote, value.value, ctx.lang, currency_names(ctx)), path, value=_plain(value.value))


def _fiscal_year(value: FiscalYear, path: str, ctx: Context) -> Markup:
    return element("data", fmt.fiscal_year(value, ctx.lang), path, value=str(int(value)))


def _fiscal_year_short(value: FiscalYear, path: str, ctx: Context) -> Markup:
    return element("data", fmt.fiscal_year_short(value, ctx.lang), path, value=str(int(value)))


def _calendar_year(value: FiscalYear, path: str, ctx: Context) -> Markup:
    return element("data", fmt.calendar_year(value, ctx.lang), path, value=str(int(value)))


def _plain(value: Any) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _string(value: str, path: str, ctx: Context) -> Markup:
    if value.startswith("https://"):
        return element("a", value, path, href=value, class_="fact-url")
    if "@" in value:
        return element("a", value, path, href=f"mailto:{value}", class_="fact-email")
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return _month(value, path, ctx)
    raise MarkerError(f"'{path}' is an identifier, not something to show on a page", f"「{path}」は内部用の id で、ページに表示するものではありません。別の事実を指定してください。")


def _document(value: Document, path: str, ctx: Context) -> Markup:
    """The document's name, linked to it once call.yaml gives its address."""
    name = value.name[ctx.lang]
    if value.url:
        return element("a", name, path, href=value.url, class_="fact-document")
    return element("span", name, path, class_="fact-document")


def _milestone(value: Milestone, path: str, ctx: Context) -> Markup:
    html = render_value(value.when, f"{path}.when", ctx)
    if value.tentative:
        label = TENTATIVE[ctx.lang]
        # The space before the English label stays outside the span: the PDF's tagged text keeps a space
        # between two elements, not one at the start of an element that a soft line break drops.
        words = label.lstrip()
        html += Markup(f'{label[: len(label) - len(words)]}<span class="fact-tentative">{words}</span>')
    return html


# The mark of a milestone whose date is not yet final (calendars use it too).
TENTATIVE = {"ja": "（予定）", "en": " (provisional)"}


def _text(value: Text, path: str, ctx: Context, depth: int = 0) -> Markup:
    return text_html(value, path, ctx, depth + 1)


# The label that marks a statement of this guide's own (``Text.own``) wherever it is shown; its
# plain form reads as a prefix in titles, calendars and the PDF.
OWN_LABEL = {"ja": "本ガイドの補足：", "en": "Guide's note: "}
_BLOCK = re.compile(r"<(?:p|ul|ol)[ >]")


def text_html(value: Text, path: str, ctx: Context, depth: int = 1) -> Markup:
    """A data text in the page's language as HTML; a text of the guide's own comes with its label,
    inline (a span) or, for a text of paragraphs or lists, as a block (a div)."""
    if ctx.shown is not None:  # shown as words, with no data-fact element of its own
        ctx.shown.add(path)
    html = render_text(value[ctx.lang], ctx, depth=depth, inline=True)
    if not value.own:
        return html
    label = OWN_LABEL[ctx.lang].rstrip()
    space = OWN_LABEL[ctx.lang][len(label):]
    if _BLOCK.search(html):
        return Markup(f'<div class="guide-own" data-own="{escape(path)}"><p class="guide-own__label">{escape(label)}</p>{html}</div>')
    return Markup(f'<span class="guide-own" data-own="{escape(path)}"><span class="guide-own__label">{escape(label)}</span>{space}{html}</span>')


def _text_list(value: list, path: str, ctx: Context, tag: str = "ul") -> Markup:
    if not value or not all(isinstance(v, Text) for v in value):
        raise MarkerError(f"'{path}' is not a list of texts", f"「{path}」は文章の一覧ではないので、この表示形式は使えません。")
    items = "".join(f"<li>{text_html(v, f'{path}.{i}', ctx)}</li>" for i, v in enumerate(value))
    return Markup(f"<{tag}>{items}</{tag}>")


def _countries(value: list, path: str, ctx: Context) -> Markup:
    names = ctx.facts.call.names
    items = "".join(f'<li><data value="{escape(code)}">{escape(names.territory(code, ctx.lang))}</data></li>' for code in value)
    return Markup(f'<ul class="countries">{items}</ul>')


Renderer = Callable[[Any, str, Context], Markup]

# The renderer of each kind of fact (fact_types.FACT_TYPES); a value takes the first row of that
# table it is an instance of (DerivedMoney before Money).
RENDERERS: dict[type, Renderer] = {
    Deadline: _deadline,
    DerivedMoney: _derived_money,
    Money: _money,
    ApproxDate: _approx,
    MonthRange: _range,
    Duration: _duration,
    DurationRange: _duration_range,
    Size: _size,
    Count: _count,
    Rate: _rate,
    ExchangeRate: _exchange,
    FiscalYear: _fiscal_year,
    Milestone: _milestone,
    Document: _document,
    Text: _text,
    date: _date,
    str: _string,
}
DEFAULT: list[tuple[type, Renderer]] = [(row.kind, RENDERERS[row.kind]) for row in FACT_TYPES]

# The forms a marker can ask for (``{{ path | form }}``): these, and the blocks' (blocks.FORMS).
FORMS: dict[str, tuple[type, Renderer]] = {
    "exact": (DerivedMoney, _derived_money_exact),
    "local": (Deadline, lambda v, p, c: _deadline(v, p, c, convert=False)),
    "list": (list, _text_list),
    "ol": (list, lambda v, p, c: _text_list(v, p, c, "ol")),
    "countries": (list, _countries),
    "year": (FiscalYear, _calendar_year),
    "fy": (FiscalYear, _fiscal_year_short),
}
VARIANTS: dict[str, tuple[type, Renderer]] = {**FORMS, **BLOCK_FORMS}


def render_value(value: Any, path: str, ctx: Context, variant: str | None = None) -> Markup:
    if ctx.shown is not None and variant not in BLOCK_FORMS:  # a block notes the parts it shows, not itself
        ctx.shown.add(path)
    if variant:
        if variant not in VARIANTS:
            known = ", ".join(sorted(VARIANTS))
            raise MarkerError(f"unknown form '| {variant}' (known: {known})", f"「| {variant}」という表示形式はありません。使えるのは次のものです: {known}")
        kind, renderer = VARIANTS[variant]
        if not isinstance(value, kind):
            raise MarkerError(
                f"'| {variant}' cannot show '{path}' ({type(value).__name__})", f"表示形式「| {variant}」では「{path}」を表示できません。「| {variant}」を消すか、別の形式にしてください。"
            )
        return renderer(value, path, ctx)
    for kind, renderer in DEFAULT:
        if isinstance(value, kind):
            return renderer(value, path, ctx)
    raise MarkerError(
        f"'{path}' is a group of facts; name one of its parts or a form such as '| list'",
        f"「{path}」は複数の事実のまとまりです。その中の一つ（{path}.… の形）を指定するか、「| list」などの表示形式を付けてください。",
    )


def render_marker(path: str, variant: str | None, ctx: Context, depth: int = 0) -> Markup:
    """Render one marker, or raise MarkerError saying what is wrong with it.

    Memoised per Facts (``cache.memoised``): a build renders the same marker many times (the page
    check, every page, the PDF, blocks that repeat facts), and the check's renderings are kept with
    the checked data. A rendering that read the clock, itself or through anything it includes, is
    kept under the moment (``Context.moment``) and rendered afresh at another one.
    """
    html = memoised(ctx.facts, (ctx.lang, path, variant, depth), lambda: ctx.moment, lambda: _render_marker(path, variant, ctx, depth))
    if ctx.shown is not None:
        ctx.shown.update(shown_by(path, variant, ctx, depth))
    return html


def shown_by(path: str, variant: str | None, ctx: Context, depth: int = 0) -> frozenset[str]:
    """The paths of the facts and data texts the marker shows: the values (each also a ``data-fact``
    element), and the texts, which are words with no element of their own (a criterion's points, a
    partner's assessment), through any text or block it includes.

    Found by rendering the marker once with a Context that notes what is rendered, and kept as its
    rendering is (``cache.memoised``; under the moment when the rendering read the clock): the texts
    and blocks it includes answer from their own kept sets.
    """

    def record() -> frozenset[str]:
        noting = Context(ctx.facts, ctx.lang, set())
        for pinned in ("_pinned", "_moment"):  # the same moment as the rendering it describes
            if pinned in ctx.__dict__:
                noting.__dict__[pinned] = ctx.__dict__[pinned]
        _render_marker(path, variant, noting, depth)
        return frozenset(noting.shown)

    return memoised(ctx.facts, ("shown", ctx.lang, path, variant, depth), lambda: ctx.moment, record)


def _render_marker(path: str, variant: str | None, ctx: Context, depth: int) -> Markup:
    if depth > MAX_DEPTH:
        raise MarkerError(f"'{path}' names texts that name each other in a loop", f"「{path}」の文章どうしが互いを指していて、終わりがありません。文章の中の {{{{ … }}}} を見直してください。")
    if path not in ctx.facts:
        raise MarkerError(*unknown_fact(ctx.facts, path))
    value = ctx.facts.get(path)
    if value is None:  # an optional fact the data leaves out (or deleted): say so, not what a form cannot show
        raise MarkerError(
            f"'{path}' has no value in the data file: give it one in call.yaml, or remove this marker (in both languages: the page's or text's Japanese and English)",
            f"「{path}」は call.yaml に値がありません。call.yaml に値を書くか、このマーカーを消してください（ページや文章の日本語と英語の両方から）。",
        )
    if isinstance(value, Text) and not variant:
        return _text(value, path, ctx, depth)
    return render_value(value, path, ctx, variant)


# --- texts from the data --------------------------------------------------------------

_ALLOWED_TAGS = {"a", "em", "strong", "code", "br", "abbr", "p", "ul", "ol", "li"}
_ALLOWED_ATTRS = {"a": {"href", "title"}, "abbr": {"title"}}
_TOKEN = "\ue000{}\ue001"
# A one-line text with nothing Markdown or HTML would act on (most texts in call.yaml): Markdown and
# the sanitiser would only wrap it in <p> and escape it, so that is done directly (the test of
# render_text compares both ways on every text of the data).
_PLAIN = re.compile(r"(?! {4})(?![ \t]*(?:[-+*>#=]|\d+[.)])(?:[ \t]|$))[^\\`*_\[\]<>&#!{}|~\n\r\t\u00a0:/]*")


def plain_paragraph(text: str) -> str | None:
    """The HTML of a text Markdown would only wrap in <p> and escape; None for any other text."""
    if text != text.strip() or not _PLAIN.fullmatch(text):
        return None
    return f"<p>{html_lib.escape(text, quote=False)}</p>"


_LOCAL = threading.local()


def _markdown() -> markdown.Markdown:
    """One Markdown converter per thread, reset between texts (building one per text costs more than converting)."""
    if not hasattr(_LOCAL, "md"):
        _LOCAL.md = markdown.Markdown()
    return _LOCAL.md


def render_text(source: str, ctx: Context, depth: int = 0, inline: bool = False) -> Markup:
    """A data text as safe HTML: markers become fact elements, Markdown is rendered, the rest sanitised."""
    rendered: list[Markup] = []

    def keep(match: re.Match) -> str:
        rendered.append(render_marker(match["path"], match["variant"], ctx, depth))
        return _TOKEN.format(len(rendered) - 1)

    text = MARKER.sub(keep, source)
    html = plain_paragraph(text)
    if html is None:
        html = _markdown().reset().convert(text)
        html = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, url_schemes={"https", "mailto"}, link_rel=None)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    for i, fact in enumerate(rendered):
        html = html.replace(_TOKEN.format(i), str(fact))
    return Markup(html)


def plain_text(source: str, ctx: Context) -> str:
    """A data text as plain text, its markers rendered as they read on a page.

    For places that take no HTML: the site name and page titles, the PDF title, calendar entries.
    """
    return as_plain(render_text(source, ctx, inline=True))


def as_plain(markup: str) -> str:
    """Rendered HTML as its text: tags dropped by the sanitiser, entities decoded."""
    return html_lib.unescape(nh3.clean(str(markup), tags=set())).strip()


def plain(facts: Facts, path: str, lang: str) -> str:
    """A text fact as plain text in one language (the call's name in titles, calendars, the PDF)."""
    return plain_text(facts.get(path)[lang], Context(facts, lang))
