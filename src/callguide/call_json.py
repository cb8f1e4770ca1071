"""call.json, the facts for programs, and call.schema.json, its JSON Schema: both made from the model.

call.json holds every fact at the path pages name it by (``data-fact``) with its canonical value,
the derived values in place of the typed figures they absorb (derived.py), and every text as plain
text in each language: its markers rendered as they read on a page in that language, its Markdown
reduced to its words (``render.plain_text``), so a reader never meets ``{{ call.fiscal_year }}``.
Any other key of a text (such as a flag) is kept as the model writes it.

The schema is pydantic's serialization schema of the same model, changed as call.json is: derived
values where they are put, texts described as plain text, a field written only when present not
required. It is published beside call.json, which names it by the relative ``"$schema":
"call.schema.json"``: resolved against call.json's own address, that is the file beside it at any
base path (call.json is written once, at the site's root; an archived year has its own pair).

``format_version`` is an integer, 1 for the first format that has it (a call.json without it holds
the texts as typed, with their markers). It goes up by one whenever the shape the schema describes
changes (a key added, removed, renamed or retyped), so a reader can tell which shape it holds;
``FORMAT_SHAPE`` records the shape of this version and a test fails when the two part.
"""
from __future__ import annotations

import functools
import hashlib
import json
from typing import TYPE_CHECKING, Any

from pydantic.json_schema import models_json_schema

from .derived import SCHEMA_DERIVED, derived
from .format import LANGS
from .languages import language
from .model import Call

if TYPE_CHECKING:
    from .facts import Facts

# A string, not a number: it is about the file, not a fact of the call (every number in call.json is a
# fact rendered on the pages). "1", "2", … raised by one with each change of shape.
FORMAT_VERSION = "8"
# sha256 of the schema without its titles and descriptions (``shape_fingerprint``), first 16 digits.
FORMAT_SHAPE = "9f689ee1cc994067"
SCHEMA_FILE = "call.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Keys of call.json that are about the file, not facts of the call: its schema, its format, and the
# source of each fact (path → a document of ``sources`` and the place in it, computed from, or the guide's own).
META = ("$schema", "format_version", "fact_sources")



