"""The search index's build side (callguide.search): plain text, Japanese cut into words, one index per language."""
from __future__ import annotations

from callguide import search
from callguide.search import CUT, Segmenter, build_indexes, plain


def test_plain_text_keeps_labels_apart():
    assert plain("<p>UK deadline</p><p><span>Done</span></p>") == "UK deadline Done"
    assert plain("<li><strong>研究</strong>セキュリティ</li>") == "研究セキュリティ"
    assert plain("<p>A &amp; B</p>") == "A & B"


def test_japanese_is_cut_into_the_analysers_shortest_words():
    cut = Segmenter()("日本側の若手研究者と研究セキュリティ")
    assert cut.replace(CUT, "") == "日本側の若手研究者と研究セキュリティ"
    words = cut.split(CUT)
    assert {"若手", "研究", "者", "セキュリティ"} <= set(words), words


def test_english_is_left_as_it_is():
    assert Segmenter()("Research security and UKRI") == "Research security and UKRI"


def test_cut_texts_come_from_the_cache_without_the_analyser(tmp_path, monkeypatch):
    cache = tmp_path / "cuts.json"
    first = Segmenter(cache)
    cut = first("重複応募の制限")
    first.save()
    monkeypatch.setattr(search, "_tokenizer", lambda: (_ for _ in ()).throw(AssertionError("the analyser was loaded")))
    again = Segmenter(cache)
    assert again("重複応募の制限") == cut
    again.save()
    assert cache.exists()


def test_one_index_per_language_and_every_section_has_an_anchor():
    entries = [
        {"location": "security/", "title": "研究セキュリティ", "text": "<p>本公募では研究セキュリティ</p>"},
        {"location": "security/#steps", "title": "手順", "text": "<p>審査</p>"},
        {"location": "en/security/", "title": "Research security", "text": "<p>In this call</p>"},
    ]
    out = build_indexes(entries, {"security/": "security", "en/security/": "security"}, Segmenter())
    assert [p[0] for p in out["ja"]] == ["security/"] and [p[0] for p in out["en"]] == ["en/security/"]
    assert [s[0] for s in out["ja"][0][2]] == ["security", "steps"]
    assert out["en"][0][2][0][2] == "In this call"
