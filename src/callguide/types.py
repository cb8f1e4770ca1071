"""Fact types: values that know their meaning, their canonical form and their checks.

The loader hands every scalar over as the string that was typed. These types
parse those strings strictly (``yes`` is not a boolean, ``285,000,000`` is not
an amount) and say in plain words what was expected.
"""
from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, ClassVar, Literal
from zoneinfo import ZoneInfo, available_timezones

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    TypeAdapter,
    field_validator,
    model_serializer,
)
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from .languages import CODES, language


class Strict(BaseModel):
    """Base for every block of call.yaml: unknown keys are errors, values are frozen.

    In call.json a field with a default is always written, so call.json's schema (the serialization
    schema) requires it; the editor schema of call.yaml (the validation schema) does not.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True, json_schema_serialization_defaults_required=True)


class Shaped:
    """A model whose own serializer writes another shape than its fields (``Deadline`` writes one aware
    ``at``): ``json_shape`` describes that shape, so call.json's schema says what call.json holds.
    The editor schema of call.yaml still describes the fields."""

    json_shape: ClassVar[Any]

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        if handler.mode == "serialization":
            return handler(TypeAdapter(cls.json_shape).core_schema)
        return super().__get_pydantic_json_schema__(core_schema, handler)  # type: ignore[misc]


# The shapes' keys are all their keys: additionalProperties false in the schema.
SHAPE = ConfigDict(extra="forbid")
ISO_DURATION = Annotated[str, Field(pattern=r"^P\d+[YMWD]$")]


def fail(code: str, message: str, ja: str, **ctx: Any) -> PydanticCustomError:
    """A validation error in English and Japanese; ``{name}`` in either text is filled from ``ctx``."""
    return PydanticCustomError(code, message, {**ctx, "ja": ja.format(**ctx)})


# --- scalars -------------------------------------------------------------------------


# The largest numbers call.yaml may hold, as counts of digits: far above anything a call means, and far
# inside what the pages can write. Babel formats through Python's decimal context of 28 digits (with three
# decimal places, so an integer part of 25 digits at most: beyond it, decimal.InvalidOperation), and the
# planner's scripts compute with the browser's exact integers (Number.MAX_SAFE_INTEGER, about 9 × 10^15).
# - An amount: below 10^15 (1000兆) units of its currency. Japan's whole national budget is about
#   1.1 × 10^14 yen; no research call's cap comes near it in any currency. Amounts computed from it stay
#   within Babel's range: a cap in yen (cap × an exchange rate below 10^6) under 10^21, the largest cost
#   basis (cap / a share of at least 0.0001, see RATE_DECIMALS) under 10^19.
# - A count, a length or a file size: below 10^6 (a million projects, years, or GB).
AMOUNT_DIGITS = 15
NUMBER_DIGITS = 6
_AMOUNT = (
    "a number of {n} digits is too large for an amount: an amount has at most {most} digits (less than {limit}); check the number",
    "{n} 桁の数は金額としては大きすぎます。金額は {most} 桁まで（{limit} 未満）です。桁数を確かめてください。",
)
_NUMBER = (
    "a number of {n} digits is too large here: a count, a length or a size has at most {most} digits (less than {limit}); check the number",
    "{n} 桁の数はここでは大きすぎます。件数・期間・サイズは {most} 桁まで（{limit} 未満）です。桁数を確かめてください。",
)


def _digits(value: Any, most: int = NUMBER_DIGITS, too_large: tuple[str, str] = _NUMBER) -> int:
    """A whole number as typed, of at most ``most`` digits (its digits are counted before it is read: Python
    refuses to read an int of more than 4300 digits). An int handed over by code is taken as it is."""
    if isinstance(value, bool):
        raise fail("digits", "write a whole number in digits", "整数を数字で書いてください。")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        n = len(text.lstrip("0"))
        if n > most:
            raise fail("digits", too_large[0], too_large[1], n=n, most=most, limit=str(10**most))
        return int(text)
    if re.fullmatch(r"\d{1,3}([,_]\d{3})+", text):
        raise fail(
            "digits",
            "write the number as digits only, without separators: {plain}",
            "数字だけで書いてください（カンマなどの区切りは入れません）: {plain}",
            plain=re.sub(r"[,_]", "", text),
        )
    raise fail("digits", "write a whole number in digits, such as 2500000 (got '{got}')", "2500000 のように整数を半角数字で書いてください（「{got}」と書かれています）。", got=text)


def _amount(value: Any) -> int:
    return _digits(value, AMOUNT_DIGITS, _AMOUNT)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise fail("flag", "write true or false (got '{got}')", "true（はい）か false（いいえ）のどちらかを書いてください（「{got}」と書かれています）。", got=value)


def _decimal(value: Any) -> Decimal:
    text = str(value).strip()
    if text.endswith("%"):
        try:
            as_rate = Decimal(text[:-1].strip()) / 100
        except InvalidOperation:
            as_rate = None  # not a number before the %: the message below, with no made-up conversion
        if as_rate is not None:
            raise fail(
                "decimal",
                "write a rate as a decimal, not a percentage: {pct} is {rate}",
                "率はパーセントではなく小数で書いてください。{pct} なら {rate} です。",
                pct=text,
                rate=str(as_rate.normalize()),
            )
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise fail("decimal", "write a decimal number such as 0.25 (got '{got}')", "0.25 のような小数を半角で書いてください（「{got}」と書かれています）。", got=text)
    return Decimal(text)


def _nonempty(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("text", "write text here, not a list or a block", "ここには文章を1つ書いてください（「- 」の並びやキーのまとまりではなく）。")
    if not value.strip():
        raise fail("empty", "the text is empty", "文章が空です。内容を書いてください。")
    return value.strip()


# A count, a length or a size (at most NUMBER_DIGITS digits), and an amount of money (at most AMOUNT_DIGITS).
Digits = Annotated[int, BeforeValidator(_digits)]
Amount = Annotated[int, BeforeValidator(_amount)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Text_ = Annotated[str, BeforeValidator(_nonempty)]


def _ident(value: Any) -> str:
    text = _nonempty(value)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", text):
        raise fail("ident", "an id is lower-case letters, digits and _ (got '{got}')", "id は半角の小文字・数字・_ だけで書いてください（「{got}」と書かれています）。", got=text)
    return text


Ident = Annotated[str, BeforeValidator(_ident)]


def _iso_date(value: Any) -> date:
    text = _nonempty(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise fail("date", "write a date as YYYY-MM-DD, such as 2030-10-31 (got '{got}')", "日付は 2030-10-31 のように 年-月-日 で書いてください（「{got}」と書かれています）。", got=text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise fail("date", "{got} is not a day of the calendar", "{got} という日はありません。日付を確かめてください。", got=text) from None


CalendarDate = Annotated[date, BeforeValidator(_iso_date)]


def _month(value: Any) -> str:
    text = _nonempty(value)
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise fail("month", "write a month as YYYY-MM, such as 2030-10 (got '{got}')", "月は 2030-10 のように 年-月 で書いてください（「{got}」と書かれています）。", got=text)
    return text


Month = Annotated[str, BeforeValidator(_month)]


class FiscalYear(int):
    """A Japanese fiscal year (年度) by the calendar year it starts in: 2025 is 2025年度 (April 2025 – March 2026)."""


def _fiscal_year(value: Any) -> FiscalYear:
    text = str(value).strip()
    if isinstance(value, bool) or not re.fullmatch(r"20\d{2}", text):
        raise fail(
            "fiscal_year",
            "write the fiscal year (年度) as four digits, such as 2030 (got '{got}')",
            "年度は 2030 のように西暦4桁で書いてください（「{got}」と書かれています）。",
            got=text,
        )
    return FiscalYear(int(text))


FiscalYearField = Annotated[
    FiscalYear,
    PlainValidator(_fiscal_year, json_schema_input_type=int | str),
    PlainSerializer(int, return_type=int),
]


# --- bilingual text ------------------------------------------------------------------


class Text(Strict):
    """A text in both languages. Both are required: no language falls back to the other.

    ``own: true`` marks a statement that is this guide's own (its reading of the sources, or its
    advice), not something JST's or the partner's documents say: every page, the PDF and call.json
    show it with the label 「本ガイドの補足」 / "Guide's note" at the statement itself, so a reader
    can tell the two apart and a reviewer can list every such statement (``Facts.own_texts``).
    """

    ja: Text_
    en: Text_
    own: Flag = Field(default=False, exclude_if=lambda own: not own)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, language(lang).code)


class GuideNote(Text):
    """A statement of this guide's own, kept under ``guide_notes`` for pages to name by marker
    (``{{ guide_notes.plan_early }}``): always ``own``, so it needs no flag in the data."""

    own: Flag = True

    @field_validator("own")
    @classmethod
    def _always_own(cls, own: bool) -> bool:
        if not own:
            raise fail("own", "a guide note is always the guide's own: delete 'own: false'", "guide_notes の文章は常に本ガイドの補足です。「own: false」を消してください。")
        return own


# --- places -------------------------------------------------------------------------


def _country(value: Any) -> str:
    from babel import Locale

    text = str(value).strip()
    if text not in Locale.parse("en").territories or not re.fullmatch(r"[A-Z]{2}", text):
        raise fail(
            "country",
            "'{got}' is not a two-letter country or region code (ISO 3166, such as GB or NO)",
            "「{got}」は国・地域のコードではありません。GB（英国）や NO（ノルウェー）のように大文字2文字で書いてください。",
            got=text,
        )
    return text


Country = Annotated[str, BeforeValidator(_country)]


# --- money, rates, counts --------------------------------------------------------------

def _currency(value: Any) -> str:
    """An ISO 4217 code that CLDR names (EUR, GBP, JPY, …): its names, in both languages, come from CLDR."""
    text = _nonempty(value)
    if text not in _currencies():
        close = _close_currency(text.upper())
        raise fail(
            "currency",
            "unknown currency code '{got}' (an ISO 4217 code such as JPY, GBP or EUR){hint}",
            "「{got}」という通貨コードはありません。JPY、GBP、EUR のように ISO 4217 の大文字3文字で書いてください。{hint_ja}",
            got=text,
            hint=f"; did you mean {close[0]}?" if close else "",
            hint_ja=f"{close[0]} の書き間違いではありませんか。" if close else "",
        )
    return text


@functools.cache
def _currencies() -> frozenset[str]:
    """The ISO 4217 codes CLDR knows (Babel's list, current and historic)."""
    from babel.numbers import list_currencies

    return frozenset(code for code in list_currencies() if re.fullmatch(r"[A-Z]{3}", code))


@functools.cache
def _current_currencies() -> tuple[str, ...]:
    """The currencies some territory uses today (CLDR), the ones a hint suggests."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    today = date.today()
    return tuple(sorted({c for t in Locale.parse("en").territories for c in get_territory_currencies(t, today, tender=True)}))


def _close_currency(code: str) -> list[str]:
    """The code meant: itself in capitals, the same letters in another order (GPB), or a current code one letter off."""
    import difflib

    from babel.numbers import get_currency_name

    if code in _currencies():
        return [code]
    current = _current_currencies()
    named = [c for c in current if code in get_currency_name(c, locale="en").upper().split()]
    if len(named) == 1:  # the currency's English name: YEN is JPY, EURO is EUR
        return named
    if len(code) != 3:
        return difflib.get_close_matches(code, current, n=1)
    swapped = [c for c in current if sorted(c) == sorted(code)]
    # One letter off, the ones that keep the most leading letters first (EUX: EUR before UGX).
    off = sorted((c for c in current if sum(a != b for a, b in zip(c, code)) == 1), key=lambda c: (c[:2] != code[:2], c[0] != code[0], c))
    return (swapped or off)[:1]


# Any currency by its ISO code; call.json's schema says only "three capital letters", the check is CLDR's list.
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$"), BeforeValidator(_currency)]


class Money(Strict):
    """An amount in a currency; amounts are whole units of the currency."""

    amount: Amount
    currency: Currency

    @field_validator("amount")
    @classmethod
    def _something(cls, amount: int) -> int:
        """Every amount the data types is a cap (budget.japan, the single call's frames, a partner's), so 0
        is refused: it published "up to JPY 0". A partner whose funder states no cap has no ``cap`` line.
        (Said here, not in the class's docstring: that one is the published schema's description.)"""
        if amount <= 0:
            raise fail(
                "amount",
                "a cap of 0 funds nothing: write the amount the call gives (where a partner's funder states no cap, delete the cap line)",
                "上限額が 0 になっています。公募が示す金額を書いてください（相手国側の機関が上限を示していない場合は、cap の行を消してください）。",
            )
        return amount


class DerivedMoneyJSON(TypedDict):
    """An amount computed from others (``amount``, whole units) with the rounded figure the funder publishes (``stated``)."""

    __pydantic_config__ = SHAPE
    amount: int
    currency: Currency
    stated: int


class DerivedMoney(Shaped, BaseModel):
    """An amount computed from others, with the rounded figure the funder publishes."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    json_shape: ClassVar[Any] = DerivedMoneyJSON
    amount: int
    currency: Currency
    stated: int
    rule: Text | None = None

    def as_stated(self) -> Money:
        return Money(amount=self.stated, currency=self.currency)

    def as_exact(self) -> Money:
        return Money(amount=self.amount, currency=self.currency)

    @model_serializer
    def _json(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency, "stated": self.stated}


# Decimal places a rate may have: 0.0001 is 0.01 %, finer than any share a call states, and the smallest
# rate a cost basis is divided by (cap / share: see AMOUNT_DIGITS).
RATE_DECIMALS = 4


def _rate_value(value: Any) -> Decimal:
    rate = _decimal(value)
    if -rate.as_tuple().exponent > RATE_DECIMALS:
        raise fail(
            "rate",
            "write a rate with at most four decimal places, such as 0.225 (got '{got}')",
            "率は 0.225 のように小数第4位までで書いてください（「{got}」と書かれています）。",
            got=str(value).strip(),
        )
    if not (0 < rate <= 1):
        raise fail("rate", "a rate lies between 0 and 1, such as 0.25 for 25% (got {got})", "率は 0 より大きく 1 以下の小数です。25% なら 0.25 と書きます（{got} と書かれています）。", got=str(rate))
    return rate


def _wrap_scalar(value: Any) -> Any:
    return {"value": value} if isinstance(value, (str, int, float)) else value


class ApproxRateJSON(TypedDict):
    """A share the call states as approximate (「程度」); an exact share is written as a bare number."""

    __pydantic_config__ = SHAPE
    value: Annotated[float, Field(gt=0, le=1)]
    approx: Literal[True]


class Rate(Shaped, Strict):
    """A share such as 0.3 (30 %); ``approx`` for JST's 「程度」."""

    json_shape: ClassVar[Any] = Annotated[float, Field(gt=0, le=1)] | ApproxRateJSON
    value: Annotated[Decimal, BeforeValidator(_rate_value)]
    approx: Flag = False

    @model_serializer
    def _json(self) -> Any:
        return {"value": float(self.value), "approx": self.approx} if self.approx else float(self.value)


RateField = Annotated[Rate, BeforeValidator(_wrap_scalar, json_schema_input_type=float | Rate)]


# What an exchange rate may be (``ExchangeRate._of_a_currency`` says why).
EXCHANGE_RATE_MIN = Decimal("0.0002")
EXCHANGE_RATE_MAX = Decimal("10000")

# Digits an exchange rate may have before its decimal point, counted in the text as written (Decimal reads any
# length; the guard is against numbers too long to format, see AMOUNT_DIGITS). What a rate may really be is
# narrower, EXCHANGE_RATE_MIN to EXCHANGE_RATE_MAX, checked once it is read (``ExchangeRate._of_a_currency``).
EXCHANGE_DIGITS = 6


def _exchange_value(value: Any) -> Decimal:
    rate = _decimal(value)
    n = len(str(value).strip().partition(".")[0].lstrip("0"))
    if n > EXCHANGE_DIGITS:
        raise fail(
            "exchange_rate",
            "an exchange rate of {n} digits before the decimal point is too large: at most {most} (less than {limit}); check the number",
            "換算レートの整数部分が {n} 桁あり、大きすぎます。{most} 桁まで（{limit} 未満）です。桁数を確かめてください。",
            n=n,
            most=EXCHANGE_DIGITS,
            limit=str(10**EXCHANGE_DIGITS),
        )
    return rate


class ExchangeRateJSON(TypedDict):
    """How many units of ``quote`` one unit of ``base`` is worth, as the call fixes it."""

    __pydantic_config__ = SHAPE
    base: Currency
    quote: Currency
    value: float


class ExchangeRate(Shaped, Strict):
    """How many units of ``quote`` one unit of ``base`` is worth, as the call fixes it."""

    json_shape: ClassVar[Any] = ExchangeRateJSON
    base: Currency
    quote: Currency
    value: Annotated[Decimal, BeforeValidator(_exchange_value)]

    @field_validator("value")
    @classmethod
    def _of_a_currency(cls, value: Decimal, info) -> Decimal:
        """A rate some currency could have: one unit of any currency in use is worth between about JPY 0.002
        (a Lebanese pound, an Iranian rial) and about JPY 500 (a Kuwaiti dinar); the bounds lie ten times
        and twenty times beyond. A rate of 0 published "GBP 1 = JPY 0" and a cap of about JPY 0, and a
        slip of the decimal point (0.0000001) passed as well."""
        if not (EXCHANGE_RATE_MIN <= value <= EXCHANGE_RATE_MAX):
            base, quote = info.data.get("base"), info.data.get("quote", "JPY")
            # An unknown currency is read as the yen (model_partners) and reported there: no "one JPY" here.
            known = bool(base) and base != quote
            raise fail(
                "exchange_rate",
                "no currency is worth {quote} {got} for one {base}: write how many {quote} one {base} is worth in the call, "
                "such as 190 (a rate lies between {low} and {high})",
                "{one} が {got}{quote} という換算レートはありえません。公募が示す {one} あたりの{quote}の額を、190 のように書いてください"
                "（{low} から {high} までの数です）。",
                got=format(value, "f"),
                base=base if known else "unit of the partner's currency",
                one=f"1{base}" if known else "相手国側の通貨1単位",
                quote=quote,
                low=str(EXCHANGE_RATE_MIN),
                high=str(EXCHANGE_RATE_MAX),
            )
        return value

    @model_serializer
    def _json(self) -> Any:
        return {"base": self.base, "quote": self.quote, "value": float(self.value)}


Bound = Literal["at_least", "at_most"]
CountUnit = Literal["project", "application", "institution", "person"]


class Count(Strict):
    """A number of things; ``approx`` for 「程度」, ``bound`` for 以上/以内."""

    value: Digits
    unit: CountUnit
    approx: Flag = False
    bound: Bound | None = None

    @field_validator("value")
    @classmethod
    def _one_at_least(cls, value: int) -> int:
        """At least 1: every count of the call (awards, applications allowed, institutions and travellers
        required) reads as nothing at 0 ("about 0 projects", "at most 0 applications"); a requirement the
        call drops is deleted with its texts, not set to 0."""
        if value < 1:
            raise fail("count", "a number of things is at least 1 (got {got})", "数は 1 以上です（{got} と書かれています）。公募が示す数を書いてください。", got=str(value))
        return value


DurationUnit = Literal["year", "month", "week", "day"]
_ISO_UNIT = {"year": "Y", "month": "M", "week": "W", "day": "D"}


class DurationJSON(TypedDict):
    """A length of time as an ISO 8601 period (P5Y); ``approx`` for 「程度」, ``bound`` for 以上/以内 (null: exactly)."""

    __pydantic_config__ = SHAPE
    duration: ISO_DURATION
    approx: bool
    bound: Bound | None


class Duration(Shaped, Strict):
    """A length of time such as 5 years or about 1 year; canonical ISO 8601 (P5Y)."""

    json_shape: ClassVar[Any] = DurationJSON
    value: Digits
    unit: DurationUnit
    approx: Flag = False
    bound: Bound | None = None

    @property
    def iso(self) -> str:
        return f"P{self.value}{_ISO_UNIT[self.unit]}"

    @model_serializer
    def _json(self) -> dict[str, Any]:
        return {"duration": self.iso, "approx": self.approx, "bound": self.bound}


SizeUnit = Literal["KB", "MB", "GB"]
_SIZE_FACTOR = {"KB": 10**3, "MB": 10**6, "GB": 10**9}


class SizeJSON(TypedDict):
    """A file size in bytes (decimal units: 8 MB = 8,000,000 bytes); ``bound`` for 以上/以内 (null: exactly)."""

    __pydantic_config__ = SHAPE
    bytes: int
    approx: bool
    bound: Bound | None


class Size(Shaped, Strict):
    """A file size; canonical in bytes (decimal units: 8 MB = 8,000,000 bytes)."""

    json_shape: ClassVar[Any] = SizeJSON
    value: Digits
    unit: SizeUnit
    approx: Flag = False
    bound: Bound | None = None

    @property
    def bytes(self) -> int:
        return self.value * _SIZE_FACTOR[self.unit]

    @model_serializer
    def _json(self) -> dict[str, Any]:
        return {"bytes": self.bytes, "approx": self.approx, "bound": self.bound}


# --- addresses ------------------------------------------------------------------------


def _email(value: Any) -> str:
    text = _nonempty(value)
    if text.startswith("mailto:"):
        raise fail("email", "write the address alone, without 'mailto:' (got '{got}')", "メールアドレスだけを書いてください。「mailto:」は要りません（「{got}」と書かれています）。", got=text)
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", text):
        raise fail("email", "'{got}' is not an email address", "「{got}」はメールアドレスの形になっていません。", got=text)
    return text


# The characters RFC 3986 (section 2) allows in a URI: unreserved, reserved, and % for a percent-encoded
# byte. Anything else (a quote, <, >, a backslash, {, |, a control character) is not part of an address
# as a browser's address bar copies it, and a quote or < would end the HTML attribute it is written into.
# Beyond ASCII, an address may hold letters of other scripts (an IRI, RFC 3987): those are allowed,
# but no separator (a space of any kind) and no control, format or unassigned character.
_URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _url_character_allowed(char: str) -> bool:
    import unicodedata

    if char.isascii():
        return bool(_URI_CHARACTERS.fullmatch(char))
    return unicodedata.category(char)[0] not in "CZ"


def _url(value: Any) -> str:
    """An https address as a browser's address bar shows it. pydantic's AnyHttpUrl parses it (a host, a
    well-formed authority), but percent-encodes what it does not allow, while the model keeps the text as
    typed, which the pages write into href: so the characters are checked here too, and an address with a
    user name or password (``https://user:pass@…``) is refused, as no public page should publish one."""
    from pydantic import AnyHttpUrl, TypeAdapter, ValidationError

    text = _nonempty(value)
    if not text.startswith("https://"):
        raise fail("url", "a link must start with https:// (got '{got}')", "リンクは https:// で始めてください（「{got}」と書かれています）。", got=text)
    try:
        parsed = TypeAdapter(AnyHttpUrl).validate_python(text)
    except ValidationError:
        raise fail("url", "'{got}' is not a web address", "「{got}」はウェブのアドレス（URL）の形になっていません。", got=text) from None
    if re.search(r"\s", text):
        raise fail("url", "a web address has no spaces (got '{got}')", "URL に空白が入っています。空白を消してください（「{got}」）。", got=text)
    shown = "".join(c if c.isprintable() else f"[U+{ord(c):04X}]" for c in text)
    bad = next((c for c in text if not _url_character_allowed(c)), None)
    if bad is not None:
        char = f"'{bad}' (U+{ord(bad):04X})" if bad.isprintable() else f"U+{ord(bad):04X}"
        raise fail(
            "url",
            "'{got}' is not a web address: the character {char} cannot be part of a web address; copy the address from the browser's address bar",
            "「{got}」はウェブのアドレス（URL）の形になっていません。文字 {char} は URL に使えません。ブラウザーのアドレス欄からアドレスをコピーし直してください。",
            got=shown,
            char=char,
        )
    if _PERCENT.search(text):
        raise fail(
            "url",
            "'{got}' is not a web address: '%' in a web address starts a code of two hexadecimal digits, such as %20; "
            "copy the address from the browser's address bar",
            "「{got}」はウェブのアドレス（URL）の形になっていません。URL の「%」は %20 のように16進数2桁の符号の始まりです。"
            "ブラウザーのアドレス欄からアドレスをコピーし直してください。",
            got=shown,
        )
    if parsed.username or parsed.password:
        raise fail(
            "url",
            "a web address on a public page cannot carry a user name or password (the part before '@'); delete it",
            "公開するページの URL にユーザー名やパスワード（「@」より前の部分）を入れることはできません。その部分を消してください。",
        )
    return text


Email = Annotated[str, BeforeValidator(_email)]
Url = Annotated[str, BeforeValidator(_url)]


# --- time -----------------------------------------------------------------------------


def _zone(value: Any) -> str:
    """An IANA zone of a place (Asia/Tokyo), or UTC. tzdata's old aliases without a region (GMT, Japan, GB,
    EST) are refused with the place's name: GMT has no summer time, so a UK deadline written in it was an
    hour off from April to October, and a calendar shows the alias as typed."""
    text = _nonempty(value)
    if text in _zones() and ("/" in text or text == "UTC"):
        return text
    meant, misspelt = _zone_meant(text)
    hint = f"; did you mean {' or '.join(meant)}?" if meant else ""
    hint_ja = f"{'または'.join(meant)} {'の書き間違い' if misspelt else 'のこと'}ではありませんか。" if meant else ""
    if text in _zones():
        raise fail(
            "zone",
            "'{got}' is an abbreviation or an old alias, not the zone of a place (its summer time would be wrong): "
            "use an IANA name such as Asia/Tokyo{hint}",
            "「{got}」は略称や古い別名で、場所のタイムゾーンではありません（夏時間が正しく扱われません）。"
            "Asia/Tokyo や Europe/London のように書いてください。{hint_ja}",
            got=text,
            hint=hint,
            hint_ja=hint_ja,
        )
    raise fail(
        "zone",
        "unknown time zone '{got}' (use an IANA name such as Asia/Tokyo){hint}",
        "「{got}」というタイムゾーンはありません。Asia/Tokyo や Europe/London のように書いてください。{hint_ja}",
        got=text,
        hint=hint,
        hint_ja=hint_ja,
    )


# The usual abbreviations and words for the zones of the call's sides that neither tzdata's aliases nor
# CLDR's names (Babel) give: CLDR knows JST only as Japanese text and has no BST or "UK"; GMT is tzdata's
# zone without summer time, but said of a deadline it means the UK's clock.
USUAL_ZONE_WORDS = {
    "JST": "Asia/Tokyo",
    "UTC+9": "Asia/Tokyo",
    "BST": "Europe/London",
    "GMT": "Europe/London",
    "UK": "Europe/London",
}


def _zone_meant(text: str) -> tuple[list[str], bool]:
    """The zone(s) someone who typed ``text`` meant: a usual abbreviation, tzdata's alias (Japan, GB),
    a city (Tokyo, 東京: the zone's own name or CLDR's exemplar city), a country or region (CLDR's name or
    code: its zone, or the first of each of its metazones when it has three at most), else the nearest
    spelling (then True: the Japanese hint says it is a misspelling)."""
    import difflib

    key = re.sub(r"\s+", " ", text).strip()
    offset = re.fullmatch(r"(?:UTC|GMT)\s*\+\s*0?(\d{1,2})(?::?00)?", key, re.IGNORECASE)
    usual = USUAL_ZONE_WORDS.get(f"UTC+{int(offset[1])}" if offset else key.upper())
    if usual:
        return [usual], False
    words = _zone_words()
    for word in (key.casefold(), key.replace(" ", "_").casefold()):
        if word in words:
            return words[word], False
    return difflib.get_close_matches(text, sorted(z for z in _zones() if "/" in z), n=1), True


@functools.cache
def _zone_words() -> dict[str, list[str]]:
    """Lower-cased words (aliases, cities, countries) and the zones they name, from tzdata and CLDR."""
    from babel import Locale
    from babel.core import get_global

    words: dict[str, list[str]] = {}
    for code, names in get_global("territory_zones").items():
        zones = [z for z in names if z in _zones()]
        metazones = get_global("meta_zones")
        firsts = list({metazones.get(z, z): z for z in reversed(zones)}.values())[::-1]
        firsts = firsts if len(firsts) <= 3 else []  # a country of many clocks (Australia): no guess, and no near spelling
        if zones:
            for lang in CODES:
                name = Locale.parse(language(lang).locale).territories.get(code)
                if name:
                    words.setdefault(name.casefold(), firsts)
            words.setdefault(code.casefold(), firsts)
    for lang in CODES:
        for zone, info in Locale.parse(language(lang).locale).time_zones.items():
            if info.get("city") and zone in _zones():
                words[str(info["city"]).casefold()] = [zone]
    for zone in _zones():
        if "/" in zone and not zone.startswith("Etc/"):
            words.setdefault(zone.rsplit("/", 1)[-1].casefold(), [zone])
    for alias, zone in get_global("zone_aliases").items():
        if "/" not in alias and "/" in zone and not zone.startswith("Etc/"):
            words[alias.casefold()] = [zone]
    return words


@functools.cache
def _zones() -> frozenset[str]:
    """The IANA zone names (a scan of the zone files: made once, not for every zone in the data)."""
    return frozenset(available_timezones())


Zone = Annotated[str, BeforeValidator(_zone)]


def _local_time(value: Any) -> datetime:
    text = _nonempty(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", text):
        raise fail(
            "datetime",
            "write a local date and time as 'YYYY-MM-DD HH:MM' in quotes, such as \"2030-10-31 17:00\" (got '{got}'); the zone goes in 'zone'",
            "日時は \"2030-10-31 17:00\" のように 年-月-日 時:分 を二重引用符で囲んで書いてください（「{got}」と書かれています）。タイムゾーンは zone に書きます。",
            got=text,
        )
    try:
        return datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        raise fail("datetime", "{got} is not a real date and time", "{got} という日時はありません。日付と時刻を確かめてください。", got=text) from None


class DeadlineJSON(TypedDict):
    """A closing time: ``at`` with the offset of its place on that day (ISO 8601), ``zone`` that place's IANA zone."""

    __pydantic_config__ = SHAPE
    at: datetime
    zone: str


class Deadline(Shaped, Strict):
    """A closing time in the local time of a place, with its IANA zone."""

    json_shape: ClassVar[Any] = DeadlineJSON
    zone: Zone
    at: Annotated[datetime, BeforeValidator(_local_time)]

    @field_validator("at")
    @classmethod
    def _exists_in_zone(cls, at: datetime, info) -> datetime:
        zone = info.data.get("zone")
        if zone is None:
            return at
        tz = ZoneInfo(zone)
        first, second = at.replace(tzinfo=tz, fold=0), at.replace(tzinfo=tz, fold=1)
        shown = at.strftime("%Y-%m-%d %H:%M")
        if first.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None) != at:
            raise fail(
                "datetime",
                "{at} does not exist in {zone} (clocks go forward); choose another time",
                "{zone} では夏時間の始まりで時計が進むため、{at} という時刻はありません。別の時刻にしてください。",
                at=shown,
                zone=zone,
            )
        if first.utcoffset() != second.utcoffset():
            raise fail(
                "datetime",
                "{at} happens twice in {zone} (clocks go back); choose another time",
                "{zone} では夏時間の終わりで時計が戻るため、{at} は2回あります。別の時刻にしてください。",
                at=shown,
                zone=zone,
            )
        return at

    @property
    def instant(self) -> datetime:
        """The deadline as an aware datetime in its own zone."""
        return self.at.replace(tzinfo=ZoneInfo(self.zone))

    @model_serializer
    def _json(self) -> dict[str, Any]:
        return {"at": self.instant.isoformat(), "zone": self.zone}


Part = Literal["early", "mid", "late"]
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


class ApproxDate(Strict):
    """A part of a month, as JST writes 「9月下旬」 (late September)."""

    month: Month
    part: Part

    def span(self) -> tuple[date, date]:
        """First and last day the phrase can mean (early = 1–10, mid = 11–20, late = 21–end)."""
        year, month = map(int, self.month.split("-"))
        first, last = _PART_DAYS[self.part]
        end = _month_end(year, month) if self.part == "late" else date(year, month, last)
        return date(year, month, first), end


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


class MonthRange(Strict):
    """A period of whole months, such as 書類審査 5月～9月."""

    start: Month
    end: Month

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: str, info) -> str:
        start = info.data.get("start")
        if start and end < start:
            raise fail("range", "the range ends ({end}) before it starts ({start})", "期間の終わり（{end}）が始まり（{start}）より前になっています。", end=end, start=start)
        return end

    @property
    def iso(self) -> str:
        return f"{self.start}/{self.end}"

    def span(self) -> tuple[date, date]:
        y1, m1 = map(int, self.start.split("-"))
        y2, m2 = map(int, self.end.split("-"))
        return date(y1, m1, 1), _month_end(y2, m2)


