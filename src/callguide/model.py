"""The typed model of call.yaml: one class per block, unknown keys forbidden.

Derived values (caps with indirect costs, yen equivalents, the consortium
minimum) are computed here from the values they come from, never typed twice.
Cross-field rules live in ``rules.py`` so each error can name its own field.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, ConfigDict, RootModel, model_serializer, model_validator
from typing_extensions import TypedDict

from . import sides
from .model_checklist import Checklist
from .model_partners import Contact, Partner, Role
from .model_selfcheck import SelfCheck
from .types import (
    ISO_DURATION,
    SHAPE,
    Amount,
    CalendarDate,
    Count,
    Country,
    Currency,
    Digits,
    Duration,
    DurationUnit,
    FiscalYearField,
    Flag,
    GuideNote,
    Ident,
    Money,
    Month,
    MonthRange,
    RateField,
    Shaped,
    Size,
    Strict,
    Text,
    Url,
    When,
    Zone,
    fail,
)

# The side a milestone, step or part concerns: a side's id (japan, a partner's) or all of them.
Side = Annotated[str, BeforeValidator(sides.parse)]


def _form_side(value: Any) -> str:
    """The side whose form a proposal part goes in; the older words uk_form, jst_form and both_forms read
    as uk, japan and all."""
    text = str(value).strip()
    old = {"both_forms": sides.ALL, "jst_form": sides.HOME}
    if text in old:
        return old[text]
    return sides.parse(text[: -len("_form")] if text.endswith("_form") else text)


FormSide = Annotated[str, BeforeValidator(_form_side)]


def _call_id(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise fail(
            "ident",
            "a call id is lower-case letters, digits and hyphens, such as aspire-2030-japan-uk-example",
            "公募の id は aspire-2030-japan-uk-example のように、半角の小文字・数字・ハイフンだけで書いてください。",
        )
    return text




def _no_data_as_of(value: Any) -> Any:
    """``call.data_as_of`` is computed from the sources' ``checked`` dates: typing it is refused, saying where it went."""
    raise fail(
        "data_as_of",
        "the date the information was checked is now kept per source: delete this line and write `checked: YYYY-MM-DD` "
        "under each document in `sources` (the pages show the oldest of those dates)",
        "情報確認日は資料ごとに書くようになりました。この行を消し、`sources` の各資料に `checked: 年-月-日` を書いてください"
        "（ページには、そのうち最も古い日付を表示します）。",
    )


_MARKER_URL = re.compile(r"\{\{\s*([a-z0-9_]+(?:\.[a-z0-9_]+)+)\s*\}\}")


def _source_url(value: Any) -> str:
    """A source's address: a URL, or a marker naming the fact that holds it (``{{ documents.guidelines.url }}``),
    so an address is typed once; the marker is checked by ``provenance.check``."""
    text = str(value).strip()
    if _MARKER_URL.fullmatch(text):
        return text
    from .types import _url

    return _url(text)


SourceUrl = Annotated[str, BeforeValidator(_source_url)]


def _product(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9][ -~]*", text) or "//" in text or len(text) > 80:
        raise fail(
            "product",
            "the calendar's product name is one line of plain ASCII letters, digits, spaces and punctuation, without //, such as ASPIRE Japan-UK call guide",
            "カレンダーの製品名は、ASPIRE Japan-UK call guide のように、半角英数字・空白・記号（// を除く）で1行に書いてください。",
        )
    return text


# What calendar.ics names as its maker (PRODID -//callguide//<this>//EN).
CalendarProduct = Annotated[str, BeforeValidator(_product)]


# --- names ----------------------------------------------------------------------------


class Name(Strict):
    """A name the call's documents use instead of CLDR's, in one language or both."""

    ja: str | None = None
    en: str | None = None


class Names(Strict):
    """Country, region and currency names: CLDR's (Babel) by default, the call's own where set here.

    Japanese currency names default to CLDR's (日本円); English shows the ISO code (JPY 285 million)
    unless a name is set.
    """

    territories: dict[Country, Name] = {}
    currencies: dict[Currency, Name] = {}

    def territory(self, code: str, lang: str) -> str:
        from babel import Locale

        from .format import locale

        own = self.territories.get(code)
        return (own and getattr(own, lang)) or Locale.parse(locale(lang)).territories[code]

    def currency(self, code: str, lang: str) -> str:
        from .format import currency_name

        own = self.currencies.get(code)
        if own and getattr(own, lang):
            return getattr(own, lang)
        return currency_name(code, lang)