def text(facts: Facts) -> str:
    """call.json's text (made once per build and kept with the checked facts: ``pipeline.Checked.call_json``)."""
    return json.dumps(tree(facts), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def tree(facts: Facts) -> dict[str, Any]:
    """The tree written to call.json: canonical values, derived values, plain texts."""
    from .provenance import fact_paths, source_of
    from .render import Context, plain_text  # render imports facts, which asks for this tree

    out: dict[str, Any] = {"$schema": SCHEMA_FILE, "format_version": FORMAT_VERSION}
    out["fact_sources"] = {path: source_of(facts, path).as_json() for path in fact_paths(facts)}
    out.update(facts.call.model_dump(mode="json", exclude_none=True))
    for d in derived(facts.call):
        if d.replaces:
            parent, key = _parent(out, d.replaces)
            parent.pop(key, None)
        parent, key = _parent(out, d.path)
        parent[key] = facts.get(d.path).model_dump(mode="json", exclude_none=True)
    contexts = [Context(facts, lang) for lang in LANGS]
    for path, text in facts.texts():
        parent, key = _parent(out, path)
        parent[key] = {**parent[key], **{ctx.lang: plain_text(text[ctx.lang], ctx) for ctx in contexts}}
    return out


def _parent(tree: dict[str, Any], path: str) -> tuple[Any, Any]:
    """The dict or list holding ``path`` and the key or index of ``path`` in it (missing dicts are made)."""
    *parents, last = path.split(".")
    node: Any = tree
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    return node, int(last) if isinstance(node, list) else last


# --- the schema -----------------------------------------------------------------------


def schema() -> dict[str, Any]:
    """call.json's JSON Schema (draft 2020-12)."""
    kinds = sorted({d.kind for d in SCHEMA_DERIVED}, key=lambda k: k.__name__)
    refs, top = models_json_schema([(Call, "serialization")] + [(k, "serialization") for k in kinds])
    defs: dict[str, Any] = top["$defs"]
    root = defs.pop(Call.__name__)
    for d in SCHEMA_DERIVED:
        _derive(root, defs, d.path, d.replaces, refs[(d.kind, "serialization")], d.optional)
    for definition in defs.values():
        _absent_when_none(definition)
    _absent_when_none(root)
    _plain_texts(defs["Text"])
    return {
        "$schema": DRAFT,
        "title": "ASPIRE call facts (call.json)",
        "description": (
            "Every fact of the call at the path pages name it by (data-fact), with its canonical value: times in ISO 8601 "
            "with their offset and IANA zone, amounts in whole units of their currency, rates as decimals, lengths of time "
            "as ISO 8601 periods, sizes in bytes; values computed from others in place of the typed figures they absorb; "
            "every text as plain text in Japanese (ja) and English (en)."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "$schema": {"const": SCHEMA_FILE, "description": "This schema, relative to call.json's own address."},
            "format_version": {
                "const": FORMAT_VERSION,
                "description": "Raised by one whenever the shape this schema describes changes.",
            },
            "fact_sources": _FACT_SOURCES,
            **root["properties"],
        },
        "required": [*META, *root["required"]],
        "$defs": defs,
    }


@functools.cache
def schema_text() -> str:
    """call.schema.json's text (made once a process: it depends on the code alone)."""
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def shape_fingerprint() -> str:
    """What ``FORMAT_SHAPE`` records: the schema's shape, without the words that explain it."""
    shape = json.dumps(_without_words(schema()), sort_keys=True)
    return hashlib.sha256(shape.encode("utf-8")).hexdigest()[:16]


def _without_words(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_words(v) for k, v in node.items() if k not in ("title", "description")}
    if isinstance(node, list):
        return [_without_words(v) for v in node]
    return node


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The object schema a property stands for: its $ref followed (optional values are removed later)."""
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _object_at(root: dict[str, Any], defs: dict[str, Any], parts: list[str]) -> dict[str, Any]:
    node = root
    for part in parts:
        node = _resolve(node, defs)
        # ``*``: any key of a block keyed by ids the staff choose (partners.*).
        node = node["items"] if part.isdigit() else node["additionalProperties"] if part == "*" else node["properties"][part]
    return _resolve(node, defs)


def _derive(root: dict[str, Any], defs: dict[str, Any], path: str, replaces: str | None, ref: dict[str, Any], optional: bool = False) -> None:
    """Describe a derived value at ``path`` and drop the typed field it replaces.

    The change is made to the block's definition, which every use of that block shares: the two
    frames of the single call are derived alike. A block derived at one use and not at another would
    need its own definition; the test that call.json validates against this schema would show it.
    An ``optional`` value (a partner's cap in yen, absent when it states no cap) is not required.
    """
    if replaces:
        *parents, last = replaces.split(".")
        block = _object_at(root, defs, parents)
        block["properties"].pop(last, None)
        block["required"] = [r for r in block.get("required", []) if r != last]
    *parents, last = path.split(".")
    block = _object_at(root, defs, parents)
    block["properties"][last] = {**ref, "description": "Computed from other facts of the call; never typed."}
    if not optional and last not in block.setdefault("required", []):
        block["required"].append(last)


_PLACE = {
    "type": "object",
    "description": "The place in the document (a slide's heading, a section), in Japanese (ja) and English (en).",
    "properties": {"ja": {"type": "string"}, "en": {"type": "string"}},
    "required": ["ja", "en"],
    "additionalProperties": False,
}
_FACT_SOURCES = {
    "type": "object",
    "description": (
        "Where each fact comes from, by its path: a document of `sources` (its id, and the place in it), computed from "
        "other facts (their paths, and the documents' rounded figure it is checked against), or a kind: own (this "
        "guide's reading or advice), guide (the guide's own working parts: ids, labels, questions), unrecorded (no "
        "source named yet)."
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "object", "properties": {"document": {"type": "string"}, "place": _PLACE},
             "required": ["document"], "additionalProperties": False},
            {"type": "object", "properties": {"computed_from": {"type": "array", "items": {"type": "string"}}, "stated": {"type": "string"}},
             "required": ["computed_from"], "additionalProperties": False},
            {"type": "object", "properties": {"kind": {"enum": ["own", "guide", "unrecorded"]}},
             "required": ["kind"], "additionalProperties": False},
        ]
    },
}


def _absent_when_none(definition: dict[str, Any]) -> None:
    """A model field that may be None is left out of call.json when it is (exclude_none): not required, never null."""
    for name, prop in definition.get("properties", {}).items():
        if "default" not in prop or prop["default"] is not None or "anyOf" not in prop:
            continue
        options = [o for o in prop.pop("anyOf") if o != {"type": "null"}]
        del prop["default"]
        if len(options) == 1:
            prop.update(options[0])
        else:
            prop["anyOf"] = options
        definition["required"] = [r for r in definition.get("required", []) if r != name]


def _plain_texts(text: dict[str, Any]) -> None:
    text["description"] = (
        "A text in Japanese (ja) and English (en), each as plain text: its fact markers rendered as they read on "
        "a page in that language, its Markdown and HTML reduced to their words."
    )
    for lang in LANGS:
        text["properties"][lang] = {"type": "string", "description": f"The text in {language(lang).english_name}, as plain text."}
