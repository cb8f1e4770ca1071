"""Small repairs to stock Material's HTML, kept apart so they can go when Material fixes them."""
from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    """``autocomplete`` is not allowed on checkboxes (Nu Html Checker error on Material's drawer toggles)."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
