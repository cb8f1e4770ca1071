"""The keyboard order in Chromium: every stop Tab reaches is visible and has a name, on every page.

axe reports a focusable element that is hidden from assistive technology (``aria-hidden-focus``)
only as "needs review", which a gate on violations never sees: Material drew a 0×0, aria-hidden,
unnamed palette radio (``#__palette_0``) in the Tab order of every page. This test presses Tab
from the top of each page until focus comes back to the first stop, as a keyboard user would, and
records each stop as it receives focus (so a skip link that appears on focus counts as visible):
- visible: not hidden (display, visibility, opacity 0 on it or an ancestor), larger than 1×1 px,
  and inside the window once scrolled to;
- not hidden from assistive technology (``aria-hidden`` on it or an ancestor);
- named: Chromium's own accessibility tree gives it a non-empty accessible name.
Every built page of both languages is read, the 404 pages and archived years included, on the
shared page walk (conftest.page_walk: the 404 pages at the host's root, so that they are styled). A page whose order does not come back to its
first stop within MAX_STOPS fails (a keyboard trap, or a runaway order).

The walk runs at two widths: 1280 px (Material's desktop layout) and 390 px (a phone). Below
76.25em Material folds the navigation into a drawer, and below 60em the search field into a header
button; both buttons are <label>s, which keyboard focus never reaches, and the closed drawer's links
and the closed search field stay in the Tab order, invisible. material-a11y.js turns the labels into
buttons and site.css makes the closed panels unreachable; the phone tests below open them from the
keyboard.
"""
from __future__ import annotations

import pytest
from conftest import walk_probe, walk_problems

MAX_STOPS = 300  # the longest page has about 70 stops
CHECK_EVERY = 10  # Tab presses between two looks at whether the order has come round

# Installed once per page load, before the first Tab. Transitions are turned off so that what
# focus reveals (the skip link fades in) is read in its final state, not mid-fade.
RECORD = r"""() => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }';
  document.head.append(style);
  window.__stops = []; window.__seen = []; window.__looped = false;
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    if (window.__looped) return;
    if (window.__stops.length && el === window.__stops[0]) { window.__looped = true; return; }
    el.scrollIntoView({block: 'nearest', inline: 'nearest'});
    const r = el.getBoundingClientRect();
    const problems = [];
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) problems.push('hidden (display, visibility or opacity)');
    if (r.width <= 1 || r.height <= 1) problems.push(`${Math.round(r.width)}×${Math.round(r.height)} px`);
    else if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) problems.push('outside the window');
    if (el.closest('[aria-hidden="true"]')) problems.push('aria-hidden');
    const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].filter(c => c !== 'focus-visible').join('.') : '');
    window.__stops.push(el);
    window.__seen.push({what, text: (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40), problems});
  }, true);
}"""

TAB = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}


def press_tab(cdp) -> None:
    """A real Tab key press (down and up), sent straight to Chromium: half the round trips of page.keyboard.press."""
    cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **TAB})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **TAB})


def accessible_names(cdp) -> list[tuple[str, bool]]:
    """(name, ignored) of each recorded stop, from Chromium's accessibility tree."""
    stops = cdp.send("Runtime.evaluate", {"expression": "window.__stops"})["result"]["objectId"]
    props = cdp.send("Runtime.getProperties", {"objectId": stops, "ownProperties": True})["result"]
    elements = sorted((int(p["name"]), p["value"]["objectId"]) for p in props if p["name"].isdigit())
    out = []
    for _, element in elements:
        node = cdp.send("Accessibility.getPartialAXTree", {"objectId": element, "fetchRelatives": False})["nodes"][0]
        out.append((str((node.get("name") or {}).get("value") or "").strip(), bool(node.get("ignored"))))
    cdp.send("Runtime.releaseObject", {"objectId": stops})
    return out


def keyboard_problems(page, cdp, url: str) -> list[str]:
    page.goto(url)
    return walked_problems(page, cdp)


@walk_probe("keyboard", widths=(390, 1280))
def keyboard_walk_problems(visit) -> list[str]:
    return walked_problems(visit.page, visit.cdp)


def walked_problems(page, cdp) -> list[str]:
    """Tab through the loaded page from its top until focus comes round; the problems of each stop."""
    page.evaluate(RECORD)
    for pressed in range(1, MAX_STOPS + 1):
        press_tab(cdp)
        if pressed % CHECK_EVERY == 0 and page.evaluate("window.__looped"):
            break
    else:
        return [f"Tab did not come back to the first stop within {MAX_STOPS} stops"]
    problems = []
    for i, (seen, (name, ignored)) in enumerate(zip(page.evaluate("window.__seen"), accessible_names(cdp), strict=True)):
        found = seen["problems"] + (["hidden from assistive technology"] if ignored and "aria-hidden" not in seen["problems"] else [])
        found += [] if name else ["no accessible name"]
        if found:
            problems.append(f"stop {i + 1} {seen['what']} {seen['text']!r}: {', '.join(found)}")
    return problems


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("width", [390, 1280])
def test_every_focus_stop_is_visible_and_named(page_walk, width):
    problems = walk_problems(page_walk(width)["keyboard"])
    assert problems == [], f"{len(problems)} bad focus stop(s) at {width} px:\n" + "\n".join(problems[:60])


# Material's <label>s, which material-a11y.js turns into <button>s with the same class and `for`.
MENU = '.md-header__button[for="__drawer"]'
SEARCH = '.md-header__button[for="__search"]'
# Whether the focused element is drawn where the reader can see it.
FOCUS_SHOWN = """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
  return el !== document.body && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
    && r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight; }"""


