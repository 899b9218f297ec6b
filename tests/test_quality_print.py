"""Printing, on every page of the site: each page prints to an A4 PDF with its content, without the
site navigation, and with the address of each link written after it (print.css), so a printed guide
still says where its sources are. One browser context is shared by the module.
"""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from qualitykit import MAIN_NAV_TEXT, PAGES, fail_on, open_page, page_id


ON_PAPER_JS = """() => {
  const shown = el => el.checkVisibility();
  const h1 = document.querySelector('h1');
  return {
    h1: h1 ? h1.textContent.trim().replace(/\\s+/g, ' ') : '',
    navShown: [...document.querySelectorAll('nav')].filter(shown).map(n => n.getAttribute('aria-label') || n.className),
    external: [...document.querySelectorAll('a[href^="https://"], a[href^="http://"]')].filter(shown).length,
  };
}"""


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_page_prints_without_navigation_and_with_link_addresses(tab, url):
    open_page(tab, url)
    tab.emulate_media(media="print")
    dom = tab.evaluate(ON_PAPER_JS)
    pdf = PdfReader(io.BytesIO(tab.pdf(format="A4", print_background=True)))
    # NFKC: a PDF may spell "é" as "e" and a combining accent, and "fi" as one ligature
    text = unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split()))
    squeezed = re.sub(r"\s+", "", text)
    problems = []
    if not pdf.pages:
        problems.append("the PDF has no pages")
    if dom["h1"] and re.sub(r"\s+", "", unicodedata.normalize("NFKC", dom["h1"])) not in squeezed:
        problems.append(f"the printed text lacks the page title {dom['h1']!r}")
    if MAIN_NAV_TEXT in text:
        problems.append(f"the main navigation is printed ({MAIN_NAV_TEXT!r})")
    if dom["navShown"]:
        problems.append(f"navigation shown in print media: {dom['navShown']}")
    if dom["external"] and "https://" not in squeezed:
        problems.append(f"the page has {dom['external']} external link(s) but no https:// address is printed "
                        "(print.css should write each link's address after it)")
    fail_on(problems, f"{url}: printed ({len(pdf.pages)} A4 pages)")
