"""The editorial report: one self-contained HTML file (no network, no external fonts or
scripts) that an editor opens in a browser.

It shows a summary; filters by severity, rule, status and source; every finding with its
claims side by side, each quote highlighted inside its paragraph of the source text, the
rule's explanation, the diagnosis and the review decision; and per topic every claim with
its source, time and normalised value, with a chart of the values over time by source for
numeric topics (inline SVG). Every text from sources and claims is escaped.
"""

from __future__ import annotations

import math
from html import escape
from itertools import groupby
from typing import Any

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22")

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
.badge.status { background: #e8eaed; color: #202124; } .badge.review { background: #137333; }
.filters { display: flex; flex-wrap: wrap; gap: 12px 24px; background: #fff; border: 1px solid var(--line); padding: 10px 14px; border-radius: 8px; }
.filters fieldset { border: 0; margin: 0; padding: 0; } .filters legend { font-weight: 600; font-size: 13px; }
.filters label { margin-right: 10px; font-size: 13px; white-space: nowrap; }
.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--note); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.hidden, tr.hidden { display: none; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; margin-top: 10px; }
.claim { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fcfcfd; }
.claim .where { font-size: 13px; } .claim .value { font-weight: 600; }
.context { font-size: 13.5px; color: #3c4043; border-top: 1px dashed var(--line); margin-top: 6px; padding-top: 6px; white-space: pre-wrap; }
.context details { margin-top: 4px; } .context summary { cursor: pointer; color: var(--muted); font-size: 12px; }
mark { background: #fde68a; padding: 0 1px; }
.explain { font-size: 13px; color: var(--muted); margin-top: 6px; }
.review { margin-top: 8px; font-size: 14px; background: #e6f4ea; border-radius: 6px; padding: 6px 10px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--line); text-align: left; padding: 4px 8px; vertical-align: top; }
.topic { margin-bottom: 20px; } svg { background: #fff; border: 1px solid var(--line); border-radius: 6px; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #3c4043; }
"""

SCRIPT = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters input[type=checkbox]'));
  function chosen(group) {
    return boxes.filter(function (b) { return b.dataset.group === group && b.checked; }).map(function (b) { return b.value; });
  }
  function apply() {
    var want = { severity: chosen('severity'), rule: chosen('rule'), status: chosen('status'), source: chosen('source') };
    var shown = 0;
    document.querySelectorAll('.finding').forEach(function (card) {
      var sources = card.dataset.sources.split(' ');
      var visible = want.severity.indexOf(card.dataset.severity) >= 0 && want.rule.indexOf(card.dataset.rule) >= 0 &&
        want.status.indexOf(card.dataset.status) >= 0 && sources.some(function (s) { return want.source.indexOf(s) >= 0; });
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
  document.body.dataset.ready = 'true';
})();
"""


def _e(text: Any) -> str:
    return escape("" if text is None else str(text), quote=True)


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
        before = "… " + (cut[cut.find(" ") + 1:] if " " in cut else cut)
        trimmed = True
    if len(after) > CONTEXT_CHARS:
        cut = after[:CONTEXT_CHARS]
        after = (cut[:cut.rfind(" ")] if " " in cut else cut) + " …"
        trimmed = True
    excerpt = f"{_e(before)}<mark>{_e(context[start:end])}</mark>{_e(after)}"
    if not trimmed:
        return excerpt
    whole = f"{_e(context[:start])}<mark>{_e(context[start:end])}</mark>{_e(context[end:])}"
    return f"{excerpt}<details><summary>whole paragraph</summary>{whole}</details>"


def _claim_card(claim: dict[str, Any], full: dict[str, Any] | None, sources: dict[str, Any]) -> str:
    source = sources.get(claim["source"], {})
    title = source.get("title") or claim["source"]
    published = f", {_e(source['published'])}" if source.get("published") else ""
    context = _highlight(full) if full else f"<mark>{_e(claim['quote'])}</mark>"
    return (
        f'<div class="claim" data-claim="{_e(claim["claim_id"])}">'
        f'<div class="where"><strong>{_e(claim["source"])}</strong> <span class="muted">— {_e(title)}{published}</span><br>'
        f'<code>{_e(claim["file"])}:{_e(claim["line"])}</code> · <code>{_e(claim["claim_id"])}</code>'
        f'{" · " + _e(claim["period"]) if claim.get("period") else ""}</div>'
        f'<div class="value">{_e(claim["value"])} <span class="muted">→ {_e(claim["normalised"])}</span></div>'
        f'<div class="context">{context}</div></div>'
    )


def _finding_card(finding: dict[str, Any], rules: dict[str, dict], claims: dict[str, dict], sources: dict[str, Any]) -> str:
    rule = rules.get(finding["rule"], {})
    review = finding.get("review")
    badges = [f'<span class="badge {finding["severity"]}">{finding["severity"]}</span>',
              f'<span class="badge status">{_e(finding["status"])}</span>']
    if review:
        badges.append(f'<span class="badge review">{_e(review["decision"])}</span>')
    review_html = ""
    if review:
        review_html = (f'<div class="review"><strong>Review:</strong> {_e(review["decision"])} by {_e(review.get("reviewer") or "unknown")} '
                       f'({_e(review.get("date") or "undated")}{", expires " + _e(review["expires"]) if review.get("expires") else ""}): '
                       f'{_e(review.get("note") or "")}</div>')
    sources_attr = " ".join(sorted({claim["source"] for claim in finding["claims"]}))
    cards = "".join(_claim_card(claim, claims.get(claim["claim_id"]), sources) for claim in finding["claims"])
    diagnosis = f'<div><strong>Diagnosis:</strong> {_e(finding["diagnosis"])}</div>' if finding["diagnosis"] else ""
    return (
        f'<section class="finding {finding["severity"]}" id="f-{_e(finding["fingerprint"])}" data-severity="{finding["severity"]}" '
        f'data-rule="{_e(finding["rule"])}" data-status="{_e(finding["status"])}" data-sources="{_e(sources_attr)}" '
        f'data-reviewed="{"yes" if review else "no"}">'
        f'<h3>{" ".join(badges)} <code>{_e(finding["rule"])}</code> · <a href="#t-{_e(finding["topic"])}">{_e(finding["topic"])}</a></h3>'
        f'<p>{_e(finding["message"])}</p>{diagnosis}'
        f'<div class="explain">{_e(rule.get("description", ""))} {_e(rule.get("explanation", ""))}</div>'
        f'{review_html}<div class="claims">{cards}</div>'
        f'<div class="muted" style="font-size:12px;margin-top:6px">fingerprint <code>{_e(finding["fingerprint"])}</code></div></section>'
    )


def _chart(topic: str, unit: str, claims: list[dict[str, Any]], colours: dict[str, str]) -> str:
    """Values over time by source: a bar over each claim's period, its interval as a
    vertical line, and a dot at the stated value. A log scale when values span 30× or more."""
    points = [c for c in claims if c["chart"]["value"] is not None and c["chart"]["t0"] is not None and c["chart"]["t1"] is not None]
    if not points:
        return ""
    width, height, left, right, top, bottom = 760, 260, 90, 170, 16, 40
    t_min = min(c["chart"]["t0"] for c in points)
    t_max = max(c["chart"]["t1"] for c in points)
    if t_max <= t_min:
        t_max = t_min + 1
    values = [c["chart"][k] for c in points for k in ("value", "low", "high") if c["chart"][k] is not None]
    finite = [v for v in values if math.isfinite(v)]
    v_min, v_max = min(finite), max(finite)
    use_log = v_min > 0 and v_max / v_min >= 30
    if use_log:
        low_axis, high_axis = math.log10(v_min) - 0.1, math.log10(v_max) + 0.1
    else:
        pad = (v_max - v_min) * 0.1 or abs(v_max) * 0.1 or 1.0
        low_axis, high_axis = min(0.0, v_min - pad), v_max + pad

    def x(day: float) -> float:
        return left + (day - t_min) / (t_max - t_min) * (width - left - right)

    def y(value: float) -> float:
        if value is None or not math.isfinite(value):
            return top if (value or 0) > 0 else height - bottom
        scaled = math.log10(max(value, 10 ** low_axis)) if use_log else value
        return height - bottom - (scaled - low_axis) / (high_axis - low_axis) * (height - top - bottom)

    from checker.display import number
    parts = [f'<svg class="chart" role="img" aria-label="{_e(topic)} by source over time" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" data-topic="{_e(topic)}">']
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#9aa0a6"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#9aa0a6"/>')
    for tick in range(5):
        fraction = tick / 4
        axis_value = low_axis + fraction * (high_axis - low_axis)
        shown = 10 ** axis_value if use_log else axis_value
        ty = height - bottom - fraction * (height - top - bottom)
        parts.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">{_e(number(shown, 3))}</text>')
        parts.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="#eee"/>')
    years = sorted({c["chart"]["start"][:4] for c in points} | {c["chart"]["end"][:4] for c in points})
    import datetime as dt
    for year in years:
        if year.isdigit():
            day = dt.date(int(year), 1, 1).toordinal()
            if t_min <= day <= t_max:
                parts.append(f'<text x="{x(day):.1f}" y="{height - bottom + 16}" text-anchor="middle">{year}</text>')
    parts.append(f'<text x="{left}" y="{height - 6}">{_e(unit)}{" (log scale)" if use_log else ""}</text>')
    for claim in points:
        chart = claim["chart"]
        colour = colours.get(claim["source"], "#333")
        dash = ' stroke-dasharray="4 3"' if claim.get("modality") not in ("actual", "estimate") else ""
        x0, x1, xm = x(chart["t0"]), x(chart["t1"]), (x(chart["t0"]) + x(chart["t1"])) / 2
        parts.append(f'<g class="point" data-claim="{_e(claim["claim_id"])}" data-source="{_e(claim["source"])}">'
                     f'<title>{_e(claim["claim_id"])} ({_e(claim["source"])}): {_e(claim["value"])} → {_e(claim["normalised"])}, {_e(claim["period"])}</title>'
                     f'<line x1="{x0:.1f}" y1="{y(chart["value"]):.1f}" x2="{max(x1, x0 + 2):.1f}" y2="{y(chart["value"]):.1f}" stroke="{colour}" stroke-width="4" stroke-opacity="0.6"{dash}/>'
                     f'<line x1="{xm:.1f}" y1="{y(chart["low"]):.1f}" x2="{xm:.1f}" y2="{y(chart["high"]):.1f}" stroke="{colour}" stroke-width="1.5"{dash}/>'
                     f'<circle cx="{xm:.1f}" cy="{y(chart["value"]):.1f}" r="4" fill="{colour}"/></g>')
    legend = sorted({c["source"] for c in points})
    for position, source in enumerate(legend):
        ly = top + 8 + position * 16
        parts.append(f'<circle cx="{width - right + 14}" cy="{ly}" r="4" fill="{colours.get(source, "#333")}"/>'
                     f'<text x="{width - right + 22}" y="{ly + 4}">{_e(source)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _topic_section(topic: str, info: dict[str, Any], claims: list[dict[str, Any]], findings: list[dict], colours: dict[str, str]) -> str:
    rows = []
    for claim in sorted(claims, key=lambda c: (c["source"], c["line"])):
        rows.append(f'<tr data-source="{_e(claim["source"])}"><td><a href="#c-{_e(claim["claim_id"])}" id="c-{_e(claim["claim_id"])}">'
                    f'{_e(claim["claim_id"])}</a></td><td>{_e(claim["source"])}</td><td>{_e(claim["period"])}</td>'
                    f'<td>{_e(claim["modality"])}</td><td>{_e(claim["value"])}</td><td>{_e(claim["normalised"])}</td>'
                    f'<td><code>{_e(claim["file"])}:{_e(claim["line"])}</code></td></tr>')
    linked = "".join(f'<a href="#f-{_e(f["fingerprint"])}">{_e(f["rule"])}</a> ' for f in findings)
    chart = _chart(topic, info.get("unit") or "", claims, colours) if info.get("kind") in ("quantity", "count") else ""
    return (f'<div class="topic" id="t-{_e(topic)}"><h3>{_e(info.get("label") or topic)} <code class="muted">{_e(topic)}</code></h3>'
            f'{"<p>Findings: " + linked + "</p>" if linked else ""}{chart}'
            f'<table><thead><tr><th>claim</th><th>source</th><th>period</th><th>modality</th><th>value</th><th>normalised</th><th>where</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _checkboxes(group: str, values: list[str], labels: dict[str, str] | None = None) -> str:
    boxes = "".join(f'<label><input type="checkbox" data-group="{group}" value="{_e(value)}" checked> {_e((labels or {}).get(value, value))}</label>'
                    for value in values)
    return f'<fieldset><legend>{group}</legend>{boxes}</fieldset>'


def render_html(record: dict[str, Any]) -> str:
    summary, corpus = record["summary"], record["run"]["corpus"]
    claims = record.get("claims", [])
    by_id = {claim["claim_id"]: claim for claim in claims}
    sources = record.get("sources", {})
    rules = {rule["id"]: rule for rule in record["rules"]}
    source_ids = sorted({claim["source"] for claim in claims} | {c["source"] for f in record["findings"] for c in f["claims"]})
    # Sources with a text of their own get the first, most distinct colours.
    by_weight = sorted(source_ids, key=lambda source: (not sources.get(source, {}).get("file"), source))
    colours = {source: PALETTE[position % len(PALETTE)] for position, source in enumerate(by_weight)}
    findings = record["findings"] + record["resolved"]
    statuses = [status for status in ("new", "changed", "unchanged", "resolved") if any(f["status"] == status for f in findings)] or ["new"]
    verdict = "failing" if summary["failing"] else "passing"
    head = (f'<header><h1>claimcheck report <span class="badge {"error" if summary["failing"] else "review"}">{verdict}</span></h1>'
            f'<div class="muted">{corpus["claims"]} claims from {corpus["sources"]} sources ({corpus["texts"]} texts), '
            f'{corpus["topics_used"]} topics · inputs <code>{_e(record["run"]["inputs_sha256"][:16])}</code>'
            f'{" · baseline " + _e(record["run"]["baseline"]) if record["run"]["baseline"] else ""}</div>'
            f'<div class="counts"><span><span class="badge error">error</span> {summary["error"]}</span>'
            f'<span><span class="badge warning">warning</span> {summary["warning"]}</span>'
            f'<span><span class="badge note">note</span> {summary["note"]}</span>'
            f'<span>new {summary["new"]} · changed {summary["changed"]} · unchanged {summary["unchanged"]} · resolved {summary["resolved"]}</span>'
            f'<span>reviewed {summary["reviewed"]} · failing at \'{_e(record["run"]["fail_on"])}\': {summary["failing"]}</span></div></header>')
    filters = ('<div class="filters">' + _checkboxes("severity", ["error", "warning", "note"]) + _checkboxes("rule", [r["id"] for r in record["rules"]])
               + _checkboxes("status", statuses) + _checkboxes("source", source_ids) + '</div>')
    cards = "".join(_finding_card(finding, rules, by_id, sources) for finding in findings)
    stale = ""
    if record["stale_reviews"]:
        items = "".join(f'<li><code>{_e(s["fingerprint"])}</code> ({_e(s["decision"])}): {_e(s["reason"])}</li>' for s in record["stale_reviews"])
        stale = f'<h2>Stale reviews</h2><ul class="stale">{items}</ul>'
    by_topic = {topic: list(group) for topic, group in groupby(sorted(claims, key=lambda c: c["topic"]), key=lambda c: c["topic"])}
    findings_by_topic: dict[str, list] = {}
    for finding in findings:
        findings_by_topic.setdefault(finding["topic"], []).append(finding)
    topics_html = "".join(_topic_section(topic, record["topics"].get(topic, {}), by_topic[topic], findings_by_topic.get(topic, []), colours)
                          for topic in sorted(by_topic))
    source_rows = "".join(f'<tr data-source="{_e(sid)}"><td>{_e(sid)}</td><td>{_e(info.get("title"))}</td><td>{_e(info.get("author"))}</td>'
                          f'<td>{_e(info.get("publisher"))}</td><td>{_e(info.get("published"))}</td><td>{_e(info.get("url"))}</td></tr>'
                          for sid, info in sorted(sources.items()))
    body = (f'{head}<main>{filters}<h2>Findings (<span id="shown">{len(findings)}</span> shown of {len(findings)})</h2>{cards}{stale}'
            f'<h2>Claims by topic</h2>{topics_html}'
            f'<h2>Sources</h2><table><thead><tr><th>id</th><th>title</th><th>author</th><th>publisher</th><th>published</th><th>url</th></tr></thead>'
            f'<tbody>{source_rows}</tbody></table></main>')
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
            f'<title>claimcheck report</title><style>{CSS}</style></head><body>{body}<script>{SCRIPT}</script></body></html>\n')
