"""Accessibility gates, on every page of the site (WCAG 2.1 AA and a little more).

- axe-core finds no violations, in the light and in the dark colour scheme;
- checks axe cannot make: headings never skip a level and there is exactly one h1; every form control
  (and every radio group) has a label; tabbing reaches each link and control, each with a visible focus
  indicator (an outline of 2 px or more at 3:1 contrast, or a box-shadow) that goes away when focus
  moves on, in both schemes; the page reflows at 200 % zoom and at 320 CSS
  pixels wide, without horizontal scrolling of the page (a table may scroll inside its own .table-wrap,
  which must then be keyboard-reachable).

Each page is audited in the DOM the browser renders, after the checker has finished starting up, so the
form the checker builds with Python is audited too. One browser context is shared by the whole module.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from qualitykit import PAGES, fail_on, open_page, page_id

SCHEMES = ["light", "dark"]
MAX_TABS = 600  # more stops than any page has; a page that needs more fails rather than passing half-checked
AXE = Axe()


def load(page: Page, url: str, scheme: str = "light") -> None:
    page.emulate_media(color_scheme=scheme)
    open_page(page, url)


# --- axe -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_axe_finds_no_violations(tab, url, scheme):
    load(tab, url, scheme)
    dark = tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert dark == (scheme == "dark"), f"{url}: the {scheme} colour scheme was not applied"
    results = AXE.run(tab)
    assert results.response.get("passes"), f"{url}: axe ran no rule at all"
    if results.violations_count:
        pytest.fail(f"{url} ({scheme} scheme): axe found {results.violations_count} violation(s):\n"
                    f"{results.generate_snapshot()}\n{results.generate_report()}", pytrace=False)


# --- headings ------------------------------------------------------------------------------------

HEADINGS_JS = """() => {
  const out = [];
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')) {
    if (!h.checkVisibility() || h.closest('[aria-hidden="true"]')) continue;
    const level = h.getAttribute('role') === 'heading'
      ? parseInt(h.getAttribute('aria-level') || '2', 10) : parseInt(h.tagName.slice(1), 10);
    out.push([level, (h.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60)]);
  }
  return out;
}"""


def heading_problems(headings: list) -> list[str]:
    problems = []
    h1s = [text for level, text in headings if level == 1]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} h1 headings (want exactly 1): {h1s}")
    if headings and headings[0][0] != 1:
        problems.append(f"the first heading is h{headings[0][0]} {headings[0][1]!r}, not the h1")
    for (prev, prev_text), (level, text) in zip(headings, headings[1:]):
        if level > prev + 1:
            problems.append(f"h{prev} {prev_text!r} is followed by h{level} {text!r} (skips h{prev + 1})")
    return problems


def test_heading_checker_catches_skips():
    assert heading_problems([(1, "a"), (2, "b"), (3, "c"), (2, "d"), (3, "e")]) == []
    assert heading_problems([(1, "a"), (3, "b")]) and heading_problems([(2, "a"), (1, "b")])
    assert heading_problems([(1, "a"), (2, "b"), (1, "c")])


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_headings_are_in_order_with_one_h1(tab, url):
    load(tab, url)
    headings = tab.evaluate(HEADINGS_JS)
    problems = heading_problems(headings)
    outline = " / ".join(f"h{level} {text}" for level, text in headings)
    fail_on(problems + [f"(the outline: {outline})"] if problems else [], f"{url}: headings")


# --- form controls -------------------------------------------------------------------------------

LABELS_JS = """() => {
  const textOf = el => (el.textContent || '').trim();
  const describe = el => el.outerHTML.slice(0, 140).replace(/\\s+/g, ' ');
  const problems = [];
  const controls = document.querySelectorAll(
    'input:not([type="hidden"]), select, textarea, button, [contenteditable=""], [contenteditable="true"], ' +
    '[role="checkbox"], [role="radio"], [role="switch"], [role="textbox"], [role="combobox"], [role="listbox"], ' +
    '[role="slider"], [role="spinbutton"], [role="searchbox"]');
  for (const el of controls) {
    let name = '';
    const ids = el.getAttribute('aria-labelledby');
    if (ids) {
      const refs = ids.split(/\\s+/).map(id => document.getElementById(id));
      if (refs.some(r => !r)) problems.push(`aria-labelledby names a missing id: ${describe(el)}`);
      name = refs.filter(Boolean).map(textOf).join(' ').trim();
    }
    if (!name) name = (el.getAttribute('aria-label') || '').trim();
    if (!name && el.labels) name = [...el.labels].map(textOf).join(' ').trim();
    if (!name && el.tagName === 'BUTTON') name = textOf(el);
    if (!name && el.tagName === 'INPUT' && ['submit', 'reset', 'button'].includes(el.type)) name = (el.value || '').trim();
    if (!name && el.tagName === 'INPUT' && el.type === 'image') name = (el.alt || '').trim();
    if (!name) problems.push(`no label (a <label>, aria-labelledby or aria-label; a placeholder or title is not enough): ${describe(el)}`);
  }
  const groups = new Map();
  for (const r of document.querySelectorAll('input[type="radio"][name]')) {
    const key = (r.form ? r.form.id || 'form' : 'doc') + ':' + r.name;
    if (!groups.has(key)) groups.set(key, r);
  }
  for (const [key, r] of groups) {
    const fs = r.closest('fieldset');
    const legend = fs && fs.querySelector(':scope > legend');
    const grp = r.closest('[role="radiogroup"], [role="group"]');
    const ok = (legend && textOf(legend)) || (grp && (grp.getAttribute('aria-label') || grp.getAttribute('aria-labelledby')));
    if (!ok) problems.push(`radio group "${r.name}" is not in a <fieldset> with a <legend> or a labelled role=radiogroup`);
  }
  return problems;
}"""


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_every_form_control_is_labelled(tab, url):
    load(tab, url)
    problems = tab.evaluate(LABELS_JS)
    fail_on(problems, f"{url}: form controls")


# --- focus ---------------------------------------------------------------------------------------

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const ids = window.__focusIds || (window.__focusIds = new WeakMap());
  const focusId = e => { if (!ids.has(e)) ids.set(e, (window.__focusCount = (window.__focusCount || 0) + 1)); return ids.get(e); };
  const parse = c => {
    const m = /rgba?\\(([\\d.]+),?\\s*([\\d.]+),?\\s*([\\d.]+)(?:\\s*[,/]\\s*([\\d.]+%?))?\\)/.exec(c || '');
    if (!m) return null;
    let a = m[4] === undefined ? 1 : (m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]));
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
  };
  let bg = null;
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = parse(getComputedStyle(p).backgroundColor);
    if (c && c[3] > 0) { bg = c; break; }
  }
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || '').trim().replace(/\\s+/g, ' ');
  const what = `<${el.tagName.toLowerCase()}${el.id ? ' id="' + el.id + '"' : ''}${el.type ? ' type="' + el.type + '"' : ''}> ` +
               JSON.stringify(label.slice(0, 50));
  const look = st => [st.outlineStyle, st.outlineWidth, st.outlineColor, st.boxShadow].join('|');
  // The element focused before this one has now lost focus: did its indicator go away?
  let unchanged = null;
  const prev = window.__prevFocus;
  if (prev && prev.el !== el && prev.el.isConnected && look(getComputedStyle(prev.el)) === prev.look) unchanged = prev.what;
  // Only the first stop in a control counts: later ones (a date input's calendar button) are drawn by the
  // browser inside the control, where computed styles cannot see them.
  if (!prev || prev.el !== el) window.__prevFocus = {el, look: look(s), what};
  return {
    key: focusId(el), what, unchanged,
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
    outlineColor: parse(s.outlineColor), boxShadow: s.boxShadow, bg,
    width: r.width, height: r.height,
    inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  };
}"""