# --- the call -------------------------------------------------------------------------


class Zones(Strict):
    """The home side's zone; each partner's is in its block (``partners.<id>.zone``)."""

    japan: Zone


class CallInfo(Strict):
    id: Annotated[str, BeforeValidator(_call_id)]
    fiscal_year: FiscalYearField
    # True while next year's call is being prepared: every page says it is a draft.
    draft: Flag = False
    # True for an invented call (a test fixture): every output says it is fictional, pages are not indexed,
    # and it is never built into site/ (callguide.fictional).
    fictional: Flag = False
    name: Text
    theme_title: Text
    # The date the information was checked, shown as 「情報確認日」: computed (``Call._checked_on``) as the
    # oldest ``checked`` date of the sources, never typed here (each source has its own).
    data_as_of: Annotated[CalendarDate | None, BeforeValidator(_no_data_as_of)] = None
    zones: Zones
    language_notice: Text
    # The guide's name in the calendars' PRODID; calendar apps show it, if anywhere, as the file's maker.
    calendar_product: CalendarProduct


# --- the programme --------------------------------------------------------------------


class CallType(Strict):
    name: Text
    description: Text
    former_name: Text | None = None


class CallTypes(Strict):
    joint: CallType
    single: CallType


class Frame(Strict):
    """A frame (枠) of the single call: its direct cap, JST's published total, its length."""

    name: Text
    direct_cap: Money
    stated_total_cap: Amount
    duration: Duration


class SingleCall(Strict):
    fields: Text
    countries: Text
    support: Text
    top: Frame
    next_generation: Frame


class Programme(Strict):
    name: Text
    purpose: Text
    aims: list[Text]
    goals: list[Text]
    brain_circulation: Text
    structure: Text
    fields: list[Text]
    target_countries: list[Country]
    call_types: CallTypes
    single_call: SingleCall


# --- the joint call -------------------------------------------------------------------


class HomeFunder(Strict):
    """JST, the home side's funder (each partner's funder is in its block)."""

    name: Text


class Eligibility(Strict):
    japan: Text


class Consortium(Strict):
    min_institutions_per_country: Count
    text: Text


class Teams(Strict):
    min_outgoing: Count
    intro: Text
    japan: list[Role]


class OutgoingResearcher(Strict):
    stay: Duration
    who_intro: Text
    categories: list[Text]
    years_since_degree: Duration
    no_limit: Text


class JointCall(Strict):
    funder: HomeFunder
    funding_model: Text
    purpose: Text
    aims: list[Text]
    field: Text
    themes_intro: Text
    themes: list[Text]
    themes_note: Text
    eligibility: Eligibility
    consortium: Consortium
    expected_applicants: Text
    teams: Teams
    # The traveller rule, said once: both teams are asked to include travellers, the Japanese one must.
    travellers: Text
    outgoing_researcher: OutgoingResearcher


# --- budget ---------------------------------------------------------------------------


class JapanBudget(Strict):
    direct_cap: Money
    stated_total_cap: Amount


class JapanPeriod(Strict):
    duration: Duration
    months: MonthRange


class Periods(Strict):
    japan: JapanPeriod


class NetworkShare(Strict):
    share: RateField
    rule: Text
    examples: list[Text]
    excluded: Text


class Budget(Strict):
    indirect_rate: RateField
    japan: JapanBudget
    period: Periods
    awards: Count
    network_share: NetworkShare
    other_funding: Text


# --- duplicate applications ------------------------------------------------------------


