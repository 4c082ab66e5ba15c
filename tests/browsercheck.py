"""Headless Chromium for the browser checks (tests/test_browser.py, `make test-browser`).

Debian's chromium and chromedriver (installed by `make test-browser` when missing) with the
flags that work on these machines and a fresh profile; axe-core from the npm package locked in
tests/browser/package-lock.json (`npm ci`), injected from disk: nothing is loaded from the
network. `Page` opens one local file and answers the questions the checks ask.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A page may use these without anything leaving the file.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def missing_tools() -> list[str]:
    """What the browser checks need and this machine lacks (`make test-browser` installs it)."""
    needed = {CHROMIUM: "Debian package chromium", CHROMEDRIVER: "Debian package chromium-driver",
              AXE: "axe-core: npm ci --prefix tests/browser"}  # fmt: skip
    return [f"{path} ({what})" for path, what in needed.items() if not path.is_file()]


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    targets: list[str]
    summary: str

    def __str__(self) -> str:
        where = f"{len(self.targets)} elements: {self.targets[:3]}"
        return f"{self.rule} ({self.impact}) on {where} {self.summary}"


class Page:
    """One local HTML file in a headless Chromium window."""

    def __init__(self, driver, path: Path, downloads: Path) -> None:
        self.driver = driver
        self.path = path.resolve()
        self.url = self.path.as_uri()
        self.downloads = downloads

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def resize(self, width: int, height: int = 900) -> None:
        """Set the viewport (not the window) to `width` x `height` CSS pixels."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.js("window.dispatchEvent(new Event('resize'))")
        self.settle()

    def settle(self) -> None:
        """Wait until the page has drawn two more frames (its scripts reacted)."""
        self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));"
        )

    def axe_violations(self, tags: list[str] = WCAG_21_AA) -> list[Violation]:
        """axe-core's violations of the rules with `tags` on the page as it is now."""
        if not self.js("return typeof window.axe === 'object'"):
            self.js(AXE.read_text(encoding="utf-8"))
        found = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
            " resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact,"
            " targets: v.nodes.map(n => n.target.join(' ')),"
            " summary: v.nodes[0] ? v.nodes[0].failureSummary : ''}))))"
            ".catch(e => done([{rule: 'axe-error', impact: 'error', targets: [],"
            " summary: String(e)}]));",
            tags,
        )
        return [Violation(**v) for v in found]

    def overflow(self) -> int:
        """How many CSS pixels the page is wider than the viewport (0: no sideways scroll)."""
        return self.js(
            "return Math.max(document.documentElement.scrollWidth,"
            " document.body.scrollWidth) - document.documentElement.clientWidth"
        )

    def images_without_alt(self) -> list[str]:
        return self.js(
            "return Array.from(document.images)"
            ".filter(i => !(i.getAttribute('alt') || '').trim())"
            ".map(i => (i.outerHTML || '').slice(0, 120))"
        )

    def requests_leaving(self) -> list[str]:
        """Every URL the page requested other than itself and data:/blob:/about: URLs."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] != "Network.requestWillBeSent":
                continue
            params = message["params"]
            url = params["request"]["url"]
            if not params.get("documentURL", "").startswith(self.url.split("#")[0]):
                continue  # the browser's own start page, not this document
            if url.split("#")[0] != self.url and not url.startswith(LOCAL_SCHEMES):
                urls.append(url[:200])
        urls += self.js(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(u => !/^(data|blob|about):/.test(u))"
        )
        return sorted(set(urls))


@contextmanager
def open_page(path: Path, width: int = 1280, height: int = 900) -> Iterator[Page]:
    """`path` in a fresh headless Chromium (own profile and download folder), closed after."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    downloads = Path(tempfile.mkdtemp(prefix="chromium-downloads-"))
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.set_script_timeout(120)
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        page = Page(driver, path, downloads)
        page.resize(width, height)
        driver.get_log("performance")  # drop what the browser did before opening the page
        driver.get(page.url)
        yield page
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)
