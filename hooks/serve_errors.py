"""`make serve` with a problem in the data or a page: the browser shows it (see callguide.serve_errors).

MkDocs' server holds every request while the last build failed ("The server will appear stuck
until build errors are resolved") and stops altogether when the first build fails. Under
``mkdocs serve`` only, this hook wraps the build the server calls (``mkdocs.commands.serve.build``)
so that a failed build is kept, not raised: the server goes on (the first build included),
nothing is written to its folder (hooks/output_swap.py), and every page request is answered with
the list of problems, with the server's live-reload script: the page reloads by itself when a
later build succeeds. Other requests (the previous site's styles, scripts) are served as before.
"""
from __future__ import annotations

import logging

from build_state import STATE

from callguide.serve_errors import error_page, problems_of

log = logging.getLogger("mkdocs.hooks.serve_errors")


def on_startup(command, dirty):
    if command != "serve":
        return
    import mkdocs.commands.serve as serve_module

    if getattr(serve_module.build, "keeps_failures", False):
        return
    build = serve_module.build

    def build_or_keep_failure(config, **kwargs):
        try:
            build(config, **kwargs)
        except Exception as exc:  # the build's own message is already in the terminal
            problems, message = problems_of(exc)
            STATE.serve_failure = error_page(problems, message)
            log.info("The browser shows the problems until they are fixed; the preview reloads then. / 問題はブラウザにも表示され、直すとプレビューが自動で読み込み直されます。")
            return
        STATE.serve_failure = None

    build_or_keep_failure.keeps_failures = True
    serve_module.build = build_or_keep_failure


def on_serve(server, config, builder):
    serve_file = server._serve_request

    def serve_or_show_problems(environ, start_response):
        page = STATE.serve_failure
        path = environ.get("PATH_INFO", "")
        wants_page = path.endswith(("/", ".html")) or "text/html" in environ.get("HTTP_ACCEPT", "")
        if page is None or path.startswith("/livereload/") or not wants_page:
            return serve_file(environ, start_response)
        body = server._inject_js_into_html(page, server._visible_epoch)
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    server._serve_request = serve_or_show_problems
    return server