def _letter(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[a-z]", text):
        raise fail("letter", "a rule id is one lower-case letter, such as a", "ルールの id は a のような半角小文字1文字です。")
    return text


class DuplicateRule(Strict):
    id: Annotated[str, BeforeValidator(_letter)]
    text: Text
    outcome: Literal["not_eligible", "eligible_with_consequence"]


class Duplicates(Strict):
    intro: Text
    rules: list[DuplicateRule]
    max_applications: Count
    prior_report: Text


# --- applying -------------------------------------------------------------------------


class Portal(Strict):
    name: Text
    url: Url


class Portals(Strict):
    japan: Portal


class Step(Strict):
    # japan, a partner's id or all (rules.py checks the call has the side).
    who: Side
    text: Text


class Handoff(Strict):
    """A file one team must pass to the other, and the schedule milestone it must come before.

    The seed's steps say what passes; by when is this guide's advice (its text has ``own: true``)."""

    before: Ident
    text: Text


class Apply(Strict):
    portals: Portals
    jst_form: Text
    steps: list[Step]
    handoffs: dict[Ident, Handoff] = {}
    upload_size: Size
    erad_registration: Duration
    details: Text
    late_submission: Text


class ContentPart(Strict):
    id: Ident
    title: Text
    # The side whose form the part goes in: japan (the JST form), a partner's id (its online form) or all.
    where: FormSide
    language: Literal["en", "ja"] = "en"
    points: list[Text]


class DurationRangeJSON(TypedDict):
    """A span of lengths such as 「2～3年」, each end an ISO 8601 period (P2Y)."""

    __pydantic_config__ = SHAPE
    min: ISO_DURATION
    max: ISO_DURATION


class DurationRange(Shaped, Strict):
    """A span of lengths such as 「2～3年」."""

    json_shape: ClassVar[Any] = DurationRangeJSON
    min: Digits
    max: Digits
    unit: DurationUnit

    @model_serializer
    def _json(self) -> dict[str, str]:
        from .types import _ISO_UNIT

        return {"min": f"P{self.min}{_ISO_UNIT[self.unit]}", "max": f"P{self.max}{_ISO_UNIT[self.unit]}"}


class ContentsRules(Strict):
    travel_plan_years: DurationRange


# --- evaluation -----------------------------------------------------------------------


def _roman(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[ivx]+", text):
        raise fail("roman", "a criterion id is a lower-case roman numeral, such as iv", "審査の観点の id は iv のような小文字のローマ数字です。")
    return text


class Criterion(Strict):
    id: Annotated[str, BeforeValidator(_roman)]
    title: Text
    summary: Text
    points: list[Text]
    advice: GuideNote  # our suggestion, not JST's criterion: always shown as the guide's own


class Evaluation(Strict):
    criteria: list[Criterion]


# --- research security ------------------------------------------------------------------


class Policy(Strict):
    title: Text
    issuer: Text
    date: CalendarDate


class ResearchSecurity(Strict):
    policy: Policy
    why: Text
    principles: Text
    trial: Text
    requests: Text
    additional_information: Text
    mitigation_examples: list[Text]
    publication: Text
    publication_examples: list[Text]


# --- schedule -------------------------------------------------------------------------


class Milestone(Strict):
    """One date or deadline of the call, under an id the staff choose (the schedule's key).

    A milestone whose ``when`` is a time with its zone is a deadline: it is shown in its own zone and in
    Japan time and every partner's (``shown_in`` narrows that). The optional keys after ``note`` are
    typed extras only some milestones have."""

    title: Text
    when: When
    side: Side
    tentative: Flag = False
    other_call: Flag = False
    note: Text | None = None
    # Where the call's documents disagree on this milestone: what each says (shown by the milestone).
    sources_differ: Text | None = None
    # How long before it those concerned are told (the interviews' invitations).
    notice: Duration | None = None
    # The time a side's own documents give, where it differs from ``when`` (which follows JST's
    # briefing): side id → month, such as the month UKRI's call page gives for the interviews.
    side_when: dict[Side, Month] | None = None
    # The milestone the call opens with (the status box counts from it); without one, the first.
    opens: Flag | None = None
    # A deadline only: the sides whose time it is also shown in; without it, every side's.
    shown_in: list[Side] | None = None


class Schedule(RootModel):
    """Every milestone of the call under the id the staff gave it, in time order (``rules.py``).

    Ids are what markers (``{{ schedule.erad_deadline }}``), calendar UIDs and hand-offs name, so a
    milestone keeps its id from year to year."""

    # The root's type annotated, not ``RootModel[dict[...]]``: that form makes an intermediate class
    # whose validator pydantic builds at import, in every build that validates nothing (the checked
    # call read from the cache).
    root: dict[Ident, Milestone]
    model_config = ConfigDict(frozen=True, defer_build=True)

    def milestones(self) -> list[tuple[str, Milestone]]:
        """Every milestone with its id, in the order written (checked to be in time order)."""
        return list(self.root.items())

    def __getitem__(self, name: str) -> Milestone:
        return self.root[name]

    def opening(self) -> tuple[str, Milestone]:
        """The milestone the call opens with: the one marked ``opens: true``, else the first."""
        items = self.milestones()
        return next(((n, m) for n, m in items if m.opens), items[0])


# --- contacts -------------------------------------------------------------------------


class Contacts(Strict):
    jst: Contact


# --- the whole file -------------------------------------------------------------------


# --- official documents ----------------------------------------------------------------


class Document(Strict):
    """An official page or document readers are sent to: its name, and its address once known.

    Without an address the name is shown unlinked and ``make check`` reminds staff to fill it."""

    name: Text
    url: Url | None = None


class Documents(Strict):
    jst_call_page: Document
    guidelines: Document
    guidelines_annex: Document
    application_form: Document

    def missing(self) -> list[str]:
        """The slots whose address is still empty."""
        return [name for name in type(self).model_fields if getattr(self, name).url is None]


# --- the sources ---------------------------------------------------------------------


class SourceDocument(Strict):
    """A document the call's facts come from (JST's briefing, the partner's call page, JST's guidelines).

    Blocks of facts name it by its id (``source: briefing``, provenance.py). ``checked`` is the date its
    facts were last compared with it: empty while the document is not public. The pages' 「情報確認日」
    (``call.data_as_of``) is the oldest of these dates."""

    title: Text
    url: SourceUrl | None = None
    checked: CalendarDate | None = None


class Call(Strict):
    call: CallInfo
    # The documents the facts come from, each under an id the blocks name in `source:`.
    sources: dict[Ident, SourceDocument] = {}
    names: Names = Names.model_construct()  # not Names(): validating at import would build its validator (see fact_types)
    documents: Documents
    programme: Programme
    joint_call: JointCall
    # The partner funders, in order, each under an id the staff choose (the 2025 call's is uk).
    partners: dict[Ident, Partner]
    budget: Budget
    duplicates: Duplicates
    selfcheck: SelfCheck
    apply: Apply
    contents: list[ContentPart]
    contents_rules: ContentsRules
    evaluation: Evaluation
    research_security: ResearchSecurity
    schedule: Schedule
    checklist: Checklist
    contacts: Contacts
    # Statements of this guide's own (its reading of the sources, or advice) that pages name by
    # marker; each is shown with the label 「本ガイドの補足」 / "Guide's note".
    guide_notes: dict[Ident, GuideNote] = {}

    @model_validator(mode="after")
    def _checked_on(self) -> Call:
        """``call.data_as_of``: the oldest ``checked`` date of the sources (every fact was checked on it or
        later); none while no source has one (provenance.check reports it)."""
        dates = [s.checked for s in self.sources.values() if s.checked is not None]
        if dates:
            self.call.__dict__["data_as_of"] = min(dates)  # frozen: set once, here, as the model is made
        for source in self.sources.values():  # an address named by marker: the value of that fact (typed once)
            found = _MARKER_URL.fullmatch(source.url or "")
            if found:
                value = self._at(found[1])
                if value is None or (isinstance(value, str) and value.startswith("http")):
                    source.__dict__["url"] = value
                # otherwise the marker stays and provenance.check reports it at its place
        return self

    def _at(self, path: str) -> Any:
        """The value at a dotted path of the model, or a string that is no address when there is none."""
        node: Any = self
        for part in path.split("."):
            if isinstance(node, dict):
                node = node.get(part, "-")
            else:
                node = getattr(node, part, "-") if part in getattr(type(node), "model_fields", {}) else "-"
        return node
