"""Blocks of the applicant guide: the call's status, caps, steps, rules, criteria and proposal parts.

Each block renders facts through ``render.render_marker`` (so every value is one
``data-fact`` element formatted by format.py) and lays them out with a Jinja
template ``guide_*.html``. The few words written here are interface labels
(column headings, "Japanese side"), never facts: those stay in call.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..errors import MarkerError
from ..model import Budget, ContentPart, Criterion, DuplicateRule, Schedule, SingleCall, Step, Teams
from ..sides import ALL, HOME
from ..status import call_status
from ..types import Text
from . import fact as _fact
from . import render_template

if TYPE_CHECKING:
    from ..render import Context

# Interface labels in each language. Facts never go here.
LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "side_japan": "日本側",
        # A partner in a label is named as it reads before a noun (``partner_adjective``: 英国側, UK side).
        "side_partner": "{partner}側",
        "side_all": "日{shorts}両方",
        "side_all_many": "日{shorts}すべて",
        "who": "担当",
        "status_upcoming": "公募開始前",
        "status_open": "公募受付中",
        "status_closed": "受付終了",
        "status_upcoming_text": "この公募はまだ始まっていません。公募開始日：{opens}",
        "status_open_text": "この公募は受付中です。公募開始日：{opens}",
        "status_closed_text": "この公募の受付は終了しました。以下は参考として、終了した公募の情報をそのまま掲載しています。公募開始日：{opens}",
        "status_closed_next": "次回の公募については、JSTの発表をご確認ください。",
        "status_next": "次の締切：{when}",
        "frame": "枠",
        "direct_cap": "上限（直接経費）",
        "total_cap": "上限（間接経費を含む）",
        "total_cap_note": "（JSTの公表値。計算上の額：{exact}）",
        "duration": "期間",
        "not_eligible": "制限：該当すると応募できません",
        "eligible_with_consequence": "応募可：ただし採択されると影響があります",
        "rule": "ルール",
        "criterion": "観点",
        "points": "評価のポイント",
        "where_partner": "{portal}（{partner}側の申請内容）",
        "where_japan": "JST申請様式",
        "where_all": "{portals}とJST申請様式の両方",
        "and": "と",
        "language_en": "英語で記載",
        "language_ja": "日本語で記載",
        "where": "記入先：",
        "language": "言語",
        "team_japan": "日本側研究チーム",
        "team_partner": "{partner}側研究チーム",
        "item": "項目",
        "japan": "日本側",
        "cap": "上限",
        "cap_with_indirect": "間接経費を含む上限",
        "cap_in_yen": "円換算",
        "period": "研究期間",
        "funded_by": "支援する機関",
        "awards": "採択件数",
        "not_stated": "説明資料に記載なし",
        "no_cap": "上限の記載なし",
        "cap_japan": "<strong>{direct_cap}</strong>（直接経費）",
        "cap_partner": "<strong>{cap}</strong>{basis}<br>約{cap_jpy}（{exchange_rate}で換算）",
        "cap_basis": "（{basis}の{share}）",
        "cap_basis_allowance": "（{basis}の{share}と、その{allowance}の手当）",
        "cap_with_indirect_japan": "<strong>{total_cap}</strong>（JST公表値。直接経費の{indirect_rate}の間接経費を含む。計算上は{total_exact}）",
        "period_japan": "原則{period}（{months}）",
        "period_partner": "{period}（{start}から）",
        "not_applicable": "—",
        "step": "ステップ",
    },
    "en": {
        "side_japan": "Japanese side",
        "side_partner": "{partner} side",
        "side_all": "Both sides",
        "side_all_many": "All sides",
        "who": "Who",
        "status_upcoming": "Not yet open",
        "status_open": "Open",
        "status_closed": "Closed",
        "status_upcoming_text": "This call has not opened yet. It opens on {opens}.",
        "status_open_text": "This call is open. It opened on {opens}.",
        "status_closed_text": "This call has closed. Its information is kept below, unchanged, for reference. It opened on {opens}.",
        "status_closed_next": "For the next call, watch for JST's announcement.",
        "status_next": "Next deadline: {when}",
        "frame": "Track",
        "direct_cap": "Cap (direct costs)",
        "total_cap": "Cap with indirect costs",
        "total_cap_note": " (as JST publishes it; computed: {exact})",
        "duration": "Length",
        "not_eligible": "Restriction: if it applies, you may not apply",
        "eligible_with_consequence": "You may apply: but being selected has a consequence",
        "rule": "Rule",
        "criterion": "Criterion",
        "points": "What reviewers look for",
        "where_partner": "{portal} (the {partner} application)",
        "where_japan": "JST application form",
        "where_all": "Both the {portals} and the JST form",
        "and": " and the ",
        "language_en": "Written in English",
        "language_ja": "Written in Japanese",
        "where": "Where: ",
        "language": "Language",
        "team_japan": "Japanese team",
        "team_partner": "{partner} team",
        "item": "Item",
        "japan": "Japanese side",
        "cap": "Cap",
        "cap_with_indirect": "Cap with indirect costs",
        "cap_in_yen": "In yen",
        "period": "Project period",
        "funded_by": "Funded by",
        "awards": "Projects to be funded",
        "not_stated": "Not stated in JST's briefing",
        "no_cap": "No cap stated",
        "cap_japan": "<strong>{direct_cap}</strong> in direct costs",
        "cap_partner": "<strong>{cap}</strong>{basis}<br>about {cap_jpy} at {exchange_rate}",
        "cap_basis": " ({share} of the {basis_name}, {basis})",
        "cap_basis_allowance": " ({share} of the {basis_name}, {basis}, with an allowance of {allowance})",
        "cap_with_indirect_japan": "<strong>{total_cap}</strong> (JST's figure, with indirect costs of {indirect_rate} of direct costs; computed exactly: {total_exact})",
        "period_japan": "{period} in principle ({months})",
        "period_partner": "{period} (from {start})",
        "not_applicable": "—",
        "step": "Step",
    },
}


def _items(value: Any, path: str, kind: type) -> None:
    if not value or not all(isinstance(v, kind) for v in value):
        raise MarkerError(f"'{path}' is not a list of {kind.__name__}", f"「{path}」はこの表示形式で使う一覧（{kind.__name__}）ではありません。")


# --- the call's status (home page) -------------------------------------------------------


def call_status_block(value: Schedule, path: str, ctx: Context) -> Markup:
    """Upcoming / open / closed at the build date (SOURCE_DATE_EPOCH when set), said plainly.

    Every phase's wording and every deadline are in the page, the build's own shown and the others
    hidden: assets/status.js shows the ones that hold when the page is read (a site is often served
    for days after it was built), so the home page never calls a passed deadline the next one.
    """
    status = call_status(ctx.facts, ctx.now)
    t = LABELS[ctx.lang]
    deadlines = [
        {"path": f"schedule.{name}", "until": m.when.instant.isoformat(), "when": _fact(f"schedule.{name}.when", ctx)}
        for name, m in sorted(ctx.facts.deadlines(), key=lambda d: d[1].when.instant)  # status.js shows the first still ahead
    ]
    opens = _fact(f"{path}.{value.opening()[0]}.when", ctx)
    for d in deadlines:
        d["next"] = Markup(t["status_next"]).format(when=d["when"])
    phases = ("upcoming", "open", "closed")
    return render_template(
        "guide_status.html",
        t=t,
        texts={p: Markup(t[f"status_{p}_text"]).format(opens=opens) for p in phases},
        phase=status.phase,
        phases=phases,
        opens_at=status.opens.isoformat(),
        closes_at=status.closes.isoformat(),
        next_deadline=status.next_deadline,
        deadlines=deadlines,
    )


# --- money ----------------------------------------------------------------------------


def caps_block(value: Budget, path: str, ctx: Context) -> Markup:
    """Caps per side, side by side: what each funder pays, with and without indirect costs, for how long.

    One column for the Japanese side and one for each partner, in the order of call.yaml."""
    def f(p, v=None):
        return _fact(f"{path}.{p}", ctx, v)

    t = LABELS[ctx.lang]
    partners = [_partner_caps(pid, ctx) for pid in ctx.facts.call.partners]
    return render_template(
        "guide_caps.html",
        t=t,
        funder_japan=_fact("joint_call.funder.name", ctx),
        cap_japan=Markup(t["cap_japan"]).format(direct_cap=f("japan.direct_cap")),
        cap_with_indirect_japan=Markup(t["cap_with_indirect_japan"]).format(
            total_cap=f("japan.total_cap"), indirect_rate=f("indirect_rate"), total_exact=f("japan.total_cap", "exact")
        ),
        period_japan=Markup(t["period_japan"]).format(period=f("period.japan.duration"), months=f("period.japan.months")),
        partners=partners,
        all_sides=" / ".join([t["japan"], *(p["side"] for p in partners)]),
        awards=f("awards"),
    )


def _partner_caps(pid: str, ctx: Context) -> dict[str, Any]:
    """One partner's column of the caps table: its funder, its cap rule, its period."""
    t = LABELS[ctx.lang]
    partner = ctx.facts.call.partners[pid]
    p = f"partners.{pid}"
    budget = partner.budget
    basis = Markup("")
    if budget.basis is not None:
        b = budget.basis
        words = {"share": _fact(f"{p}.budget.basis.share", ctx), "basis": b.short[ctx.lang], "basis_name": b.name[ctx.lang]}
        if b.allowance is not None:
            basis = Markup(t["cap_basis_allowance"]).format(allowance=_fact(f"{p}.budget.basis.allowance", ctx), **words)
        else:
            basis = Markup(t["cap_basis"]).format(**words)
    cap = Markup(t["no_cap"]) if budget.cap is None else Markup(t["cap_partner"]).format(
        cap=_fact(f"{p}.budget.cap", ctx), basis=basis, cap_jpy=_fact(f"{p}.budget.cap_jpy", ctx), exchange_rate=_fact(f"{p}.exchange_rate", ctx)
    )
    return {
        "side": side_label(pid, ctx),
        "funder": _fact(f"{p}.funder.name", ctx),
        "cap": cap,
        "period": Markup(t["period_partner"]).format(period=_fact(f"{p}.period.duration", ctx), start=_fact(f"{p}.period.start", ctx)),
    }


