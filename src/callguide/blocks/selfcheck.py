"""Blocks for the self-check pages: the eligibility form, its decision table, the budget planner.

Everything a reader sees is rendered here at build time, in the page language,
from the facts; ``assets/selfcheck.js`` only chooses which prepared pieces to
show and computes the planner's sums from the settings embedded as JSON.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import selfcheck as logic
from ..errors import MarkerError
from ..format import script_format
from ..model_partners import PartnerBudget
from ..model_selfcheck import EligibilityCheck, Planner
from . import fact as _fact
from . import render_template
from .guide import partner_adjective

if TYPE_CHECKING:
    from ..render import Context

# Interface words (not facts of the call). Amounts and rates never appear here: they come from the data, and
# so do the currencies and the partner's names a label holds (filled by ``labels``: {home_currency},
# {partner_currency}, {partner} 英国 / UK (blocks.guide.partner_adjective), {funder} EPSRC, {basis} FEC, {basis_name}
# full economic cost, {Basis_name} the same capitalised). {rate}, {paid}, {amount}… are the planner's, filled in the browser.
UI: dict[str, dict[str, str]] = {
    "ja": {
        "eligible": "応募できます",
        "eligible_with_consequence": "応募できます。ただし次の点に注意してください",
        "not_eligible": "応募できません",
        "ask_jst": "JSTに確認してください",
        "not_as_asked": "公募が求めるチーム構成になっていません",
        "incomplete": "残りの質問にも答えてください",
        "remaining": "未回答の質問：{n}問",
        "no_concern": "問題ありません",
        "outcome_not_eligible": "応募できません",
        "outcome_ask_jst": "JSTに確認",
        "outcome_not_as_asked": "公募の求める構成と異なります",
        "outcome_eligible_with_consequence": "応募できます（採択時の扱いに注意）",
        "outcome_tell_jst": "事前にJSTへ報告",
        "rule": "根拠",
        "ask_at": "問い合わせ先",
        "question": "質問",
        "answer": "回答",
        "result": "結果",
        "reset": "回答をクリア",
        "where": "回答するたびに、質問の下に結果と根拠が表示されます。",
        "next": "次にすること",
        "checklist": "すべての手順はチェックリストで確認できます",
        "no_js_check": "JavaScriptが無効のため、質問フォームは表示されません。下の判定表で、各回答の結果と根拠を確認できます。",
        "js_needed": "計算にはJavaScriptが必要です。上限と率は上に示したとおりです。",
        "network_part": "ネットワーク構築・若手研究者育成に充てる額（{home_currency}）",
        "other_part": "研究推進のみに充てる額（{home_currency}）",
        "direct": "直接経費の合計",
        "network": "うちネットワーク構築・若手研究者育成",
        "indirect": "間接経費",
        "total": "合計（間接経費込み）",
        "share": "ネットワーク構築・若手研究者育成の割合",
        "basis": "{basis}（{basis_name}、{partner_currency}）",
        "paid": "{funder}の支援額（本ガイドの読み：{basis}の割合分）",
        "basis_jpy": "{basis}の円換算（比較用）",
        "paid_jpy": "{funder}支援額の円換算（比較用）",
        "over_direct_cap": "直接経費が上限（{cap}）を{amount}超えています。",
        "over_total_cap": "間接経費込みの合計が、直接経費の上限に間接経費を加えた額（{cap}）を{amount}超えています。",
        "network_below_band": "ネットワーク構築・若手研究者育成の割合は{share}です（JSTの予算の用途制限は{guide}）。",
        "network_above_band": "ネットワーク構築・若手研究者育成の割合は{share}です（JSTの予算の用途制限は{guide}）。",
        "total_above_published": "間接経費込みの合計は{total}です。",
        "over_partner_cap": "{basis}の{rate}は{paid}です。",
        "basis_no_basis": "{funder}への申請額（{partner_currency}）",
        "paid_no_basis": "{funder}の支援額",
        "basis_jpy_no_basis": "申請額の円換算（比較用）",
        "over_partner_cap_no_basis": "申請額は{paid}です。",
        "within": "上限の範囲内で、予算の用途制限についての本ガイドの警告もありません。",
        "rule_label": "規定",
        "cap_direct": "直接経費の上限",
        "indirect_rate": "間接経費（直接経費に対する率）",
        "cap_total": "上限（間接経費込み）",
        "stated_computed": "JSTの公表値。計算上は",
        "guideline": "予算の用途制限（ネットワーク構築・若手研究者育成に充てる割合）",
        "basis_share": "{partner}側の上限に付記された{basis}の割合",
        "cap_partner": "{partner}側の上限",
        "cap_partner_jpy": "円換算で約",
        "sep": "：",
        "warning_head": "{kind}（{rule_label}：{rule}）",
        "open": "（",
        "close": "）",
        "fx": "公募の換算レート",
        "rule_over_direct_cap": "日本側の直接経費の上限",
        "rule_over_total_cap": "日本側の上限（間接経費込み）",
        "rule_network_below_band": "予算の用途制限",
        "rule_network_above_band": "予算の用途制限",
        "rule_total_above_published": "日本側の上限（間接経費込み）",
        "rule_over_partner_cap": "{partner}側の上限",
        "warning": "警告",
        "note": "注意",
    },
    "en": {
        "eligible": "You can apply",
        "eligible_with_consequence": "You can apply, with the following consequences",
        "not_eligible": "You cannot apply",
        "ask_jst": "Ask JST",
        "not_as_asked": "Your team is not yet as the call asks",
        "incomplete": "Answer the remaining questions too",
        "remaining": "Questions not yet answered: {n}",
        "no_concern": "No concern",
        "outcome_not_eligible": "Not eligible",
        "outcome_ask_jst": "Ask JST",
        "outcome_not_as_asked": "Not as the call asks",
        "outcome_eligible_with_consequence": "Eligible; note what happens if selected",
        "outcome_tell_jst": "Tell JST in advance",
        "rule": "Rule",
        "ask_at": "Contact",
        "question": "Question",
        "answer": "Answer",
        "result": "Result",
        "reset": "Clear answers",
        "where": "Each time you answer, the result and its rules appear below the questions.",
        "next": "What to do next",
        "checklist": "Every step is in the checklist",
        "no_js_check": "With JavaScript off, the questions are not shown as a form. The decision tables below give the result of each answer and its rule.",
        "js_needed": "The sums need JavaScript. The caps and rates are as shown above.",
        "network_part": "For network building and early-career development ({home_currency})",
        "other_part": "For research only ({home_currency})",
        "direct": "Total direct costs",
        "network": "of which network building and early-career development",
        "indirect": "Indirect costs",
        "total": "Total with indirect costs",
        "share": "Share for network building and early-career development",
        "basis": "{Basis_name} ({basis}, {partner_currency})",
        "paid": "Paid by {funder} (this guide's reading: the {basis} share)",
        "basis_jpy": "{basis} in yen (for comparison only)",
        "paid_jpy": "{funder}'s share in yen (for comparison only)",
        "over_direct_cap": "Direct costs are over the cap of {cap} by {amount}.",
        "over_total_cap": "The total with indirect costs is over {cap}, the direct-cost cap plus indirect costs, by {amount}.",
        "network_below_band": "Network building and early-career development take {share} of direct costs (JST's spending requirement: {guide}).",
        "network_above_band": "Network building and early-career development take {share} of direct costs (JST's spending requirement: {guide}).",
        "total_above_published": "The total with indirect costs is {total}.",
        "over_partner_cap": "{rate} of the {basis} is {paid}.",
        "basis_no_basis": "Amount requested from {funder} ({partner_currency})",
        "paid_no_basis": "Paid by {funder}",
        "basis_jpy_no_basis": "Amount requested in yen (for comparison only)",
        "over_partner_cap_no_basis": "The amount requested is {paid}.",
        "within": "Within the caps; this guide's check of the spending requirement finds nothing to flag.",
        "rule_label": "Rule",
        "cap_direct": "Cap on direct costs",
        "indirect_rate": "Indirect costs (share of direct costs)",
        "cap_total": "Cap with indirect costs",
        "stated_computed": "as JST publishes it; computed: ",
        "guideline": "Spending requirement (share for network building and early-career development)",
        "basis_share": "{basis} share given with the {partner} cap",
        "cap_partner": "{partner} side's cap",
        "cap_partner_jpy": "in yen, about ",
        "sep": ": ",
        "warning_head": "{kind} — {rule_label}: {rule}",
        "open": " (",
        "close": ")",
        "fx": "The call's exchange rate",
        "rule_over_direct_cap": "Japanese side's cap on direct costs",
        "rule_over_total_cap": "Japanese side's cap with indirect costs",
        "rule_network_below_band": "Spending requirement on direct costs",
        "rule_network_above_band": "Spending requirement on direct costs",
        "rule_total_above_published": "Japanese side's cap with indirect costs",
        "rule_over_partner_cap": "{partner} side's cap",
        "warning": "Warning",
        "note": "Note",
    },
}


def _rule_view(rule_id: str, ctx: Context) -> dict[str, Any]:
    """A rule as shown: its title, outcome, the text of the fact that states it, and JST's address where needed."""
    try:
        source, _ = logic.rule_source(ctx.facts, rule_id)
        outcome = logic.rule_outcome(ctx.facts, rule_id)
    except logic.ProgramError as exc:
        raise MarkerError(str(exc), exc.ja) from None
    rule = ctx.facts.call.selfcheck.eligibility.rule(rule_id)
    return {
        "id": rule_id,
        "title": rule.title[ctx.lang],
        "outcome": outcome,
        "outcome_label": UI[ctx.lang][f"outcome_{outcome}"],
        "text": _fact(source, ctx),
        "source": source,
        "more": [_more(p, ctx) for p in rule.more],
        "email": _fact("contacts.jst.email", ctx) if outcome in ("ask_jst",) else None,
    }


