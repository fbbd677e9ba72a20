#!/usr/bin/env python3
"""Collects the ratio of every benchmark goal from bench-results/*.json into one table and one chart.

Reads whichever of p1, p2p3, p4, p5, p5-cached, p5-device, p6, p7, p8, p9, startup and datapath .json exist; writes bench-results/ratios.md
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
    """A measured value from the JSON; null (not measured) becomes NaN, which meets no goal."""
    return float("nan") if value is None else float(value)


class Goal:
    """One goal: what is compared, the measured value, the target, and whether the target is a floor (a ratio that
    must reach it) or a ceiling (a time ratio or a byte count that must stay under it). unit: "×" for ratios, which
    go into the chart, or "B/op" for allocation, which is in the table only."""

    def __init__(self, label, value, target, at_most=False, unit="×"):
        self.label, self.value, self.target, self.at_most, self.unit = label, value, target, at_most, unit

    def met(self):
        # False for NaN either way.
        return self.value <= self.target if self.at_most else self.value >= self.target

    def target_text(self):
        return f"{'≤' if self.at_most else '≥'} {self.target:g}{'' if self.unit == '×' else ' ' + self.unit}"


def p1_rows(d):
    for r in d.get("results", []):
        yield Goal(f"P1 NOP {r['setup']} batch {r['batch']}: Java (JMH)/C ops/s", number(r["javaToC"]), 0.95)
        if "loopToC" in r:
            yield Goal(f"P1 NOP {r['setup']} batch {r['batch']}: Java (plain loop)/C ops/s", number(r["loopToC"]), 0.95)


def p2p3_rows(d):
    for g in d.get("goals", []):
        yield Goal(f"{g['benchmark'].upper()} {g['goal']}", number(g["ratio"]), g["target"])


def p4_rows(d):
    # Judged on requests per server CPU-second, not on raw req/s, which depend on how much CPU each server got on the
    # machine (see lio-bench/results/P4P5P6.md). Issue 15: the callback server >= 1.2x Netty io_uring; every other
    # pair >= 1.0x (at least as fast as the best peer), which for lio-vt against Netty epoll is issue 15's own goal.
    for r in d.get("ratios", []):
        goal = 1.2 if (r["server"], r["peer"]) == ("lio-loop", "netty-io_uring") else 1.0
        yield Goal(f"P4 echo {r['server']} {r['connections']} conn {r['size']} B: requests per server CPU-second "
                   f"vs {r['peer']}", number(r["requests_per_cpu_second_ratio"]), goal)


def p5_rows(variant):
    def rows(d):
        if "throughput_ratio" in d:
            yield Goal(f"P5 10k virtual threads, {variant}: AsyncFile vs FileChannel reads/s",
                       number(d["throughput_ratio"]), 3.0)
    return rows


# P6: issue 15's 48 B per request with a future (one IoFuture) and 0 B with a callback, each read with 1 B of
# tolerance: the harness's own bookkeeping adds a fraction of a byte per operation (0.03-0.4 B measured).
P6_GOALS = {"call": 49, "submitBatch": 49, "callback": 1, "callbackBatch": 1, "callbackChain": 1}


def p6_rows(d):
    for r in d.get("results", []):
        name = r["benchmark"].rsplit(".", 1)[-1]
        label = f"P6 {r['path']} path {name}{' (' + r['params'] + ')' if r.get('params') else ''}"
        if r["path"] == "ring":
            yield Goal(label + ": JVM-wide bytes per operation", number(r["jvm_bytes_per_op"]), 1, True, "B/op")
        elif name in P6_GOALS:
            used = number(r["worker_bytes_per_op"]) + number(r["loop_bytes_per_op"])
            yield Goal(label + ": bytes per request, submitting and loop threads", used, P6_GOALS[name], True,
                       "B/op")


def p7_rows(d):
    for r in d.get("ratios", []):
        if r["peer"] == "cp":
            yield Goal(f"P7 copy 1 GiB, {r['mode']}: lio-uring vs cp (speed)", number(r["speedRatio"]), 1.0)


def listed_rows(d):
    # P8, P9, start-up and the data path list their goals themselves; a side not run has ratio null (n/a).
    for g in d.get("goals", []):
        yield Goal(g["goal"], number(g["ratio"]), g["target"], g.get("atMost", False))


SOURCES = [("p1.json", p1_rows), ("p2p3.json", p2p3_rows), ("p4.json", p4_rows), ("p5.json", p5_rows("disk")),
           ("p5-cached.json", p5_rows("cached file")), ("p5-device.json", p5_rows("tmpfs loop device")),
           ("p6.json", p6_rows), ("p7.json", p7_rows), ("p8.json", listed_rows), ("p9.json", listed_rows),
           ("startup.json", listed_rows), ("datapath.json", listed_rows)]


def shown(value, digits):
    return "n/a" if math.isnan(value) else f"{value:.{digits}f}"


def svg(goals):
    width, label_w, bar_w, row_h, top = 1100, 640, 380, 22, 40
    scale = bar_w / max(2.0, max(max(0 if math.isnan(g.value) else g.value, g.target) for g in goals) * 1.1)
    height = top + row_h * len(goals) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="10" y="22" font-size="15" font-weight="bold">lio-uring vs peers: ratio per goal '
           '(bar = measured, black tick = goal; green = met)</text>']
    for i, g in enumerate(goals):
        y = top + i * row_h
        color = "#2e7d32" if g.met() else "#c62828"
        bar = 0 if math.isnan(g.value) else g.value * scale
        text = g.label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f'<text x="10" y="{y + 15}">{text}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="{row_h - 8}" fill="{color}"/>')
        out.append(f'<line x1="{label_w + g.target * scale:.1f}" x2="{label_w + g.target * scale:.1f}" y1="{y + 1}" '
                   f'y2="{y + row_h - 1}" stroke="black" stroke-width="2"/>')
        out.append(f'<text x="{label_w + bar + 6:.1f}" y="{y + 15}">{shown(g.value, 2)}× (goal {g.target_text()})</text>')
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
    goals = []
    for name, extract in SOURCES:
        data = load(args.results, name)
        if data is not None:
            goals.extend(extract(data))
    if not goals:
        print(f"summarize: no results in {args.results} yet", file=sys.stderr)
        return 1
    count = sum(1 for g in goals if g.met())
    lines = ["| goal | measured | target | met |", "|---|---:|---:|:---:|"]
    lines += [f"| {g.label} | {shown(g.value, 3)}{'' if g.unit == '×' else ' B'} | {g.target_text()} | "
              f"{'yes' if g.met() else 'no'} |" for g in goals]
    with open(os.path.join(args.results, "ratios.md"), "w") as f:
        f.write("\n".join(lines) + f"\n\n{count} of {len(goals)} goals met.\n")
    with open(os.path.join(args.results, "ratios.json"), "w") as f:
        json.dump([{"goal": g.label, "value": None if math.isnan(g.value) else g.value, "unit": g.unit,
                    "target": g.target, "atMost": g.at_most, "met": g.met()} for g in goals], f, indent=2)
    os.makedirs(os.path.dirname(os.path.abspath(args.chart)), exist_ok=True)
    with open(args.chart, "w") as f:
        f.write(svg([g for g in goals if g.unit == "×"]))
    print("\n".join(lines))
    print(f"\n{count} of {len(goals)} goals met; chart: {args.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