def tab_to(page, test: str, limit: int = 60) -> None:
    """Press Tab until the focused element passes ``test`` (a JavaScript expression on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
            return
    pytest.fail(f"Tab never reached an element where {test}")


def focused(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_keyboard_user_on_a_phone_opens_the_drawer_and_the_search(browser, served, prefix):
    """At 390 px: Enter on the menu button opens the drawer and puts focus in it; Tab reaches a page
    link and Enter follows it; Escape closes the drawer and gives focus back to the button. The
    search button opens the search with focus on its visible field, which takes typing."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served.base_url + prefix)
        tab_to(page, f"el.matches('{MENU}')")
        assert page.evaluate(FOCUS_SHOWN), "the menu button has focus but is not shown"
        assert page.get_attribute(MENU, "aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert page.is_checked("#__drawer"), "Enter did not open the drawer"
        assert page.get_attribute(MENU, "aria-expanded") == "true"
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"), "focus did not move into the drawer"
        page.wait_for_function(FOCUS_SHOWN, timeout=2000)  # once the drawer has slid in
        here = page.url
        tab_to(page, "el.matches('.md-sidebar--primary a.md-nav__link[href]') && el.href.split('#')[0] !== location.href.split('#')[0]")
        assert page.evaluate(FOCUS_SHOWN), "the navigation link has focus but is not shown"
        target = page.evaluate("document.activeElement.href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == target != here

        tab_to(page, f"el.matches('{MENU}')")
        page.keyboard.press(" ")
        assert page.is_checked("#__drawer"), "Space did not open the drawer"
        page.keyboard.press("Escape")
        assert not page.is_checked("#__drawer"), "Escape did not close the drawer"
        assert page.get_attribute(MENU, "aria-expanded") == "false"
        assert focused(page, MENU), "focus did not come back to the menu button"

        tab_to(page, f"el.matches('{SEARCH}')")
        assert page.evaluate(FOCUS_SHOWN), "the search button has focus but is not shown"
        page.keyboard.press("Enter")
        assert page.is_checked("#__search"), "Enter did not open the search"
        assert focused(page, "input.md-search__input"), "focus is not on the search field"
        page.wait_for_function(FOCUS_SHOWN, timeout=2000)  # once the search has faded in
        page.keyboard.type("ASPIRE")
        assert page.input_value("input.md-search__input") == "ASPIRE"
        page.wait_for_selector(".md-search-result__item", state="visible")
        page.keyboard.press("Escape")
        assert not page.is_checked("#__search"), "Escape did not close the search"
        assert focused(page, SEARCH), "focus did not come back to the search button"
    finally:
        context.close()


@pytest.mark.browser
def test_the_walk_finds_an_invisible_stop(browser):
    """A 0×0 aria-hidden radio, a hidden button and an unnamed link are found; a skip link shown on focus is not."""
    context = browser.new_context(viewport={"width": 800, "height": 600})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        page.route("http://probe.test/", lambda route: route.fulfill(content_type="text/html", body=(
            '<!doctype html><html lang="en"><title>t</title><style>.skip{position:fixed;opacity:0}.skip:focus{opacity:1}'
            '.zero{position:absolute;width:0;height:0;opacity:0}.gone{opacity:0}</style>'
            '<a class="skip" href="#m">Skip to content</a><input type="radio" class="zero" aria-hidden="true">'
            '<main id="m"><button class="gone">Top</button><a href="#x"><svg width="20" height="20"></svg></a>'
            '<a href="#y">Fine</a></main>')))
        problems = keyboard_problems(page, cdp, "http://probe.test/")
    finally:
        context.close()
    assert len(problems) == 3, problems
    assert "input.zero" in problems[0] and "0×0 px" in problems[0] and "aria-hidden" in problems[0] and "no accessible name" in problems[0]
    assert "button.gone" in problems[1] and "hidden (display" in problems[1]
    assert problems[2].startswith("stop 4 a ") and "no accessible name" in problems[2]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_keyboard_user_on_a_phone_opens_the_pages_contents_in_the_drawer(browser, served, prefix):
    """At 390 px the drawer shows the current page's table of contents behind a toggle (a <label>
    too): Enter opens it with focus on its first entry, its back title closes it with focus back on
    the toggle."""
    toggle = '.md-nav--primary .md-nav__link[for="__toc"]'
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served.base_url + prefix + "budget/")
        tab_to(page, f"el.matches('{MENU}')")
        page.keyboard.press("Enter")
        tab_to(page, f"el.matches('{toggle}')")
        # The drawer may still be sliding in (a busy machine): the toggle must be shown once it has.
        page.wait_for_function(FOCUS_SHOWN, timeout=2000)
        page.keyboard.press("Enter")
        assert page.is_checked("#__toc") and page.get_attribute(toggle, "aria-expanded") == "true"
        assert page.evaluate("document.activeElement.matches('.md-nav--secondary a.md-nav__link')"), "focus is not on the contents' first entry"
        page.wait_for_function(FOCUS_SHOWN, timeout=2000)  # once the contents have slid in
        page.keyboard.press("Shift+Tab")
        assert focused(page, '.md-nav--secondary .md-nav__title[for="__toc"]') and page.evaluate(FOCUS_SHOWN)
        page.keyboard.press("Enter")
        assert not page.is_checked("#__toc"), "the back title did not close the contents"
        assert focused(page, toggle), "focus did not come back to the contents toggle"
    finally:
        context.close()
