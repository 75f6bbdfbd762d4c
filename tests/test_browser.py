"""The HTML report in a real browser: headless Chromium (Debian's package) via Playwright."""

import shutil

import pytest

from checker.cli import main
from conftest import build_corpus, claim

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"
)

CLAIMS = {
    "orf": [
        claim("orf-2024", "trade", "US$1 billion", period="2024", quote="growth to US$1 billion in 2024"),
        claim("orf-2022", "trade", "US$170 million", period="2022", quote="from US$170 million in 2022"),
        claim("orf-court", "court-ruling", "2025-04-17", quote="on 17 April 2025 <script>window.hacked=1</script>"),
    ],
    "capss": [
        claim("capss-2024", "trade", "USD 12.42 billion", period="2024", quote="amounted to USD 12.42 billion in 2024"),
        claim("capss-court", "court-ruling", "2025-04-21", quote="on April 21, 2025"),
    ],
}


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as engine:
        browser = engine.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


def test_report_opens_with_quotes_charts_and_working_filters(browser, tmp_path):
    root = build_corpus(
        tmp_path / "corpus",
        CLAIMS,
        texts={
            "orf": "Trade grew from US$170 million in 2022 to growth to US$1 billion in 2024 and more.\n"
            "The court ruled on 17 April 2025 <script>window.hacked=1</script> as expected.\n",
        },
    )
    report = tmp_path / "report.html"
    main(["check", "--root", str(root), "--format", "html", "-o", str(report)])
    page = browser.new_page()
    problems, requests = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: requests.append(request.url) if not request.url.startswith(("file:", "data:")) else None,
    )
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


EDITORIAL = {
    "orf": [
        claim("orf-2024", "trade", "US$1 billion", period="2024", quote="growth to US$1 billion in 2024"),
        claim(
            "orf-target",
            "trade",
            "more than US$3 billion",
            period="2025",
            modality="target",
            quote="more than US$3 billion",
        ),
        claim("orf-rec", "recognition", "not-recognised", period="2025-01/2025-06", quote="not recognised"),
        claim("orf-overdoses", "overdoses", "7,366 person", period="2020", quote="7,366 people"),
    ],
    "capss": [
        claim("capss-2024", "trade", "USD 12.42 billion", period="2024", quote="USD 12.42 billion in 2024"),
        claim("capss-2022", "trade", "US$170 million", period="2022", quote="US$170 million in 2022"),
        claim("capss-rec", "recognition", "recognised", period="2025-03", quote="recognised"),
    ],
}
EDITORIAL_SOURCES = [
    {"id": "orf", "file": "orf.txt", "published": "2025-04-28", "url": "https://example.org/orf", "title": "ORF piece"},
    {
        "id": "capss",
        "file": "capss.txt",
        "published": "2025-07-27",
        "url": "javascript:alert(1)",
        "title": "CAPSS piece",
    },
]


def test_the_editorial_report_orders_charts_and_records_decisions(browser, tmp_path):
    root = build_corpus(tmp_path / "corpus", EDITORIAL, sources=EDITORIAL_SOURCES)
    (root / "claims" / "reviews.csv").write_text("fingerprint,decision\n")
    report = tmp_path / "report.html"
    main(["check", "--root", str(root), "--format", "html", "-o", str(report)])
    page = browser.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(report.as_uri())
    assert page.evaluate("document.body.dataset.ready") == "true" and problems == []

    # Failing findings come first; "needs review" filters.
    states = page.eval_on_selector_all(".finding", "cards => cards.map(c => c.dataset.failing)")
    assert states == sorted(states, key=lambda state: state != "yes") and states[0] == "yes"
    page.locator('input[data-group="review"][value="needs review"]').uncheck()
    assert page.locator(".finding:not(.hidden)").count() == 0
    page.locator('input[data-group="review"][value="needs review"]').check()

    # The exact review command, with a copy button.
    first = page.locator(".finding").first
    command = first.locator(".decide pre").inner_text()
    assert command.startswith(f"claimcheck review {first.get_attribute('id')[2:]} --decision confirmed-error")
    first.locator("button.copy").click()
    # A selector wait, not wait_for_function: the report's policy forbids evaluating strings.
    first.locator('button.copy[data-copied="yes"]').wait_for(timeout=5000)

    # Source addresses are links only when they are http(s).
    assert page.locator('a[href="https://example.org/orf"]').count() >= 1
    assert page.locator('a[href^="javascript"]').count() == 0

    # The value chart: a lower bound is an arrow up, not a bar to the axis; ticks at 1-2-5;
    # the conflicting claims are ringed.
    chart = page.locator('svg.chart[data-topic="trade"]')
    assert chart.locator('g[data-claim="orf-target"] line.bound.lower[marker-end]').count() == 1
    ticks = [
        text.replace(",", "") for text in chart.locator("text.tick").evaluate_all("ts => ts.map(t => t.textContent)")
    ]
    import re

    assert ticks and all(re.fullmatch(r"[125]0*(\.0+)?( (million|billion))?|0", tick) for tick in ticks), ticks
    assert sorted(chart.locator("g.flagged").evaluate_all("gs => gs.map(g => g.dataset.claim)")) == [
        "capss-2024",
        "orf-2024",
    ]
    # A status topic with a finding is a timeline; a topic of one claim gets no chart.
    assert page.locator('svg.chart[data-topic="recognition"][data-kind="status"] g.point').count() == 2
    assert page.locator('svg.chart[data-topic="overdoses"]').count() == 0

    # Topics without findings are built on demand.
    assert page.locator("#t-overdoses").count() == 0
    page.locator("#more-topics").click()
    assert page.locator("#t-overdoses td").first.inner_text() == "orf-overdoses"
    page.close()
