"""The HTML report in a real browser: headless Chromium (Debian's package) via Playwright."""

import shutil

import pytest

from checker.cli import main
from conftest import build_corpus, claim

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")

CLAIMS = {
    "orf": [claim("orf-2024", "trade", "US$1 billion", period="2024", quote="growth to US$1 billion in 2024"),
            claim("orf-2022", "trade", "US$170 million", period="2022", quote="from US$170 million in 2022"),
            claim("orf-court", "court-ruling", "2025-04-17", quote="on 17 April 2025 <script>window.hacked=1</script>")],
    "capss": [claim("capss-2024", "trade", "USD 12.42 billion", period="2024", quote="amounted to USD 12.42 billion in 2024"),
              claim("capss-court", "court-ruling", "2025-04-21", quote="on April 21, 2025")],
}


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as engine:
        browser = engine.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


def test_report_opens_with_quotes_charts_and_working_filters(browser, tmp_path):
    root = build_corpus(tmp_path / "corpus", CLAIMS, texts={
        "orf": "Trade grew from US$170 million in 2022 to growth to US$1 billion in 2024 and more.\n"
               "The court ruled on 17 April 2025 <script>window.hacked=1</script> as expected.\n",
    })
    report = tmp_path / "report.html"
    main(["check", "--root", str(root), "--format", "html", "-o", str(report)])
    page = browser.new_page()
    problems, requests = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url) if not request.url.startswith(("file:", "data:")) else None)
    page.goto(report.as_uri())
    assert page.evaluate("document.body.dataset.ready") == "true"
    assert problems == [] and requests == []
    assert page.evaluate("window.hacked") is None  # the quote's script is text, never run

    conflict = page.locator('.finding[data-rule="value-conflict"]')
    assert conflict.count() == 1
    marks = conflict.locator("mark").all_inner_texts()
    assert "growth to US$1 billion in 2024" in marks and "amounted to USD 12.42 billion in 2024" in marks
    assert "Trade grew from" in conflict.inner_text()  # the quote sits inside its paragraph
    chart = page.locator('svg.chart[data-topic="trade"]')
    assert chart.count() == 1
    assert chart.locator("g.point").count() == 3

    assert page.locator(".finding:not(.hidden)").count() == 2
    page.locator('input[data-group="rule"][value="value-conflict"]').uncheck()
    assert page.locator(".finding:not(.hidden)").count() == 1
    assert page.inner_text("#shown") == "1"
    page.locator('input[data-group="source"][value="capss"]').uncheck()
    page.locator('input[data-group="source"][value="orf"]').uncheck()
    assert page.locator(".finding:not(.hidden)").count() == 0
    page.close()
