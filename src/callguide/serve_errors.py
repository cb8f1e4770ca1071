"""The page `make serve` answers with while the files have problems (a development server's error overlay).

MkDocs' development server holds every request while a build fails and shows nothing in the
browser. hooks/serve_errors.py keeps the last failure and answers every page with this
page instead: every problem with its ``file:line:col``, path, and message in both languages
(or the build's own message when it failed otherwise). The server adds its live-reload script,
so the page turns back into the site by itself once the files are fixed.
"""
from __future__ import annotations

from markupsafe import Markup

from .errors import DataError, Problem

STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; background: #fff; color: #111; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.4rem; color: #8a0000; margin: 0 0 .5rem; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 1rem; padding: .5rem .75rem; border-left: 4px solid #8a0000; background: #fbf3f3; }
li p { margin: .1rem 0; }
code, pre { font-family: ui-monospace, monospace; font-size: .95em; }
.where code { font-weight: 700; }
pre { white-space: pre-wrap; background: #fbf3f3; padding: .75rem; border-left: 4px solid #8a0000; }
"""


def problems_of(error: BaseException) -> tuple[list[Problem], str]:
    """The located problems behind a failed build (its DataError, however deep in the chain), and its message."""
    message = ""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DataError):
            return current.problems, message
        text = str(current)
        if text and not text.startswith("Aborted with") and not message:
            message = text
        current = current.__cause__ or current.__context__
    return [], message or str(error)


def error_page(problems: list[Problem], message: str) -> bytes:
    """The whole page, in both languages."""
    if problems:
        count = len(problems)
        heading = Markup(f"サイトを作れませんでした：問題が {count} 件あります <span lang=\"en\">/ The site was not built: {count} problem(s)</span>")
        items = Markup("").join(
            Markup(
                '<li><p class="where"><code>{where}</code>{path}</p><p lang="en">{en}</p><p>{ja}</p></li>\n'
            ).format(
                where=f"{p.file}:{p.line}:{p.col}",
                path=Markup(": <code>{}</code>").format(p.path) if p.path else "",
                en=p.message,
                ja=p.message_ja,
            )
            for p in problems
        )
        body = Markup("<ol>\n{}</ol>").format(items)
    else:
        heading = Markup('サイトを作れませんでした <span lang="en">/ The site was not built</span>')
        body = Markup("<pre>{}</pre>").format(message)
    page = Markup(
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>問題があります / Problems to fix</title>\n<style>{style}</style>\n</head>\n<body>\n"
        '<main id="callguide-build-errors">\n<h1>{heading}</h1>\n'
        "<p>直して保存すると、このページは自動で読み込み直されます。サイトの出力は前のままです（何も書き込まれていません）。"
        "同じ一覧は <code>make serve</code> の端末と <code>make check</code> にも出ます。</p>\n"
        '<p lang="en">Fix them and save: this page reloads by itself. The output was left as it was (nothing was written). '
        "The same list is in the <code>make serve</code> terminal and from <code>make check</code>.</p>\n"
        "{body}\n</main>\n</body>\n</html>\n"
    ).format(style=Markup(STYLE), heading=heading, body=body)
    return str(page).encode("utf-8")


__all__ = ["error_page", "problems_of"]
