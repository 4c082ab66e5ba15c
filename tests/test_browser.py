"""The rendered HTML in a real browser: accessible (WCAG 2.1 AA), self-contained, readable at
1280 and 390 px, navigable like a Quarto book, every table downloadable.

Run by `make test-browser` (and .ci/run after `make test`), which installs Debian's chromium
and chromium-driver when missing and axe-core from tests/browser/package-lock.json, renders
reports/$PERIOD and its factsheets, then runs this module with BROWSER_CHECK=1 and
REPORT_DIR=reports/$PERIOD. Without BROWSER_CHECK=1 (a plain `make test`) it is skipped.
"""

from __future__ import annotations

import base64
import os
import re
import time
from pathlib import Path

import pytest
from browsercheck import Page, missing_tools, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("BROWSER_CHECK") != "1",
        reason="headless Chromium: run by `make test-browser`",
    ),
]

REPORT_DIR = Path(os.environ.get("REPORT_DIR", Path(__file__).parents[1] / "reports/2009-T3"))
WIDTHS = (1280, 390)


def check(page: Page) -> list[str]:
    """Every problem the browser check finds on the page (empty: it passes)."""
    problems = []
    for width in WIDTHS:
        page.resize(width)
        problems += [f"{width} px: axe {v}" for v in page.axe_violations()]
        if (extra := page.overflow()) > 0:
            problems.append(f"{width} px: the page scrolls sideways by {extra} px")
    problems += [f"image without alt text: {tag}" for tag in page.images_without_alt()]
    problems += [f"request leaving the file: {url}" for url in page.requests_leaving()]
    return problems


@pytest.fixture(scope="module")
def report() -> Path:
    assert not missing_tools(), f"missing: {missing_tools()} (make test-browser installs them)"
    html = REPORT_DIR / "rapport.html"
    assert html.is_file(), f"{html} missing: `make test-browser` renders it first"
    return html


@pytest.fixture(scope="module")
def page(report):
    with open_page(report) as opened:
        yield opened


def test_report_passes_the_browser_check(page):
    assert check(page) == []


def test_factsheet_index_passes_the_browser_check(report):
    index = REPORT_DIR / "factsheets" / "index.html"
    assert index.is_file(), f"{index} missing: `make test-browser` writes the factsheets first"
    with open_page(index) as opened:
        assert check(opened) == []


def _with(html: Path, tmp_path: Path, head: str = "", main: str = "") -> Path:
    """A copy of the report with extra markup at the end of its head and start of its main."""
    text = html.read_text(encoding="utf-8")
    text = text.replace("</head>", f"{head}</head>", 1)
    text = re.sub(r"(<main\b[^>]*>)", lambda m: m[1] + main, text, count=1)
    copy = tmp_path / "rapport.html"
    copy.write_text(text, encoding="utf-8")
    return copy


def test_the_check_fails_on_poor_colour_contrast(report, tmp_path):
    faint = _with(report, tmp_path, head="<style>.callout-title { color: #aab4be; }</style>")
    with open_page(faint) as opened:
        problems = check(opened)
    assert problems and all("color-contrast" in p for p in problems)
    assert any("callout-title" in p for p in problems)


def test_the_check_fails_on_a_table_wider_than_the_page(report, tmp_path):
    cells = "".join(f"<td>kolom-{i}-met-een-lange-naam</td>" for i in range(12))
    wide = f"<table><thead><tr><th>Te brede tabel</th></tr></thead><tr>{cells}</tr></table>"
    with open_page(_with(report, tmp_path, main=wide)) as opened:
        problems = check(opened)
    assert any("390 px: the page scrolls sideways" in p for p in problems), problems
    assert not any("1280 px: the page scrolls" in p for p in problems)  # fits when wide


def test_the_check_fails_on_a_request_leaving_the_file(report, tmp_path):
    remote = '<img src="http://127.0.0.1:9/logo.png" alt="logo">'
    with open_page(_with(report, tmp_path, main=remote)) as opened:
        problems = check(opened)
    assert any("request leaving the file: http://127.0.0.1:9/logo.png" in p for p in problems)


def test_wide_tables_scroll_inside_their_own_box(page):
    page.resize(390)
    boxes = page.js(
        "return Array.from(document.querySelectorAll('.table-wrap'))"
        ".filter(b => b.scrollWidth > b.clientWidth + 1)"  # as report.js
        ".map(b => ['tabindex', 'role', 'aria-label'].map(a => b.getAttribute(a)))"
    )
    assert boxes, "no table is wider than a phone: the check would not see a regression"
    assert all(tab == "0" and role == "region" and name for tab, role, name in boxes)
    assert page.overflow() == 0