def _more(path: str, ctx: Context) -> Markup:
    if path not in ctx.facts:
        raise MarkerError(f"selfcheck: unknown fact '{path}' in 'more'", f"自己チェックの more に書かれた「{path}」という事実はありません。綴りを確かめてください。")
    return _fact(path, ctx, "ol" if isinstance(ctx.facts.get(path), list) else None)


def _questions(check: EligibilityCheck, path: str, ctx: Context) -> list[dict[str, Any]]:
    out = []
    for qi, q in enumerate(check.questions):
        options = []
        for oi, o in enumerate(q.options):
            options.append(
                {
                    "id": o.id,
                    "label": _fact(f"{path}.questions.{qi}.options.{oi}.label", ctx),
                    "rules": [_rule_view(r, ctx) for r in o.rules],
                }
            )
        out.append({"id": q.id, "text": _fact(f"{path}.questions.{qi}.text", ctx), "options": options})
    return out


def _json(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def eligibility_form(check: EligibilityCheck, path: str, ctx: Context) -> Markup:
    try:
        prog = logic.program(ctx.facts)
    except logic.ProgramError as exc:
        raise MarkerError(str(exc), exc.ja) from None
    rules = [_rule_view(r.id, ctx) for r in check.rules]
    return render_template(
        "selfcheck_form.html",
        ui=UI[ctx.lang],
        intro=_fact(f"{path}.intro", ctx),
        questions=_questions(check, path, ctx),
        rules=rules,
        email=_fact("contacts.jst.email", ctx),
        next_steps=[_fact(f"{path}.next_steps.{i}", ctx) for i in range(len(check.next_steps))],
        program=_json(prog),
    )


def decision_table(check: EligibilityCheck, path: str, ctx: Context) -> Markup:
    return render_template("selfcheck_table.html", ui=UI[ctx.lang], questions=_questions(check, path, ctx))


# The guide's own part of a planner message (its warning band, its reading of the caps, its advice),
# by warning code: a guide note in call.yaml, rendered with its label into a <template> that
# selfcheck.js copies under the message, filling in {amount}. A partner's are named in call.yaml
# (selfcheck.planner.partners.<id>.over_cap).
OWN_NOTES: dict[str, str] = {
    "network_below_band": "guide_notes.planner_below_band",
    "network_above_band": "guide_notes.planner_above_band",
    "total_above_published": "guide_notes.planner_total_published",
}


def labels(ctx: Context, pid: str | None = None) -> dict[str, str]:
    """The planner's interface words in the page language, each currency and partner named as the pages
    name them: the yen side's (円 / JPY) and the partner's (ポンド / GBP, EPSRC, FEC for 2025). The Japanese
    side's planner fills the partner's words with the first partner's (they are not shown there)."""
    call, names, lang = ctx.facts.call, ctx.facts.call.names, ctx.lang
    slots = {"{home_currency}": names.currency(call.budget.japan.direct_cap.currency, lang)}
    pid = pid or next(iter(call.partners), None)
    if pid is not None:
        partner = call.partners[pid]
        basis = partner.budget.basis
        basis_name = basis.name[lang] if basis else ""
        slots |= {
            "{partner_currency}": names.currency(partner.currency, lang),
            "{partner}": partner_adjective(pid, ctx),
            "{funder}": partner.funder.short[lang],
            "{basis}": basis.short[lang] if basis else "",
            "{basis_name}": basis_name,
            "{Basis_name}": basis_name[:1].upper() + basis_name[1:],
        }
    out = {}
    for key, text in UI[lang].items():
        for slot, name in slots.items():
            text = text.replace(slot, name)
        out[key] = text
    if pid is not None and call.partners[pid].budget.basis is None:  # the funder pays what is asked: no share to name
        out |= {key[: -len(NO_BASIS)]: text for key, text in out.items() if key.endswith(NO_BASIS)}
    return out


# A label's wording for a partner whose funder names no cost basis (``<key>_no_basis`` replaces ``<key>``).
NO_BASIS = "_no_basis"


def _planner_common(side: str, notes: dict[str, str], ctx: Context) -> dict[str, Any]:
    settings = logic.planner_settings(ctx.facts)
    settings["lang"] = ctx.lang
    settings["format"] = script_format(ctx.lang)  # how selfcheck.js writes amounts in the page's language, as format.py does
    ui = settings["ui"] = labels(ctx, None if side == "japan" else side)
    own = [(code, _fact(path, ctx)) for code, path in notes.items()]
    return {"ui": ui, "settings": _json(settings), "notes": own, "f": lambda p, v=None: _fact(p, ctx, v)}


def planner_japan(planner: Planner, path: str, ctx: Context) -> Markup:
    categories = [{"id": c.id, "name": c.name[ctx.lang], "hint": _fact(f"{path}.categories.{i}.hint", ctx)} for i, c in enumerate(planner.categories)]
    return render_template("planner_japan.html", categories=categories, **_planner_common("japan", OWN_NOTES, ctx))


def planner_partner(budget: PartnerBudget, path: str, ctx: Context) -> Markup:
    """The planner of one partner's side: ``{{ partners.uk.budget | planner }}``."""
    parts = path.split(".")
    if len(parts) != 3 or parts[0] != "partners":
        raise MarkerError(f"'| planner' shows a partner's budget, such as partners.uk.budget (got '{path}')", f"「| planner」は partners.uk.budget のように相手国側の予算に付けてください（「{path}」に付いています）。")
    pid = parts[1]
    mine = ctx.facts.call.selfcheck.planner.partners.get(pid)
    notes = {"over_partner_cap": f"guide_notes.{mine.over_cap}"} if mine else {}
    check = _fact(f"guide_notes.{mine.check}", ctx) if mine else None
    return render_template("planner_partner.html", pid=pid, p=f"partners.{pid}", budget=budget, check=check, **_planner_common(pid, notes, ctx))


FORMS = {
    "eligibility_form": (EligibilityCheck, eligibility_form),
    "decision_table": (EligibilityCheck, decision_table),
    "planner_japan": (Planner, planner_japan),
    "planner": (PartnerBudget, planner_partner),
}
