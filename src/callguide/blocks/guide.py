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
        "side_uk": "英国側",
        "side_all": "日英両方",
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
        "where_uk": "UKRI Funding Service（英国側の申請内容）",
        "where_japan": "JST申請様式",
        "where_all": "UKRI Funding ServiceとJST申請様式の両方",
        "language_en": "英語で記載",
        "language_ja": "日本語で記載",
        "where": "記入先：",
        "language": "言語",
        "team_japan": "日本側研究チーム",
        "team_uk": "英国側研究チーム",
        "item": "項目",
        "japan": "日本側",
        "uk": "英国側",
        "cap": "上限",
        "cap_with_indirect": "間接経費を含む上限",
        "cap_in_yen": "円換算",
        "period": "研究期間",
        "funded_by": "支援する機関",
        "awards": "採択件数",
        "uk_not_stated": "説明資料に記載なし",
        "cap_japan": "<strong>{direct_cap}</strong>（直接経費）",
        "cap_uk": "<strong>{uk_cap}</strong>（FECの{fec_share}）<br>約{cap_jpy}（{exchange_rate}で換算）",
        "cap_with_indirect_japan": "<strong>{total_cap}</strong>（JST公表値。直接経費の{indirect_rate}の間接経費を含む。計算上は{total_exact}）",
        "period_japan": "原則{period}（{months}）",
        "period_uk": "{period}（{start}から）",
        "not_applicable": "—",
        "step": "ステップ",
    },
    "en": {
        "side_japan": "Japanese side",
        "side_uk": "UK side",
        "side_all": "Both sides",
        "who": "Who",
        "status_upcoming": "Not yet open",
        "status_open": "Open",
        "status_closed": "Closed",
        "status_upcoming_text": "This call has not opened yet. It opens on {opens}.",
        "status_open_text": "This call is open. It opened on {opens}.",
        "status_closed_text": "This call has closed. Its information is kept below, unchanged, for reference. It opened on {opens}.",
        "status_closed_next": "For the next call, watch for JST's announcement.",
        "status_next": "Next deadline: {when}",
        "frame": "Frame",
        "direct_cap": "Cap (direct costs)",
        "total_cap": "Cap with indirect costs",
        "total_cap_note": " (as JST publishes it; computed: {exact})",
        "duration": "Length",
        "not_eligible": "Restriction: if it applies, you may not apply",
        "eligible_with_consequence": "You may apply: but being selected has a consequence",
        "rule": "Rule",
        "criterion": "Criterion",
        "points": "What reviewers look for",
        "where_uk": "UKRI Funding Service (the UK application)",
        "where_japan": "JST application form",
        "where_all": "Both the UKRI Funding Service and the JST form",
        "language_en": "Written in English",
        "language_ja": "Written in Japanese",
        "where": "Where: ",
        "language": "Language",
        "team_japan": "Japanese team",
        "team_uk": "UK team",
        "item": "Item",
        "japan": "Japanese side",
        "uk": "UK side",
        "cap": "Cap",
        "cap_with_indirect": "Cap with indirect costs",
        "cap_in_yen": "In yen",
        "period": "Project period",
        "funded_by": "Funded by",
        "awards": "Projects to be funded",
        "uk_not_stated": "Not stated in JST's briefing",
        "cap_japan": "<strong>{direct_cap}</strong> in direct costs",
        "cap_uk": "<strong>{uk_cap}</strong> ({fec_share} of the full economic cost, FEC)<br>about {cap_jpy} at {exchange_rate}",
        "cap_with_indirect_japan": "<strong>{total_cap}</strong> (JST's figure, with indirect costs of {indirect_rate} of direct costs; computed exactly: {total_exact})",
        "period_japan": "{period} in principle ({months})",
        "period_uk": "{period} (from {start})",
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
    """Caps per side, side by side: what each funder pays, with and without indirect costs, for how long."""
    def f(p, v=None):
        return _fact(f"{path}.{p}", ctx, v)

    t = LABELS[ctx.lang]
    return render_template(
        "guide_caps.html",
        t=t,
        funder_japan=_fact("joint_call.partners.japan.name", ctx),
        funder_uk=_fact("joint_call.partners.uk.name", ctx),
        cap_japan=Markup(t["cap_japan"]).format(direct_cap=f("japan.direct_cap")),
        cap_uk=Markup(t["cap_uk"]).format(uk_cap=f("uk.cap"), fec_share=f("uk.fec_share"), cap_jpy=f("uk.cap_jpy"), exchange_rate=f("exchange_rate")),
        cap_with_indirect_japan=Markup(t["cap_with_indirect_japan"]).format(
            total_cap=f("japan.total_cap"), indirect_rate=f("indirect_rate"), total_exact=f("japan.total_cap", "exact")
        ),
        period_japan=Markup(t["period_japan"]).format(period=f("period.japan.duration"), months=f("period.japan.months")),
        period_uk=Markup(t["period_uk"]).format(period=f("period.uk.duration"), start=f("period.uk.start")),
        awards=f("awards"),
    )


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
    steps = [{"who": step.who, "who_label": t[f"side_{step.who}"], "text": _fact(f"{path}.{i}.text", ctx)} for i, step in enumerate(value)]
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
    """The proposal's parts: where each goes (UK form, JST form), its language and its points."""
    _items(value, path, ContentPart)
    t = LABELS[ctx.lang]
    parts = []
    for i, part in enumerate(value):
        p = f"{path}.{i}"
        parts.append(
            {
                "id": part.id.replace("_", "-"),
                "title": _fact(f"{p}.title", ctx),
                "where": t[f"where_{part.where}"],
                "language": t[f"language_{part.language}"],
                "language_code": part.language,
                "points": [_fact(f"{p}.points.{k}", ctx) for k in range(len(part.points))],
            }
        )
    return render_template("guide_proposal.html", t=t, parts=parts)


def team_roles_block(value: Teams, path: str, ctx: Context) -> Markup:
    """The two teams side by side (stacked on phones): roles, with notes where JST gives one."""

    def roles(side: str) -> list[dict[str, Markup | None]]:
        items = getattr(value, side)
        return [
            {"role": _fact(f"{path}.{side}.{i}.role", ctx), "note": _fact(f"{path}.{side}.{i}.note", ctx) if r.note else None}
            for i, r in enumerate(items)
        ]

    t = LABELS[ctx.lang]
    return render_template("guide_teams.html", t=t, teams=[(t["team_japan"], roles("japan")), (t["team_uk"], roles("uk"))])


def original_block(value: Text, path: str, ctx: Context) -> Markup:
    """A text as its source wrote it, in English, whatever the page language (the UK call's own wording)."""
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
