"""Gate 1 (language of parts, WCAG 3.1.2): text in the other language carries the right ``lang``.

Every page of both languages is loaded in Chromium (so text written by our scripts counts too),
and every text node and text attribute (title, aria-label, alt, placeholder) is read with the
language that applies to it (the nearest ``lang``):
- Japanese script (kana, kanji, full-width forms) must be in ``lang="ja"``;
- in Japanese, a run of two or more English words (a name such as "UKRI Funding Service", a
  sentence) must be in ``lang="en"``. Single words, acronyms and addresses (JST, e-Rad, PDF,
  an email address) are names that read the same in either language and are left alone.
"""
from __future__ import annotations

import os
import re

import pytest
from conftest import walk_probe, walk_problems
from hypothesis import given, settings
from hypothesis import strategies as st

PROBE = r"""() => {
  const JA = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
  const EN = /[A-Za-z][A-Za-z'’]*(?:[-\s]+(?:of|the|and|for|to|in|on|a|an|[A-Za-z][A-Za-z'’]*))+/;
  const EN_WORDS = /(?:^|[^\w@.\/:-])([A-Za-z][A-Za-z'’]+(?:\s+[A-Za-z][A-Za-z'’]*)+)/;
  const bad = [];
  const langOf = (el) => ((el.closest('[lang]') || document.documentElement).getAttribute('lang') || '').split('-')[0];
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement)
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
    return parts.join(' > ');
  };
  const check = (text, el, what) => {
    const lang = langOf(el);
    if (lang !== 'ja' && JA.test(text)) bad.push(`${where(el)}${what}: Japanese text in lang="${lang}": ${JSON.stringify(text.trim().slice(0, 80))}`);
    const m = lang === 'ja' && text.match(EN_WORDS);
    if (m) bad.push(`${where(el)}${what}: English words in lang="ja": ${JSON.stringify(m[1].slice(0, 80))} in ${JSON.stringify(text.trim().slice(0, 80))}`);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, template, noscript, svg') || !n.nodeValue.trim()) continue;
    check(n.nodeValue, el, '');
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [alt], [placeholder]'))
    for (const a of ['title', 'aria-label', 'alt', 'placeholder'])
      if (el.hasAttribute(a)) check(el.getAttribute(a), el, ` @${a}`);
  if (document.title) check(document.title, document.head, ' <title>');
  return bad;
}"""


@walk_probe("lang")
def lang_problems(visit) -> list[str]:
    return visit.page.evaluate(PROBE)


@pytest.mark.browser
@pytest.mark.build
def test_text_in_the_other_language_has_its_lang(page_walk):
    problems = walk_problems(page_walk(1280)["lang"])
    assert not problems, f"{len(problems)} text(s) without the right lang:\n" + "\n".join(problems[:80])


@pytest.mark.browser
def test_the_probe_finds_unmarked_text(browser):
    page = browser.new_page()
    page.set_content('<html lang="en"><body><p>Write it in Japanese (日本語).</p><p lang="ja">英国側の <b>UKRI Funding Service</b> と JST</p>'
                     '<p lang="ja">e-Rad と aspire@jst.go.jp と <span lang="en">Funding Service</span></p></body></html>')
    found = page.evaluate(PROBE)
    page.close()
    assert len(found) == 2 and "日本語" in found[0] and "UKRI Funding Service" in found[1], found


def test_mark_language_parts_wraps_runs_and_leaves_code_alone():
    from callguide.lang_parts import mark_language_parts

    ja = mark_language_parts('<head><title>A B</title></head><body><p>EPSRCのFunding opportunity（公募要領）とJST&#39;s form、e-Rad、a@b.jp</p>'
                             '<code>two words</code><select><option>Yes please</option></select>'
                             '<a href="../en/" hreflang="en" class="md-select__link">English</a></body>', "ja")
    assert '<p>EPSRCの<span lang="en">Funding opportunity</span>（公募要領）と<span lang="en">JST&#39;s form</span>、e-Rad、a@b.jp</p>' in ja
    assert "<code>two words</code>" in ja and "<option>Yes please</option>" in ja and "<title>A B</title>" in ja
    assert 'hreflang="en" lang="en" class="md-select__link"' in ja
    en = mark_language_parts('<body><p>Fields marked "(日本語)" and 「法令遵守」.</p></body>', "en")
    assert '"(<span lang="ja">日本語</span>)"' in en and '<span lang="ja">「法令遵守」</span>' in en


