#!/usr/bin/env python3
"""Collects the ratio of every benchmark goal from bench-results/*.json into one table and one chart.

Reads whichever of p1.json, p2p3.json, p4.json, p5.json, p6.json, p8.json, p9.json exist; writes bench-results/ratios.md
(a markdown table), bench-results/ratios.json and docs/benchmark-ratios.svg (bar chart: each ratio with its
goal marked; green when the goal is met). A ratio the run could not measure (null in the JSON) is shown as n/a,
not met. Standard library only.

Usage: summarize.py [--results DIR] [--chart FILE]   (defaults: bench-results/ and docs/benchmark-ratios.svg)
"""
import argparse
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(results, name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def number(value):
    """A ratio from the JSON; null (not measured) becomes NaN, which meets no goal."""
    return float("nan") if value is None else float(value)


def p1_rows(d):
    for r in d.get("results", []):
        yield (f"P1 NOP {r['setup']} batch {r['batch']}: Java (JMH)/C ops/s", number(r["javaToC"]), 0.95)
        if "loopToC" in r:
            yield (f"P1 NOP {r['setup']} batch {r['batch']}: Java (plain loop)/C ops/s", number(r["loopToC"]), 0.95)


def p2p3_rows(d):
    for g in d.get("goals", []):
        yield (f"{g['benchmark'].upper()} {g['goal']}", number(g["ratio"]), g["target"])


def p4_rows(d):
    # The goal is throughput at equal CPU: judged on requests per server CPU-second, not on raw req/s, which
    # depend on how much CPU each server got on the machine (see lio-bench/results/P4P5P6.md).
    for r in d.get("ratios", []):
        goal = 1.2 if r["peer"] == "netty-io_uring" else 1.0
        yield (f"P4 echo {r['server']} {r['connections']} conn {r['size']} B: requests per server CPU-second vs {r['peer']}",
               number(r["requests_per_cpu_second_ratio"]), goal)


def p5_rows(d):
    if "throughput_ratio" in d:
        yield ("P5 10k virtual threads, O_DIRECT reads: AsyncFile vs FileChannel", number(d["throughput_ratio"]), 3.0)


def p6_rows(d):
    for r in d.get("ratios", d.get("results", [])):
        if "ratio" in r and "goal" in r:
            yield (f"P6 {r.get('label', r.get('path', 'allocation'))}", number(r["ratio"]), r["goal"])


def provider_rows(d):
    # P8 and P9 list their goals as lio-nio's provider against the JDK's; a side not run has ratio null (n/a).
    for g in d.get("goals", []):
        yield (g["goal"], number(g["ratio"]), g["target"])


SOURCES = [("p1.json", p1_rows), ("p2p3.json", p2p3_rows), ("p4.json", p4_rows), ("p5.json", p5_rows),
           ("p6.json", p6_rows), ("p8.json", provider_rows), ("p9.json", provider_rows)]


def met(ratio, goal):
    return ratio >= goal  # False for NaN


def shown(ratio, digits):
    return "n/a" if math.isnan(ratio) else f"{ratio:.{digits}f}"


def svg(rows):
    width, label_w, bar_w, row_h, top = 1100, 640, 380, 22, 40
    scale = bar_w / max(2.0, max(max(0 if math.isnan(r) else r, g) for _, r, g in rows) * 1.1)
    height = top + row_h * len(rows) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="10" y="22" font-size="15" font-weight="bold">lio-uring vs peers: ratio per goal '
           '(bar = measured, black tick = goal; green = met)</text>']
    for i, (label, ratio, goal) in enumerate(rows):
        y = top + i * row_h
        color = "#2e7d32" if met(ratio, goal) else "#c62828"
        bar = 0 if math.isnan(ratio) else ratio * scale
        text = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f'<text x="10" y="{y + 15}">{text}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="{row_h - 8}" fill="{color}"/>')
        out.append(f'<line x1="{label_w + goal * scale:.1f}" x2="{label_w + goal * scale:.1f}" y1="{y + 1}" '
                   f'y2="{y + row_h - 1}" stroke="black" stroke-width="2"/>')
        out.append(f'<text x="{label_w + bar + 6:.1f}" y="{y + 15}">{shown(ratio, 2)}× (goal {goal:g})</text>')
    x1 = label_w + scale
    out.append(f'<line x1="{x1:.1f}" x2="{x1:.1f}" y1="{top}" y2="{height - 30}" stroke="#999" stroke-dasharray="3,3"/>')
    out.append(f'<text x="{x1 - 8:.1f}" y="{height - 12}" fill="#666">1×</text>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description="Collects the goal ratios of bench-results/*.json.")
    parser.add_argument("--results", default=os.path.join(ROOT, "bench-results"), help="where the pN.json files are")
    parser.add_argument("--chart", default=os.path.join(ROOT, "docs", "benchmark-ratios.svg"), help="the SVG to write")
    args = parser.parse_args()
    rows = []
    for name, extract in SOURCES:
        data = load(args.results, name)
        if data is not None:
            rows.extend(extract(data))
    if not rows:
        print(f"summarize: no results in {args.results} yet", file=sys.stderr)
        return 1
    count = sum(1 for _, r, g in rows if met(r, g))
    lines = ["| goal | ratio | target | met |", "|---|---:|---:|:---:|"]
    lines += [f"| {label} | {shown(ratio, 3)} | {goal:g} | {'yes' if met(ratio, goal) else 'no'} |"
              for label, ratio, goal in rows]
    with open(os.path.join(args.results, "ratios.md"), "w") as f:
        f.write("\n".join(lines) + f"\n\n{count} of {len(rows)} goals met.\n")
    with open(os.path.join(args.results, "ratios.json"), "w") as f:
        json.dump([{"goal": l, "ratio": None if math.isnan(r) else r, "target": g, "met": met(r, g)}
                   for l, r, g in rows], f, indent=2)
    os.makedirs(os.path.dirname(os.path.abspath(args.chart)), exist_ok=True)
    with open(args.chart, "w") as f:
        f.write(svg(rows))
    print("\n".join(lines))
    print(f"\n{count} of {len(rows)} goals met; chart: {args.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
