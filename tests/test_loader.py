"""The strict loader: YAML 1.1 traps stay strings, dangerous or ambiguous YAML is refused, with its place."""
import pytest
from bilingual import headlines

from callguide.errors import DataError
from callguide.loader import load_file, load_text


def errors_of(text: str) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_text(text, "f.yaml")
    return headlines(exc.value.problems)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("a: [JP, NO]\n", {"a": ["JP", "NO"]}),  # Norway stays Norway
        ("a: yes\nb: off\n", {"a": "yes", "b": "off"}),  # no booleans by accident
        ("a: 1:30\n", {"a": "1:30"}),  # no base-60 numbers
        ("a: 0755\n", {"a": "0755"}),  # no octal
        ("a: 14:00\n", {"a": "14:00"}),
        ("a: 2025-05-09 14:00:00\n", {"a": "2025-05-09 14:00:00"}),  # no naive datetimes
        ("a: ~\nb: ''\n", {"a": None, "b": ""}),
    ],
)
def test_scalars_stay_as_typed(source, expected):
    assert load_text(source, "f.yaml").data == expected


def test_positions_point_at_values():
    loaded = load_text("a:\n  b: [x, y]\n", "f.yaml")
    assert loaded.where(("a", "b", 1)) == (2, 10)
    assert loaded.where_key(("a", "b")) == (2, 3)


def test_duplicate_keys_are_refused():
    assert errors_of("a: 1\nb: 2\na: 3\n") == ["f.yaml:3:1: a: duplicate key 'a' (first written on line 1)"]


def test_anchors_and_aliases_are_refused():
    assert errors_of("a: &x 1\nb: *x\n") == ["f.yaml:1:4: anchors (&x) are not allowed; write each value out"]
    assert errors_of("a: 1\nb: *x\n") == ["f.yaml:2:4: aliases (*name) are not allowed; write the value out"]


def test_merge_keys_are_refused():
    assert errors_of("a: {x: 1}\nb:\n  <<: {x: 2}\n") == ["f.yaml:3:3: b: merge keys (<<) are not allowed; write the keys out"]


def test_unknown_tags_are_refused():
    assert errors_of("a: !custom 1\n") == ["f.yaml:1:4: a: tags such as !custom are not allowed"]
    assert errors_of("a: !!python/object:os.system 1\n") == [
        "f.yaml:1:4: a: tags such as tag:yaml.org,2002:python/object:os.system are not allowed"
    ]


def test_shift_jis_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "call.yaml"
    path.write_bytes("a: 日本語\n".encode("shift_jis"))
    with pytest.raises(DataError) as exc:
        load_file(path, "data/call.yaml")
    assert headlines(exc.value.problems) == ["data/call.yaml:1:4: the file is not UTF-8 (it looks like Shift_JIS); save it as UTF-8"]


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "call.yaml"
    path.write_bytes("\ufeffa: 日本語\r\nb: [NO]\r\n".encode("utf-8"))
    assert load_file(path).data == {"a": "日本語", "b": ["NO"]}


def test_control_characters_are_located():
    assert errors_of("a: b\x07c\n") == ["f.yaml:1:5: character U+0007 is not allowed; delete it (control characters cannot be used)"]


def test_colon_in_unquoted_text_gets_a_hint():
    assert errors_of("a:\n  en: This: breaks\n") == [
        "f.yaml:2:11: not valid YAML: mapping values are not allowed here (a text that contains ': ' must be put in double quotes)"
    ]


def test_tabs_get_a_hint():
    assert errors_of("a:\n\tb: 1\n") == ["f.yaml:2:1: not valid YAML: found character '\\t' that cannot start any token (indent with spaces, not tabs)"]


def test_commas_in_numbers_get_a_hint():
    assert errors_of("a: {amount: 285,000,000, currency: JPY}\n") == ["f.yaml:1:17: a: write numbers without commas (2500000, not 2,500,000)"]


def test_empty_file():
    assert errors_of("") == ["f.yaml:1:1: the file is empty"]


def test_missing_file(tmp_path):
    with pytest.raises(DataError) as exc:
        load_file(tmp_path / "nope.yaml", "data/nope.yaml")
    assert headlines(exc.value.problems) == ["data/nope.yaml:1:1: cannot read the file: No such file or directory"]


def test_every_problem_is_reported_at_once():
    assert errors_of("a: 1\na: 2\nb: &x 3\n")[0].startswith("f.yaml:3:4: anchors")  # stops at the first parse error
    assert len(errors_of("a: 1\na: 2\nb: 1\nb: 2\n")) == 2



def test_deep_flow_nesting_is_refused_where_it_passes_the_limit():
    deep = "more than 64 lists and blocks inside one another; check that every [ and { is closed, and the indentation"
    assert errors_of("a: " + "[" * 4000 + "]" * 4000 + "\n") == [f"f.yaml:1:67: {deep}"]  # the file's block is the 1st level, the 64th '[' the 65th
    assert errors_of("a: " + "{k: " * 2000 + "\n") == [f"f.yaml:1:{4 + 4 * 63}: {deep}"]  # never closed


def test_deep_block_nesting_is_refused_where_it_passes_the_limit():
    text = "".join(" " * i + f"k{i}:\n" for i in range(100))
    deep = "more than 64 lists and blocks inside one another; check that every [ and { is closed, and the indentation"
    assert errors_of(text) == [f"f.yaml:65:65: {deep}"]  # the file's block is the 1st level; the 65th starts on line 65


def test_nesting_up_to_the_limit_is_read():
    loaded = load_text("a: " + "[" * 63 + "x" + "]" * 63 + "\n", "f.yaml")  # 64 levels with the file's block
    assert loaded.where(("a",) + (0,) * 63) == (1, 67)


def test_overlong_line_is_refused_where_it_passes_the_limit():
    text = "a: b\nc: " + "x" * 10_000 + "\n"
    assert errors_of(text) == [
        "f.yaml:2:10001: a line of 10,003 characters, longer than the 10,000 allowed; "
        "no text of a call is this long: look for something pasted in by mistake"
    ]


def test_overlarge_file_is_refused_where_it_passes_the_limit():
    text = "a: b\n" + ("# " + "x" * 98 + "\n") * 10_000  # 1,010,005 bytes: the 1,000,001st is on line 9902, column 96
    assert errors_of(text) == [
        "f.yaml:9902:96: the file is 1,010,005 bytes, larger than the 1,000,000 allowed, and passes the limit here; "
        "a call's data is far smaller: look for something pasted in by mistake"
    ]