def partner_name(pid: str, ctx: Context) -> str:
    """The partner as running text names it (``partners.<id>.name``: "the UK"), by default its country or
    region's name (``names.territories``, else CLDR: 英国, Germany)."""
    call = ctx.facts.call
    partner = call.partners[pid]
    own = partner.name and getattr(partner.name, ctx.lang)
    return own or call.names.territory(partner.territory, ctx.lang)


def partner_adjective(pid: str, ctx: Context) -> str:
    """The partner as it reads before a noun, as labels name it (``partners.<id>.adjective``: "UK" in "UK
    side", "German" in "German side"), by default its name without a leading "the " (英国側, Germany side)."""
    partner = ctx.facts.call.partners[pid]
    own = partner.adjective and getattr(partner.adjective, ctx.lang)
    if own:
        return own
    name = partner_name(pid, ctx)
    return name[len("the "):] if name.startswith("the ") else name


def side_label(side: str, ctx: Context) -> str:
    """Whose step or column: 日本側 / Japanese side, a partner's (英国側 / UK side), or every side's
    (日英両方 / Both sides with one partner; 日英独すべて / All sides with more)."""
    t = LABELS[ctx.lang]
    partners = ctx.facts.call.partners
    if side == HOME:
        return t["side_japan"]
    if side in partners:
        return t["side_partner"].format(partner=partner_adjective(side, ctx))
    shorts = "".join(p.short[ctx.lang] for p in partners.values())
    return t["side_all" if len(partners) == 1 else "side_all_many"].format(shorts=shorts)