def _when_kind(value: Any) -> str | None:
    for kind, tag in ((Deadline, "deadline"), (ApproxDate, "approx"), (MonthRange, "range")):
        if isinstance(value, kind):
            return tag
    if isinstance(value, (str, date)):
        return "date"
    if isinstance(value, dict):
        if "at" in value or "zone" in value:
            return "deadline"
        if "part" in value or "month" in value:
            return "approx"
        if "start" in value or "end" in value:
            return "range"
    return None


# The error for a milestone time written in none of the four shapes (pipeline.py reports it).
WHEN_ERROR = (
    "write a date (2030-10-31), a deadline {at, zone}, a part of a month {month, part} or a month range {start, end}",
    "日付（2030-10-31）、締切 {at: \"2030-10-31 17:00\", zone: Asia/Tokyo}、月の上旬・中旬・下旬 {month: 2030-10, part: late}、"
    "月の範囲 {start: 2030-05, end: 2030-09} のどれかの形で書いてください。",
)

When = Annotated[
    Annotated[CalendarDate, Tag("date")]
    | Annotated[Deadline, Tag("deadline")]
    | Annotated[ApproxDate, Tag("approx")]
    | Annotated[MonthRange, Tag("range")],
    Discriminator(
        _when_kind,
        custom_error_type="when",
        custom_error_message=WHEN_ERROR[0],
    ),
]
WHEN_TAGS = {"date", "deadline", "approx", "range"}


def when_span(when: Any) -> tuple[date, date]:
    """The earliest and latest day a milestone's time can mean, for ordering and status."""
    if isinstance(when, date):
        return when, when
    if isinstance(when, Deadline):
        d = when.instant.date()
        return d, d
    return when.span()