def test_text_already_in_the_other_language_is_not_wrapped_again():
    from callguide.lang_parts import mark_language_parts

    html = '<body><p lang="en">Page not found. <a href="/en/">Go <br>home now</a></p><p>次は English words</p></body>'
    assert mark_language_parts(html, "ja") == ('<body><p lang="en">Page not found. <a href="/en/">Go <br>home now</a></p>'
                                               '<p>次は <span lang="en">English words</span></p></body>')


# The runs by their plain definitions: what lang_parts' quicker patterns must find, exactly.
_PLAIN_WORD = r"[A-Za-z](?:[A-Za-z0-9'’-]|&#(?:39|x27);)*"
_PLAIN_RUNS = {
    "en": re.compile(rf"(?<![A-Za-z0-9_@./:&#;-]){_PLAIN_WORD}(?:[ \u00a0]+{_PLAIN_WORD})+(?![A-Za-z0-9_@/:-])"),
    "ja": re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]*[\u3040-\u30ff\u3400-\u9fff][\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]*"),
}


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "9", "_", "@", ".", "/", ":", "&", "#", ";", "-", "'", "’", " ", "\u00a0", "&#39;", "&#x27;",
                                 "あ", "ア", "漢", "、", "。", "！", "（", "\u3000", "x", "e-Rad", "JST", "<b>", "</b>"]), max_size=40), st.sampled_from(["ja", "en"]))
def test_the_runs_marked_are_those_of_their_plain_definitions(pieces, lang):
    """lang_parts finds its runs with patterns written for speed (see there); on any text they mark what
    the plain patterns mark."""
    from callguide.lang_parts import mark_language_parts

    text = "".join(pieces)
    other = "en" if lang == "ja" else "ja"
    # Each text between tags on its own (a tag ends a run, as the page's tags do).
    expected = "".join(part if part.startswith("<") else _PLAIN_RUNS[other].sub(lambda m: f'<span lang="{other}">{m[0]}</span>', part)
                       for part in re.split(r"(<[^>]*>)", text))
    assert mark_language_parts(f"<body><p>{text}</p></body>", lang) == f"<body><p>{expected}</p></body>"


@pytest.mark.browser
@pytest.mark.build
def test_text_our_scripts_rewrite_on_another_day_has_its_lang(browser, fixture_served):
    """Read on another day than the build's (a day before the UK deadline, whose name is English),
    the schedule page rewrites its status and countdown in the browser: the name keeps its lang.
    On the frozen 2025 call: which deadline comes next, and its name, are values of that call."""
    from datetime import timedelta

    from conftest import FIXTURE_DATA

    from callguide.pipeline import load

    facts = load(FIXTURE_DATA, "data/call.yaml")
    uk = facts.call.schedule["uk_deadline"]
    problems, countdowns = [], []
    for url in ("schedule/", "en/schedule/"):
        ctx = browser.new_context(timezone_id="Asia/Tokyo")
        page = ctx.new_page()
        page.clock.install(time=uk.when.instant - timedelta(days=1))
        page.goto(fixture_served.base_url + url)
        countdowns.append(page.locator(".cg-countdown").inner_html())
        problems += [f"{url}: {p}" for p in page.evaluate(PROBE)]
        ctx.close()
    assert uk.title["en"] in countdowns[1]
    assert '<span lang="en">UKRI Funding Service</span>' in countdowns[0], countdowns[0]  # rewritten, not the build's (closed: no countdown)
    assert not problems, "\n".join(problems)