def _luminance(rgb) -> float:
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def focus_problem(info: dict) -> str | None:
    if info["width"] < 1 or info["height"] < 1 or not info["inView"]:
        return "is focused but not visible on screen"
    outline = info["outlineStyle"] not in ("none", "hidden") and info["outlineWidth"] >= 2 and \
        info["outlineColor"] and info["outlineColor"][3] > 0
    shadow = info["boxShadow"] not in ("none", "")
    if not outline and not shadow:
        return (f"has no visible focus indicator (outline {info['outlineStyle']} {info['outlineWidth']}px, "
                f"box-shadow {info['boxShadow']})")
    if outline and not shadow and info["bg"]:
        ratio = contrast(info["outlineColor"], info["bg"])
        if ratio < 3:
            return f"focus outline contrast is {ratio:.2f}:1 against the background (want at least 3:1)"
    return None


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_focus_is_visible_on_every_stop(tab, url, scheme):
    load(tab, url, scheme)
    tabbable = tab.evaluate("""() => [...document.querySelectorAll(
        'a[href], area[href], button, input:not([type="hidden"]), select, textarea, [tabindex], summary, [contenteditable]')]
        .filter(el => el.tabIndex >= 0 && !el.disabled && el.checkVisibility()).length""")
    seen, problems, previous = set(), [], None
    for _ in range(MAX_TABS):
        tab.keyboard.press("Tab")
        info = tab.evaluate(FOCUS_JS)
        if info is None:
            break  # past the last stop, focus is back on the document
        if info["key"] == previous:
            continue  # another field inside the same control (the day, month and year of a date input)
        if info["key"] in seen:
            break  # round again
        previous = info["key"]
        seen.add(info["key"])
        if info["unchanged"]:
            problems.append(f"{info['unchanged']} looks the same focused and unfocused (no focus indicator of its own)")
        problem = focus_problem(info)
        if problem:
            problems.append(f"{info['what']} {problem}")
    else:
        pytest.fail(f"{url}: focus did not cycle back after {MAX_TABS} Tab presses", pytrace=False)
    assert len(seen) >= min(tabbable, 1), f"{url} ({scheme}): Tab never focused anything"
    assert len(seen) >= tabbable * 0.9, (
        f"{url} ({scheme}): Tab reached only {len(seen)} of the {tabbable} focusable elements")
    fail_on(problems, f"{url} ({scheme} scheme): focus")