def frames_block(value: SingleCall, path: str, ctx: Context) -> Markup:
    """The single call's Top and next-generation frames: caps with and without indirect costs, and length."""
    frames = []
    for name in ("top", "next_generation"):
        p = f"{path}.{name}"
        frames.append(
            {
                "name": _fact(f"{p}.name", ctx),
                "direct": _fact(f"{p}.direct_cap", ctx),
                "total": _fact(f"{p}.total_cap", ctx),
                "note": Markup(LABELS[ctx.lang]["total_cap_note"]).format(exact=_fact(f"{p}.total_cap", ctx, "exact")),
                "duration": _fact(f"{p}.duration", ctx),
            }
        )
    return render_template("guide_frames.html", t=LABELS[ctx.lang], lang=ctx.lang, frames=frames)


# --- lists of the call -------------------------------------------------------------------


def steps_block(value: list, path: str, ctx: Context) -> Markup:
    """The joint submission as numbered steps, each saying whose job it is."""
    _items(value, path, Step)
    t = LABELS[ctx.lang]
    steps = [
        {"who": step.who, "kind": step.who if step.who in (HOME, ALL) else "partner", "who_label": side_label(step.who, ctx), "text": _fact(f"{path}.{i}.text", ctx)}
        for i, step in enumerate(value)
    ]
    return render_template("guide_steps.html", t=t, steps=steps)


