"""The editorial report: one self-contained HTML file (no network, no external fonts or
scripts) that an editor opens in a browser.

* a summary, and the data errors when the corpus could not be checked;
* filters by severity, rule, status, source and review state ("needs review");
* every finding, failing ones first, then the ones that still need review: the claims
  side by side, each quote highlighted inside its paragraph of the source text (the whole
  paragraph one click away), the rule's explanation, the diagnosis, and either the review
  decision or the exact ``claimcheck review`` command to record one, with a copy button;
* the claims of every topic with a finding, with a chart that tells the truth: values
  over time by source, intervals as bars, lower and upper bounds as open-ended arrows,
  ticks at 1-2-5 steps, the claims of each finding ringed; status and date topics as
  timelines; no chart for a single point;
* the other topics on demand, built in the browser from compact data embedded in the page,
  so a report of a hundred thousand claims stays small and quick;
* the sources, their addresses as links.

Every text from sources and claims is escaped; addresses become links only when they are
http or https.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from html import escape
from itertools import groupby
from typing import Any

from checker.display import number

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22")
STATE_COLOURS = ("#1a73e8", "#e8710a", "#188038", "#a142f4", "#d93025", "#12b5cb", "#f9ab00", "#5f6368")
NAMED_TOPICS = 500  # the topics a check with data errors did not check, named in full up to this many

CSS = """
:root { --error:#b3261e; --warning:#a15c00; --note:#1d5fa8; --muted:#5f6368; --line:#dadce0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #202124; background: #f8f9fa; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 24px; }
main { padding: 16px 24px; max-width: 1400px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 16px; margin: 0; }
.muted { color: var(--muted); } code { font-size: 13px; }
.counts span { display: inline-block; margin-right: 14px; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.note { background: var(--note); }
.badge.status { background: #e8eaed; color: #202124; } .badge.review { background: #137333; } .badge.failing { background: var(--error); }
.badge.needs { background: #fbbc04; color: #202124; }
.filters { display: flex; flex-wrap: wrap; gap: 12px 24px; background: #fff; border: 1px solid var(--line); padding: 10px 14px; border-radius: 8px; }
.filters fieldset { border: 0; margin: 0; padding: 0; } .filters legend { font-weight: 600; font-size: 13px; }
.filters label { margin-right: 10px; font-size: 13px; white-space: nowrap; }
.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--note); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.hidden, tr.hidden { display: none; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; margin-top: 10px; }
.claim { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fcfcfd; }
.claim.subject { border-color: #9aa0a6; box-shadow: 0 0 0 1px #9aa0a6; }
.claim .where { font-size: 13px; } .claim .value { font-weight: 600; }
.context { font-size: 13.5px; color: #3c4043; border-top: 1px dashed var(--line); margin-top: 6px; padding-top: 6px; white-space: pre-wrap; }
.context details { margin-top: 4px; } .context summary { cursor: pointer; color: var(--muted); font-size: 12px; }
mark { background: #fde68a; padding: 0 1px; }
.explain { font-size: 13px; color: var(--muted); margin-top: 6px; }
.review { margin-top: 8px; font-size: 14px; background: #e6f4ea; border-radius: 6px; padding: 6px 10px; }
.decide { margin-top: 8px; font-size: 13px; background: #fef7e0; border-radius: 6px; padding: 6px 10px; }
.decide pre { margin: 4px 0; white-space: pre-wrap; word-break: break-all; font-size: 12.5px; }
button.copy { font-size: 12px; padding: 1px 8px; cursor: pointer; }
.errors li { margin: 4px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--line); text-align: left; padding: 4px 8px; vertical-align: top; }
.topic { margin-bottom: 20px; } svg { background: #fff; border: 1px solid var(--line); border-radius: 6px; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #3c4043; }
g.flagged circle, g.flagged rect { stroke: #202124; stroke-width: 2; }
#more-topics { margin: 8px 0 16px; }
"""

SCRIPT = r"""
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters input[type=checkbox]'));
  function chosen(group) {
    return boxes.filter(function (b) { return b.dataset.group === group && b.checked; }).map(function (b) { return b.value; });
  }
  function apply() {
    var want = { severity: chosen('severity'), rule: chosen('rule'), status: chosen('status'), source: chosen('source'),
                 review: chosen('review') };
    var shown = 0;
    document.querySelectorAll('.finding').forEach(function (card) {
      var sources = card.dataset.sources.split(' ');
      var visible = want.severity.indexOf(card.dataset.severity) >= 0 && want.rule.indexOf(card.dataset.rule) >= 0 &&
        want.status.indexOf(card.dataset.status) >= 0 && want.review.indexOf(card.dataset.review) >= 0 &&
        sources.some(function (s) { return want.source.indexOf(s) >= 0; });
      card.classList.toggle('hidden', !visible);
      if (visible) { shown += 1; }
    });
    document.querySelectorAll('tr[data-source]').forEach(function (row) {
      row.classList.toggle('hidden', want.source.indexOf(row.dataset.source) < 0);
    });
    document.getElementById('shown').textContent = String(shown);
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  apply();

  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = button.dataset.copy;
      function done() { button.dataset.copied = 'yes'; button.textContent = 'Copied'; }
      function fallback() {
        var area = document.createElement('textarea');
        area.value = text; document.body.appendChild(area); area.select();
        try { document.execCommand('copy'); } catch (e) { /* the text stays selectable */ }
        document.body.removeChild(area); done();
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        // A page opened from a file may wait for a permission that never comes: fall back.
        var settled = false;
        var timer = setTimeout(function () { if (!settled) { settled = true; fallback(); } }, 500);
        navigator.clipboard.writeText(text).then(function () { if (!settled) { settled = true; clearTimeout(timer); done(); } },
                                                 function () { if (!settled) { settled = true; clearTimeout(timer); fallback(); } });
      } else { fallback(); }
    });
  });

  // Topics without findings are built on demand from the data embedded in the page, a
  // page of topics per click, so that even a corpus of a hundred thousand claims stays quick.
  var more = document.getElementById('more-topics');
  var data = null, built = 0, PAGE = 100;
  if (more) {
    more.addEventListener('click', function () {
      data = data || JSON.parse(document.getElementById('topic-data').textContent);
      var holder = document.getElementById('other-topics');
      var fragment = document.createDocumentFragment();
      data.topics.slice(built, built + PAGE).forEach(function (topic) {
        var section = document.createElement('div');
        section.className = 'topic'; section.id = 't-' + topic.key;
        var title = document.createElement('h3');
        title.textContent = topic.label + ' ';
        var key = document.createElement('code'); key.className = 'muted'; key.textContent = topic.key;
        title.appendChild(key); section.appendChild(title);
        var table = document.createElement('table');
        var head = table.createTHead().insertRow();
        ['claim', 'source', 'period', 'modality', 'value', 'normalised', 'where'].forEach(function (name) {
          var cell = document.createElement('th'); cell.textContent = name; head.appendChild(cell);
        });
        var body = table.createTBody();
        topic.rows.forEach(function (row) {
          var line = body.insertRow();
          var source = data.sources[row[1]];
          line.dataset.source = source;
          [row[0], source, data.strings[row[2]], data.modalities[row[3]], data.strings[row[4]], data.strings[row[5]],
           'claims/tagged/' + source + '.csv:' + row[6]].forEach(function (text) {
            line.insertCell().textContent = text;
          });
        });
        section.appendChild(table);
        fragment.appendChild(section);
      });
      built = Math.min(built + PAGE, data.topics.length);
      holder.appendChild(fragment);
      var left = data.topics.length - built;
      if (left > 0) { more.textContent = 'Show more topics without findings (' + left + ' left)'; }
      else { more.remove(); }
      apply();
    });
  }
  document.body.dataset.ready = 'true';
})();
"""


def _e(text: Any) -> str:
    return escape("" if text is None else str(text), quote=True)


def _url(address: str | None, label: str) -> str:
    """A link only for http(s) addresses; anything else stays text."""
    if address and address.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(address)}" rel="noreferrer noopener">{_e(label)}</a>'
    return _e(label)


CONTEXT_CHARS = 320


def _highlight(claim: dict[str, Any]) -> str:
    """The quote marked inside its paragraph: up to CONTEXT_CHARS either side, cut at a
    word, with the whole paragraph one click away. Everything escaped."""
    context, start, end = claim.get("context") or "", claim.get("quote_start", -1), claim.get("quote_end", -1)
    if not context or start < 0:
        return f"<mark>{_e(claim['quote'])}</mark>"
    before, after = context[:start], context[end:]
    trimmed = False
    if len(before) > CONTEXT_CHARS:
        cut = before[-CONTEXT_CHARS:]
        before = "… " + (cut[cut.find(" ") + 1 :] if " " in cut else cut)
        trimmed = True
    if len(after) > CONTEXT_CHARS:
        cut = after[:CONTEXT_CHARS]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + " …"
        trimmed = True
    excerpt = f"{_e(before)}<mark>{_e(context[start:end])}</mark>{_e(after)}"
    if not trimmed:
        return excerpt
    whole = f"{_e(context[:start])}<mark>{_e(context[start:end])}</mark>{_e(context[end:])}"
    return f"{excerpt}<details><summary>whole paragraph</summary>{whole}</details>"


def _claim_card(claim: dict[str, Any], full: dict[str, Any] | None, sources: dict[str, Any], subject: bool) -> str:
    source = sources.get(claim["source"], {})
    title = source.get("title") or claim["source"]
    published = f", {_e(source['published'])}" if source.get("published") else ""
    context = _highlight(full) if full else f"<mark>{_e(claim['quote'])}</mark>"
    return (
        f'<div class="claim{" subject" if subject else ""}" data-claim="{_e(claim["claim_id"])}">'
        f'<div class="where"><strong>{_e(claim["source"])}</strong> <span class="muted">— {_url(source.get("url"), title)}{published}</span><br>'
        f"<code>{_e(claim['file'])}:{_e(claim['line'])}</code> · <code>{_e(claim['claim_id'])}</code>"
        f"{' · ' + _e(claim['period']) if claim.get('period') else ''}</div>"
        f'<div class="value">{_e(claim["value"])} <span class="muted">→ {_e(claim["normalised"])}</span></div>'
        f'<div class="context">{context}</div></div>'
    )


def review_command(finding: dict[str, Any], prefix: str) -> str:
    """The command an editor runs to record a decision on a finding."""
    root = f" --root {prefix.rstrip('/')}" if prefix else ""
    return (
        f'claimcheck review {finding["fingerprint"]}{root} --decision confirmed-error --note "why, for the next reader"'
    )


def _finding_card(
    finding: dict[str, Any], rules: dict[str, dict], claims: dict[str, dict], sources: dict[str, Any], prefix: str
) -> str:
    rule = rules.get(finding["rule"], {})
    review = finding.get("review")
    state = "reviewed" if review else ("resolved" if finding["status"] == "resolved" else "needs review")
    badges = [
        f'<span class="badge {finding["severity"]}">{finding["severity"]}</span>',
        f'<span class="badge status">{_e(finding["status"])}</span>',
    ]
    if finding.get("failing"):
        badges.append('<span class="badge failing">failing</span>')
    revised = finding.get("source_revised") or []
    if revised:
        badges.append('<span class="badge revised" style="background:#6f42c1">source revised</span>')
    if review:
        badges.append(f'<span class="badge review">{_e(review["decision"])}</span>')
    elif state == "needs review":
        badges.append('<span class="badge needs">needs review</span>')
    if review:
        decision = (
            f'<div class="review"><strong>Review:</strong> {_e(review["decision"])} by {_e(review.get("reviewer") or "unknown")} '
            f"({_e(review.get('date') or 'undated')}{', expires ' + _e(review['expires']) if review.get('expires') else ''}): "
            f"{_e(review.get('note') or '')}</div>"
        )
    elif state == "needs review":
        command = review_command(finding, prefix)
        decision = (
            f'<div class="decide">Record a decision (confirmed-error, accepted-difference or false-positive): '
            f'<pre>{_e(command)}</pre><button type="button" class="copy" data-copy="{_e(command)}">Copy</button></div>'
        )
    else:
        decision = ""
    sources_attr = " ".join(sorted({claim["source"] for claim in finding["claims"]}))
    subject = finding.get("subject")
    cards = "".join(
        _claim_card(
            claim, claims.get(claim["claim_id"]), sources, claim["claim_id"] == subject and len(finding["claims"]) > 1
        )
        for claim in finding["claims"]
    )
    diagnosis = f"<div><strong>Diagnosis:</strong> {_e(finding['diagnosis'])}</div>" if finding["diagnosis"] else ""
    return (
        f'<section class="finding {finding["severity"]}" id="f-{_e(finding["fingerprint"])}" data-severity="{finding["severity"]}" '
        f'data-rule="{_e(finding["rule"])}" data-status="{_e(finding["status"])}" data-sources="{_e(sources_attr)}" '
        f'data-review="{_e(state)}" data-failing="{"yes" if finding.get("failing") else "no"}">'
        f'<h3>{" ".join(badges)} <code>{_e(finding["rule"])}</code> · <a href="#t-{_e(finding["topic"])}">{_e(finding["topic"])}</a></h3>'
        f"<p>{_e(finding['message'])}</p>{diagnosis}"
        f'<div class="explain">{_e(rule.get("description", ""))} {_e(rule.get("explanation", ""))}</div>'
        f'{decision}<div class="claims">{cards}</div>{_revised(revised)}'
        f'<div class="muted" style="font-size:12px;margin-top:6px">fingerprint <code>{_e(finding["fingerprint"])}</code></div></section>'
    )


def _revised(revised: list[dict[str, str]]) -> str:
    """Each revised claim's passage in the baseline's text and now, side by side."""
    if not revised:
        return ""
    rows = "".join(
        f'<div class="where"><code>{_e(item["claim_id"])}</code> · {_e(item["text_file"])} · {_e(item["change"])}</div>'
        f'<div class="claims"><div class="claim"><div class="muted">before</div>“{_e(item["before"])}”</div>'
        f'<div class="claim"><div class="muted">now</div>“{_e(item["now"])}”</div></div>'
        for item in revised
    )
    return (
        f'<div class="revised" style="margin-top:10px"><strong>Source revised since the baseline:</strong>{rows}</div>'
    )


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Ticks at 1-2-5 steps covering [low, high]: a step of 1, 2 or 5 times a power of ten
    that gives about ``count`` ticks."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else []
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    value = first * step
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    return ticks


def log_ticks(low: float, high: float) -> list[float]:
    """Ticks at 1, 2 and 5 times each power of ten within [low, high] (positive)."""
    ticks = []
    for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for factor in (1, 2, 5):
            value = factor * 10.0**power
            if low <= value <= high:
                ticks.append(value)
    return ticks


def _year_ticks(t_min: float, t_max: float) -> list[tuple[float, str]]:
    first, last = dt.date.fromordinal(int(t_min)).year, dt.date.fromordinal(max(int(t_max) - 1, int(t_min))).year
    years = list(range(first, last + 2))
    step = max(1, math.ceil(len(years) / 10))
    return [
        (float(dt.date(year, 1, 1).toordinal()), str(year))
        for year in years[::step]
        if t_min <= dt.date(year, 1, 1).toordinal() <= t_max
    ]


WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 260, 90, 170, 16, 40


def _time_axis(t_min: float, t_max: float):
    def x(day: float) -> float:
        return LEFT + (min(max(day, t_min), t_max) - t_min) / (t_max - t_min) * (WIDTH - LEFT - RIGHT)

    return x


def _legend(sources: list[str], colours: dict[str, str]) -> list[str]:
    parts = []
    for position, source in enumerate(sources):
        ly = TOP + 8 + position * 16
        parts.append(
            f'<circle cx="{WIDTH - RIGHT + 14}" cy="{ly}" r="4" fill="{colours.get(source, "#333")}"/>'
            f'<text x="{WIDTH - RIGHT + 22}" y="{ly + 4}">{_e(source)}</text>'
        )
    return parts


def _frame(topic: str, kind: str, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg class="chart" role="img" aria-label="{_e(topic)} by source over time" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg" data-topic="{_e(topic)}" data-kind="{kind}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#3c4043"/></marker></defs>',
    ]


def _chart(topic: str, unit: str, claims: list[dict[str, Any]], colours: dict[str, str], flagged: set[str]) -> str:
    """Values over time by source: a bar over each claim's period at its stated value, its
    interval as a vertical line, and a dot at the value; a lower bound is an arrow pointing
    up from its value, an upper bound an arrow pointing down. A log scale when the values
    span 30× or more. The claims of findings are ringed. No chart for a single point."""
    points = [
        c
        for c in claims
        if c["chart"]["value"] is not None and c["chart"]["t0"] is not None and c["chart"]["t1"] is not None
    ]
    if len(points) < 2:
        return ""
    t_min = min(c["chart"]["t0"] for c in points)
    t_max = max(c["chart"]["t1"] for c in points)
    if t_max <= t_min:
        t_max = t_min + 1
    values = [c["chart"][k] for c in points for k in ("value", "low", "high") if c["chart"][k] is not None]
    v_min, v_max = min(values), max(values)
    use_log = v_min > 0 and v_max / v_min >= 30
    if use_log:
        ticks = log_ticks(v_min, v_max) or [v_min, v_max]
        low_axis, high_axis = math.log10(min(v_min, ticks[0])) - 0.05, math.log10(max(v_max, ticks[-1])) + 0.05
    else:
        ticks = nice_ticks(min(0.0, v_min), v_max * 1.05 if v_max > 0 else v_max + 1)
        low_axis, high_axis = min(ticks[0], v_min), max(ticks[-1], v_max)
        if high_axis <= low_axis:
            high_axis = low_axis + 1
    x = _time_axis(t_min, t_max)

    def y(value: float) -> float:
        scaled = math.log10(max(value, 10**low_axis)) if use_log else value
        return HEIGHT - BOTTOM - (scaled - low_axis) / (high_axis - low_axis) * (HEIGHT - TOP - BOTTOM)

    parts = _frame(topic, "values")
    parts.append(
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#9aa0a6"/>'
    )
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#9aa0a6"/>')
    for tick in ticks:
        ty = y(tick)
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{_e(number(tick, 3))}</text>'
        )
        parts.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="#eee"/>')
    for day, year in _year_ticks(t_min, t_max):
        parts.append(f'<text x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{year}</text>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}">{_e(unit)}{" (log scale)" if use_log else ""}</text>')
    for claim in points:
        chart = claim["chart"]
        colour = colours.get(claim["source"], "#333")
        dash = ' stroke-dasharray="4 3"' if claim.get("modality") not in ("actual", "estimate") else ""
        x0, x1 = x(chart["t0"]), x(chart["t1"])
        xm, yv = (x0 + x1) / 2, y(chart["value"])
        marks = [
            f'<line x1="{x0:.1f}" y1="{yv:.1f}" x2="{max(x1, x0 + 2):.1f}" y2="{yv:.1f}" stroke="{colour}" stroke-width="4" stroke-opacity="0.6"{dash}/>'
        ]
        if chart["bound"] == "lower":  # at least the value: an arrow up, no end
            marks.append(
                f'<line class="bound lower" x1="{xm:.1f}" y1="{yv:.1f}" x2="{xm:.1f}" y2="{TOP + 2}" stroke="{colour}" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
        elif chart["bound"] == "upper":  # at most the value: an arrow down, no end
            marks.append(
                f'<line class="bound upper" x1="{xm:.1f}" y1="{yv:.1f}" x2="{xm:.1f}" y2="{HEIGHT - BOTTOM - 2}" stroke="{colour}" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
        elif chart["low"] is not None and chart["high"] is not None:
            marks.append(
                f'<line class="interval" x1="{xm:.1f}" y1="{y(chart["low"]):.1f}" x2="{xm:.1f}" y2="{y(chart["high"]):.1f}" stroke="{colour}" stroke-width="1.5"{dash}/>'
            )
        marks.append(f'<circle cx="{xm:.1f}" cy="{yv:.1f}" r="4" fill="{colour}"/>')
        ring = " flagged" if claim["claim_id"] in flagged else ""
        parts.append(
            f'<g class="point{ring}" data-claim="{_e(claim["claim_id"])}" data-source="{_e(claim["source"])}">'
            f"<title>{_e(claim['claim_id'])} ({_e(claim['source'])}): {_e(claim['value'])} → {_e(claim['normalised'])}, {_e(claim['period'])}</title>"
            + "".join(marks)
            + "</g>"
        )
    parts += _legend(sorted({c["source"] for c in points}), colours)
    parts.append("</svg>")
    return "".join(parts)


def _timeline(topic: str, kind: str, claims: list[dict[str, Any]], colours: dict[str, str], flagged: set[str]) -> str:
    """Status and date topics over time: one row per claim, a bar over the time it covers
    (a status coloured by its state, a date by its source), open ends drawn to the edge
    with an arrow. The claims of findings are ringed. No chart for a single claim."""
    rows = [c for c in claims if c["span"]["t0"] is not None or c["span"]["t1"] is not None]
    if len(rows) < 2:
        return ""
    finite = [v for c in rows for v in (c["span"]["t0"], c["span"]["t1"]) if v is not None]
    t_min, t_max = min(finite), max(finite)
    pad = max((t_max - t_min) * 0.04, 1.0)
    t_min, t_max = t_min - pad, t_max + pad
    states = sorted({c["span"]["state"] for c in rows if c["span"]["state"]})
    state_colour = {state: STATE_COLOURS[position % len(STATE_COLOURS)] for position, state in enumerate(states)}
    height = TOP + BOTTOM + 18 * len(rows)
    x = _time_axis(t_min, t_max)
    parts = _frame(topic, kind, height)
    for day, year in _year_ticks(t_min, t_max):
        parts.append(
            f'<line x1="{x(day):.1f}" y1="{TOP}" x2="{x(day):.1f}" y2="{height - BOTTOM}" stroke="#eee"/>'
            f'<text x="{x(day):.1f}" y="{height - BOTTOM + 16}" text-anchor="middle">{year}</text>'
        )
    for position, claim in enumerate(
        sorted(rows, key=lambda c: (c["span"]["t0"] if c["span"]["t0"] is not None else -math.inf, c["claim_id"]))
    ):
        span = claim["span"]
        yy = TOP + 9 + position * 18
        x0 = x(span["t0"]) if span["t0"] is not None else LEFT
        x1 = x(span["t1"]) if span["t1"] is not None else WIDTH - RIGHT
        colour = state_colour.get(span["state"], colours.get(claim["source"], "#333"))
        arrows = (' marker-start="url(#arrow)"' if span["t0"] is None else "") + (
            ' marker-end="url(#arrow)"' if span["t1"] is None else ""
        )
        ring = " flagged" if claim["claim_id"] in flagged else ""
        parts.append(
            f'<g class="point{ring}" data-claim="{_e(claim["claim_id"])}" data-source="{_e(claim["source"])}">'
            f"<title>{_e(claim['claim_id'])} ({_e(claim['source'])}): {_e(claim['value'])}, {_e(claim['period'])}</title>"
            f'<line x1="{x0:.1f}" y1="{yy}" x2="{x1:.1f}" y2="{yy}" stroke="{colour}" stroke-width="3"{arrows}/>'
            f'<rect x="{x0:.1f}" y="{yy - 5}" width="{max(x1 - x0, 3):.1f}" height="10" fill="{colour}" fill-opacity="0.35"/>'
            f'<text x="{WIDTH - RIGHT + 8}" y="{yy + 4}">{_e(claim["claim_id"])}</text></g>'
        )
    if states:
        for position, state in enumerate(states):
            parts.append(
                f'<text x="{LEFT + position * 140}" y="{height - 6}" fill="{state_colour[state]}">■ {_e(state)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _topic_section(
    topic: str, info: dict[str, Any], claims: list[dict[str, Any]], findings: list[dict], colours: dict[str, str]
) -> str:
    rows = []
    for claim in sorted(claims, key=lambda c: (c["source"], c["line"])):
        rows.append(
            f'<tr data-source="{_e(claim["source"])}"><td><a href="#c-{_e(claim["claim_id"])}" id="c-{_e(claim["claim_id"])}">'
            f"{_e(claim['claim_id'])}</a></td><td>{_e(claim['source'])}</td><td>{_e(claim['period'])}</td>"
            f"<td>{_e(claim['modality'])}</td><td>{_e(claim['value'])}</td><td>{_e(claim['normalised'])}</td>"
            f"<td><code>{_e(claim['file'])}:{_e(claim['line'])}</code></td></tr>"
        )
    linked = "".join(f'<a href="#f-{_e(f["fingerprint"])}">{_e(f["rule"])}</a> ' for f in findings)
    flagged = {claim["claim_id"] for finding in findings for claim in finding["claims"]}
    kind = info.get("kind")
    if kind in ("quantity", "count"):
        chart = _chart(topic, info.get("unit") or "", claims, colours, flagged)
    elif kind in ("status", "date"):
        chart = _timeline(topic, kind, claims, colours, flagged)
    else:
        chart = ""
    return (
        f'<div class="topic" id="t-{_e(topic)}"><h3>{_e(info.get("label") or topic)} <code class="muted">{_e(topic)}</code></h3>'
        f"{'<p>Findings: ' + linked + '</p>' if linked else ''}{chart}"
        f"<table><thead><tr><th>claim</th><th>source</th><th>period</th><th>modality</th><th>value</th><th>normalised</th><th>where</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _topic_data(topics: dict[str, dict], by_topic: dict[str, list], keys: list[str]) -> str:
    """The claims of topics without findings, compact: strings interned, rows as arrays."""
    strings: dict[str, int] = {}
    sources: dict[str, int] = {}
    modalities: dict[str, int] = {}

    def index(table: dict[str, int], text: str) -> int:
        return table.setdefault(text, len(table))

    data_topics = []
    for key in keys:
        rows = [
            [
                claim["claim_id"],
                index(sources, claim["source"]),
                index(strings, claim["period"]),
                index(modalities, claim["modality"]),
                index(strings, claim["value"]),
                index(strings, claim["normalised"]),
                claim["line"],
            ]
            for claim in sorted(by_topic[key], key=lambda c: (c["source"], c["line"]))
        ]
        data_topics.append({"key": key, "label": topics.get(key, {}).get("label") or key, "rows": rows})
    document = {
        "strings": list(strings),
        "sources": list(sources),
        "modalities": list(modalities),
        "topics": data_topics,
    }
    # Inside a <script> element only "</" can end it early: escape it (and the HTML comment
    # openers) so no text of a claim can close the element.
    return (
        json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")
    )


def _checkboxes(group: str, values: list[str]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" data-group="{group}" value="{_e(value)}" checked> {_e(value)}</label>'
        for value in values
    )
    return f"<fieldset><legend>{group}</legend>{boxes}</fieldset>"


def _order(finding: dict[str, Any]) -> tuple:
    """Failing first, then what still needs review, then reviewed, then resolved."""
    state = (
        0 if finding.get("failing") else (3 if finding["status"] == "resolved" else (2 if finding.get("review") else 1))
    )
    return (state, {"error": 0, "warning": 1, "note": 2}[finding["severity"]], finding["topic"], finding["rule"])


def render_html(record: dict[str, Any]) -> str:
    summary, corpus = record["summary"], record["run"]["corpus"]
    prefix = record["run"].get("path_prefix", "")
    claims = record.get("claims", [])
    by_id = {claim["claim_id"]: claim for claim in claims}
    sources = record.get("sources", {})
    rules = {rule["id"]: rule for rule in record["rules"]}
    source_ids = sorted(
        {claim["source"] for claim in claims} | {c["source"] for f in record["findings"] for c in f["claims"]}
    )
    # Sources with a text of their own get the first, most distinct colours.
    by_weight = sorted(source_ids, key=lambda source: (not sources.get(source, {}).get("file"), source))
    colours = {source: PALETTE[position % len(PALETTE)] for position, source in enumerate(by_weight)}
    findings = sorted(record["findings"] + record["resolved"], key=_order)
    statuses = [
        status for status in ("new", "changed", "unchanged", "resolved") if any(f["status"] == status for f in findings)
    ] or ["new"]
    errors = record.get("errors", [])
    aside = record["run"].get("set_aside")
    aside_claims = aside["claims"] if aside else 0
    verdict = "invalid data" if errors else ("failing" if summary["failing"] else "passing")
    head = (
        f'<header><h1>claimcheck report <span class="badge {"error" if errors or summary["failing"] else "review"}">{verdict}</span></h1>'
        f'<div class="muted">{corpus["claims"]} claims{" checked" if aside else ""} from {corpus["sources"]} sources '
        f"({corpus['texts']} texts){f', {aside_claims} set aside' if aside else ''}, "
        f"{corpus['topics_used']} topics · inputs <code>{_e(record['run']['inputs_sha256'][:16])}</code>"
        f"{' · baseline ' + _e(record['run']['baseline']) if record['run']['baseline'] else ''}</div>"
        f'<div class="counts"><span><span class="badge error">error</span> {summary["error"]}</span>'
        f'<span><span class="badge warning">warning</span> {summary["warning"]}</span>'
        f'<span><span class="badge note">note</span> {summary["note"]}</span>'
        f"<span>new {summary['new']} · changed {summary['changed']} · unchanged {summary['unchanged']} · resolved {summary['resolved']}</span>"
        f"<span>reviewed {summary['reviewed']} · failing at '{_e(record['run']['fail_on'])}': {summary['failing']}</span></div></header>"
    )
    error_list = ""
    if errors:
        items = "".join(
            f"<li><code>{_e(error['file'])}:{_e(error['line'])}</code> <strong>{_e(error['column'])}</strong>: {_e(error['message'])}</li>"
            for error in errors
        )
        if aside:
            topics = aside["topics"]
            more = f" and {len(topics) - NAMED_TOPICS} more" if len(topics) > NAMED_TOPICS else ""
            said = (
                f"The rules ran without the {aside['claims']} claim(s) these touch and the rest of their topic "
                f"families; fix them to check those too. Not checked: {_e(', '.join(topics[:NAMED_TOPICS]))}{more}."
            )
        else:
            said = "The corpus could not be checked; fix these first."
        error_list = f'<h2>Data errors ({len(errors)})</h2><p>{said}</p><ul class="errors">{items}</ul>'

    reviews_present = [
        state
        for state in ("needs review", "reviewed", "resolved")
        if any(
            (
                ("reviewed" if f.get("review") else ("resolved" if f["status"] == "resolved" else "needs review"))
                == state
            )
            for f in findings
        )
    ]
    filters = (
        '<div class="filters">'
        + _checkboxes("severity", ["error", "warning", "note"])
        + _checkboxes("rule", [r["id"] for r in record["rules"]])
        + _checkboxes("status", statuses)
        + _checkboxes("review", reviews_present or ["needs review"])
        + _checkboxes("source", source_ids)
        + "</div>"
    )
    cards = "".join(_finding_card(finding, rules, by_id, sources, prefix) for finding in findings)
    stale = ""
    if record["stale_reviews"]:
        items = "".join(
            f"<li><code>{_e(s['fingerprint'])}</code> ({_e(s['decision'])}): {_e(s['reason'])}</li>"
            for s in record["stale_reviews"]
        )
        stale = f'<h2>Stale reviews</h2><ul class="stale">{items}</ul>'
    by_topic = {
        topic: list(group)
        for topic, group in groupby(sorted(claims, key=lambda c: c["topic"]), key=lambda c: c["topic"])
    }
    findings_by_topic: dict[str, list] = {}
    for finding in findings:
        findings_by_topic.setdefault(finding["topic"], []).append(finding)
    with_findings = [topic for topic in sorted(by_topic) if topic in findings_by_topic]
    without = [topic for topic in sorted(by_topic) if topic not in findings_by_topic]
    topics_html = "".join(
        _topic_section(
            topic, record["topics"].get(topic, {}), by_topic[topic], findings_by_topic.get(topic, []), colours
        )
        for topic in with_findings
    )
    if without:
        topics_html += (
            f'<div id="other-topics"></div>'
            f'<button type="button" id="more-topics">Show the {len(without)} topics without findings</button>'
            f'<script type="application/json" id="topic-data">{_topic_data(record["topics"], by_topic, without)}</script>'
        )
    source_rows = "".join(
        f'<tr data-source="{_e(sid)}"><td>{_e(sid)}</td><td>{_e(info.get("title"))}</td><td>{_e(info.get("author"))}</td>'
        f"<td>{_e(info.get('publisher'))}</td><td>{_e(info.get('published'))}</td><td>{_url(info.get('url'), info.get('url') or '')}</td></tr>"
        for sid, info in sorted(sources.items())
    )
    body = (
        f'{head}<main>{error_list}{filters}<h2>Findings (<span id="shown">{len(findings)}</span> shown of {len(findings)})</h2>{cards}{stale}'
        f"<h2>Claims by topic</h2>{topics_html}"
        f"<h2>Sources</h2><table><thead><tr><th>id</th><th>title</th><th>author</th><th>publisher</th><th>published</th><th>url</th></tr></thead>"
        f"<tbody>{source_rows}</tbody></table></main>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>claimcheck report</title><style>{CSS}</style></head><body>{body}<script>{SCRIPT}</script></body></html>\n"
    )