def test_sidebar_stays_beside_the_text_and_marks_the_section(page):
    page.resize(1280)
    seen = []
    for fraction in (0.25, 0.5, 0.75):
        page.js("window.scrollTo(0, arguments[0] * document.body.scrollHeight)", fraction)
        page.settle()
        sidebar, main, active, heading = page.js(
            "const r = e => { const b = e.getBoundingClientRect();"
            " return [b.left, b.right, b.top, b.bottom]; };"
            "const a = document.querySelector('#TOC a.active');"
            "const h = a && document.getElementById(decodeURIComponent(a.hash.slice(1)));"
            "return [r(document.getElementById('sidebar')), r(document.getElementById('main')),"
            " a && [a.textContent.trim(), a.getAttribute('aria-current')], h && r(h)];"
        )
        assert sidebar[2] == 0 and sidebar[3] == 900, "the sidebar scrolled away"
        assert sidebar[1] <= main[0], "the sidebar is not beside the text"
        assert active and active[1] == "location"
        assert heading[2] <= 900 * 0.25 + 1, "the marked section is not the one being read"
        seen.append(active[0])
    assert len(set(seen)) == 3, seen  # the mark follows the scroll


def test_sidebar_folds_away_on_a_phone(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page.resize(390)
    page.js("window.scrollTo(0, 0)")
    sidebar = page.driver.find_element(By.ID, "sidebar")
    toggle = page.driver.find_element(By.ID, "sidebar-toggle")
    assert not sidebar.is_displayed() and toggle.is_displayed()
    toggle.click()
    assert sidebar.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    page.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not sidebar.is_displayed() and toggle.get_attribute("aria-expanded") == "false"


def test_searching_mantel_jumps_to_the_toonkamer_chapter(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page.resize(1280)
    if "Toonkamers" not in page.js("return document.querySelector('main').textContent"):
        pytest.skip("this period's report has no Toonkamer chapter")
    page.js("window.scrollTo(0, 0); location.hash = ''")
    box = page.driver.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys("Mantel", Keys.ENTER)
    page.settle()
    chapter, top, results = page.js(
        "const t = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
        "const h1 = Array.from(document.querySelectorAll('main h1[id]'))"
        " .filter(h => h.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING"
        " || h === t).pop();"
        "return [h1.textContent, t.getBoundingClientRect().top,"
        " document.querySelectorAll('#search-results li').length];"
    )
    assert "Toonkamers" in chapter
    assert 0 <= top < 200  # the section is at the top of the window
    assert results >= 3


def test_previous_and_next_chapter_links(page):
    from selenium.webdriver.common.by import By

    page.resize(1280)
    first_h1, second_h1 = page.js(
        "return Array.from(document.querySelectorAll('main h1[id]')).slice(0, 2).map(h => h.id)"
    )
    link = page.driver.find_elements(By.CSS_SELECTOR, ".chapter-nav .chapter-next")[0]
    page.js("arguments[0].scrollIntoView()", link)
    link.click()
    assert page.js("return location.hash") == f"#{second_h1}"
    back = page.js("return document.querySelectorAll('.chapter-nav')[1]"
                   ".querySelector('.chapter-prev').hash")  # fmt: skip
    assert back == f"#{first_h1}"


def test_print_shows_the_text_only(page):
    page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = page.js(
            "return ['sidebar', 'search'].map(id => getComputedStyle(document.getElementById(id))"
            ".display).concat(getComputedStyle(document.querySelector('.data-download')).display)"
        )
    finally:
        page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden == ["none", "block", "none"]  # the search is inside the hidden sidebar


def _downloads(html: str) -> list[tuple[str, str, str]]:
    """(href, file name, link text) of every download link."""
    link = r'<a\s+href="(data:text/csv[^"]*)"\s+download="([^"]+)">(.*?)</a>'
    return re.findall(link, html, re.S)


def test_every_table_has_a_download_and_tidy_ones_equal_the_tables_folder(report):
    html = report.read_text(encoding="utf-8")
    links = _downloads(html)
    tables = len(re.findall(r"<table\b", html))
    assert len([link for link in links if "tabel" in link[2].lower()]) == tables
    tidy = [(href, name) for href, name, _ in links if ";base64," in href]
    assert len(tidy) > tables / 2  # most tables have a tidy table (2009-T3: 48 links, 53 tables)
    folder = report.parent / "tables"
    for href, name in tidy:
        assert base64.b64decode(href.split(",", 1)[1]) == (folder / name).read_bytes(), name
    assert {"landkaart-phases.csv", "landkaart-milestones.csv"} <= {name for _, name in tidy}


def test_clicking_a_download_saves_the_tidy_csv(page, report):
    from selenium.webdriver.common.by import By

    page.resize(1280)
    link = page.driver.find_element(By.CSS_SELECTOR, 'a[download="landkaart-phases.csv"]')
    page.js("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    saved = page.downloads / "landkaart-phases.csv"
    for _ in range(50):
        if saved.is_file():
            break
        time.sleep(0.1)
    assert saved.read_bytes() == (report.parent / "tables" / "landkaart-phases.csv").read_bytes()
