"""Our own CSS and JavaScript as the built site serves them: minified by rcssmin and rjsmin.

The sources in ``callguide/assets/`` stay readable (comments say why a rule or a line is there);
the reader downloads them without comments and needless blanks. Both libraries only drop what
the language ignores (comments, blanks), they rename nothing and rewrite no value, so a page
behaves as with the sources (tests/test_asset_minify.py compares the rules of each stylesheet
and has node parse each script; the browser tests run the minified scripts). rjsmin reads template
literals only when none holds another one: our scripts use none today, and must not nest them.

No cache: measured on this site's ten files (54 KB), both libraries' C code minifies all of
them in well under a millisecond and imports in about 1.5 ms, less than reading a cache entry
would cost per build. Source maps are not made (nobody debugs the built copies).
"""
from __future__ import annotations

import rcssmin
import rjsmin


def minified(name: str, data: bytes) -> bytes:
    """The bytes of a packaged asset as the site serves them: CSS and JavaScript minified, anything else as is."""
    if name.endswith(".css"):
        return rcssmin.cssmin(data)
    if name.endswith(".js"):
        return rjsmin.jsmin(data)
    return data
