"""Cross-field rules of the partners: a call has one at least, under ids that are not words of their
own, its planner entries name partners and guide notes the call has, and each partner's amounts are in
its own currency.

A partner's id is the staff's choice (the 2025 call's is ``uk``); which sides a milestone, step, part or
checklist role may name is ``rules._sides``' check against ``sides.side_ids``. Each problem is
reported at the field to change, in English and Japanese (``rules.check``).
"""
from __future__ import annotations

from collections.abc import Iterator

from .facts import Facts

Found = Iterator[tuple[str, str, str]]
# Words a partner's id may not be: they already name a side or a form (sides.parse, model._form_side).
RESERVED = frozenset({"japan", "both", "all", "jst"})


def check(facts: Facts) -> Found:
    call = facts.call
    ids = list(call.partners)
    known = ", ".join(ids)
    if not ids:
        yield (
            "partners",
            "a joint call has at least one partner funder: write its block under partners (the 2025 call's is uk)",
            "共同公募には相手国側の資金配分機関が1つ以上必要です。partners の下にそのまとまりを書いてください（2025年度は uk）。",
        )
    for pid in ids:
        if pid in RESERVED:
            yield (
                f"partners.{pid}",
                f"'{pid}' names a side of its own (japan, all, both) or the JST form (jst_form): give the partner another id, such as its country's code in lower case",
                f"「{pid}」は日本側・すべての側（japan、all、both）や JST申請様式（jst_form）を表す語なので、相手国側の id には使えません。国・地域コードの小文字（de など）のような別の id にしてください。",
            )
    yield from _planner(facts, known)
    home = call.budget.japan.direct_cap.currency
    for pid, partner in call.partners.items():
        yield from _currency(pid, partner, home)


def _planner(facts: Facts, known: str) -> Found:
    call = facts.call
    for pid, notes in call.selfcheck.planner.partners.items():
        if pid not in call.partners:
            yield (
                f"selfcheck.planner.partners.{pid}",
                f"no partner '{pid}' in partners ({known})",
                f"partners に「{pid}」という相手国側はありません（あるのは {known}）。",
            )
            continue
        for field in ("check", "over_cap"):
            note = getattr(notes, field)
            if note not in call.guide_notes:
                yield (
                    f"selfcheck.planner.partners.{pid}.{field}",
                    f"no note '{note}' in guide_notes",
                    f"guide_notes に「{note}」という補足はありません。id の綴りを確かめてください。",
                )


def _currency(pid: str, partner, home: str) -> Found:
    """The cap and the exchange rate are in the partner's currency, the rate's quote is the Japanese side's
    currency (the yen), and JST's yen figure belongs to a cap."""
    budget, own = partner.budget, partner.currency
    if budget.cap is not None and budget.cap.currency != own:
        yield (
            f"partners.{pid}.budget.cap.currency",
            f"the partner's amounts are in its currency, {own}: write the amount alone (cap: {budget.cap.amount}) or change partners.{pid}.currency",
            f"相手国側の金額はその通貨（{own}）で書きます。金額だけを書く（cap: {budget.cap.amount}）か、partners.{pid}.currency を直してください。",
        )
    fx = partner.exchange_rate
    if fx.base != own or fx.quote != home:
        yield (
            f"partners.{pid}.exchange_rate",
            f"the exchange rate is the yen value of one {own}: write the number alone (exchange_rate: {fx.value})",
            f"換算レートは 1{own} が何円かを書きます。数だけを書いてください（exchange_rate: {fx.value}）。",
        )
    if budget.stated_cap_jpy is not None and budget.cap is None:
        yield (
            f"partners.{pid}.budget.stated_cap_jpy",
            "JST's yen figure is for a cap: write the cap (cap:) or delete this line",
            "この円の金額は上限額を換算したものです。上限額（cap:）を書くか、この行を消してください。",
        )