def duplicate_rules_block(value: list, path: str, ctx: Context) -> Markup:
    """Rules a–d as a decision list: the case, then whether you may apply and what follows."""
    _items(value, path, DuplicateRule)
    t = LABELS[ctx.lang]
    rules = [
        {"id": r.id, "outcome": r.outcome, "outcome_label": t[r.outcome], "text": _fact(f"{path}.{i}.text", ctx)}
        for i, r in enumerate(value)
    ]
    return render_template("guide_duplicates.html", t=t, rules=rules)


def criteria_block(value: list, path: str, ctx: Context) -> Markup:
    """Criteria i–vi: JST's points verbatim, then our advice, set apart and labelled as the guide's own."""
    _items(value, path, Criterion)
    criteria = []
    for i, c in enumerate(value):
        p = f"{path}.{i}"
        criteria.append(
            {
                "id": c.id,
                "title": _fact(f"{p}.title", ctx),
                "summary": _fact(f"{p}.summary", ctx),
                "points": [_fact(f"{p}.points.{k}", ctx) for k in range(len(c.points))],
                "advice": _fact(f"{p}.advice", ctx),
            }
        )
    return render_template("guide_criteria.html", t=LABELS[ctx.lang], criteria=criteria)


def proposal_parts_block(value: list, path: str, ctx: Context) -> Markup:
    """The proposal's parts: where each goes (a partner's form, the JST form), its language and its points."""
    _items(value, path, ContentPart)
    t = LABELS[ctx.lang]
    parts = []
    for i, part in enumerate(value):
        p = f"{path}.{i}"
        parts.append(
            {
                "id": part.id.replace("_", "-"),
                "title": _fact(f"{p}.title", ctx),
                "where": where_label(part.where, ctx),
                "language": t[f"language_{part.language}"],
                "language_code": part.language,
                "points": [_fact(f"{p}.points.{k}", ctx) for k in range(len(part.points))],
            }
        )
    return render_template("guide_proposal.html", t=t, parts=parts)


def where_label(where: str, ctx: Context) -> str:
    """Where a proposal part goes: the JST form (japan), a partner's online form (its id), or all of them (all)."""
    t = LABELS[ctx.lang]
    partners = ctx.facts.call.partners
    if where == HOME:
        return t["where_japan"]
    if where == ALL:
        return t["where_all"].format(portals=t["and"].join(p.portal.short[ctx.lang] for p in partners.values()))
    return t["where_partner"].format(portal=partners[where].portal.short[ctx.lang], partner=partner_adjective(where, ctx))


def team_roles_block(value: Teams, path: str, ctx: Context) -> Markup:
    """The teams side by side (stacked on phones), the Japanese one and each partner's: roles, with notes where JST gives one."""

    def roles(base: str, items: list) -> list[dict[str, Markup | None]]:
        return [
            {"role": _fact(f"{base}.{i}.role", ctx), "note": _fact(f"{base}.{i}.note", ctx) if r.note else None}
            for i, r in enumerate(items)
        ]

    t = LABELS[ctx.lang]
    teams = [(t["team_japan"], roles(f"{path}.japan", value.japan))]
    for pid, partner in ctx.facts.call.partners.items():
        title = t["team_partner"].format(partner=partner_adjective(pid, ctx))
        teams.append((title, roles(f"partners.{pid}.team", partner.team)))
    return render_template("guide_teams.html", t=t, teams=teams)


def original_block(value: Text, path: str, ctx: Context) -> Markup:
    """A text as its source wrote it, in English, whatever the page language (a partner's theme in its own wording)."""
    return Markup(f'<span lang="en">{ctx.in_language("en").markdown(value["en"], inline=True)}</span>')


FORMS = {
    "call_status": (Schedule, call_status_block),
    "original": (Text, original_block),
    "caps": (Budget, caps_block),
    "frames": (SingleCall, frames_block),
    "steps": (list, steps_block),
    "duplicate_rules": (list, duplicate_rules_block),
    "criteria": (list, criteria_block),
    "proposal_parts": (list, proposal_parts_block),
    "team_roles": (Teams, team_roles_block),
}