# --- zoom and reflow -----------------------------------------------------------------------------

# 200 % zoom of a 1280 x 720 window lays the page out in 640 x 360 CSS pixels; 320 px is WCAG's reflow width
# (400 % of 1280). Text size and layout then match what a zoomed browser or a small phone shows.
VIEWPORTS = {"zoom200": {"width": 640, "height": 360}, "320px": {"width": 320, "height": 640}}

REFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX; if (ox === 'auto' || ox === 'scroll') return p; } return null; };
  const offenders = [];
  const reported = new Set();
  const unreachable = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || !el.checkVisibility()) continue;  // visually hidden helpers
    const scroller = scrolls(el);
    if (scroller) {
      if (scroller.scrollWidth > scroller.clientWidth && scroller.tabIndex < 0 && !scroller.querySelector('a[href], button, input, select, textarea, [tabindex]'))
        unreachable.add(scroller);
      continue;
    }
    if (r.right <= vw + 0.5 && r.left >= -0.5) continue;
    let p = el.parentElement, inside = false;
    for (; p; p = p.parentElement) if (reported.has(p)) { inside = true; break; }
    reported.add(el);
    if (!inside) offenders.push(`<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ' class="' + el.className + '"' : ''}> ` +
      `spans ${Math.round(r.left)}..${Math.round(r.right)} px: ${JSON.stringify((el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60))}`);
  }
  return {vw, scrollWidth: document.documentElement.scrollWidth,
          offenders: offenders.slice(0, 12), more: Math.max(0, offenders.length - 12),
          unreachable: [...unreachable].map(s => `<${s.tagName.toLowerCase()} class="${s.className}"> scrolls but cannot be reached with the keyboard (add tabindex="0")`)};
}"""


@pytest.mark.parametrize("view", list(VIEWPORTS))
@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_page_reflows_without_horizontal_scrolling(tab, url, view):
    tab.set_viewport_size(VIEWPORTS[view])
    load(tab, url)
    res = tab.evaluate(REFLOW_JS)
    problems = []
    if res["scrollWidth"] > res["vw"]:
        problems.append(f"the page scrolls sideways: document scrollWidth {res['scrollWidth']} px > viewport {res['vw']} px")
    problems += [f"sticks out of the viewport: {o}" for o in res["offenders"]]
    if res["more"]:
        problems.append(f"… and {res['more']} more elements stick out")
    problems += res["unreachable"]
    fail_on(problems, f"{url} at {view} ({VIEWPORTS[view]['width']} px wide)")


def test_focus_rules_catch_invisible_focus():
    good = dict(width=80, height=20, inView=True, outlineStyle="solid", outlineWidth=3.0,
                outlineColor=[179, 89, 0, 1], boxShadow="none", bg=[255, 255, 255, 1])
    assert focus_problem(good) is None
    assert focus_problem({**good, "outlineStyle": "none"})
    assert focus_problem({**good, "outlineWidth": 1.0})
    assert focus_problem({**good, "outlineColor": [240, 240, 240, 1]})  # 1.1:1 on white
    assert focus_problem({**good, "inView": False})
    assert focus_problem({**good, "outlineStyle": "none", "boxShadow": "rgb(0, 0, 0) 0px 0px 0px 3px"}) is None
    assert round(contrast([0, 0, 0], [255, 255, 255]), 1) == 21.0
