"""Interface words (column headings, buttons) exist in both languages: none falls back silently."""
import importlib
import pkgutil

import pytest

import callguide
import callguide.blocks


def label_tables():
    modules = ["callguide." + m.name for m in pkgutil.iter_modules(callguide.__path__)]
    modules += ["callguide.blocks." + m.name for m in pkgutil.iter_modules(callguide.blocks.__path__)]
    for name in modules:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.isupper() and isinstance(value, dict) and set(value) == {"ja", "en"}:
                yield f"{name}.{attr}", value


TABLES = list(label_tables())


def test_label_tables_are_found():
    assert len(TABLES) >= 4


@pytest.mark.parametrize("name, table", TABLES, ids=[n for n, _ in TABLES])
def test_both_languages_have_the_same_non_empty_labels(name, table):
    ja, en = table["ja"], table["en"]
    if isinstance(ja, dict):
        assert set(ja) == set(en), f"{name}: only ja {set(ja) - set(en)}, only en {set(en) - set(ja)}"
        empty = [k for k in ja if not str(ja[k]).strip() or not str(en[k]).strip()]
        assert empty == [], f"{name}: empty labels {empty}"
