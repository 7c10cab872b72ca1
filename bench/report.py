#!/usr/bin/env python3
"""Collects what bench/run measured into bench/results/<date>-<host>.json and re-renders bench/RESULTS.md.

Standard library only. Subcommands (bench/run calls them; see bench/README.md):
  record  --state F --name N --module M --command C --exit N --seconds S --load-before "a b c"
          --load-after "a b c" --figures F --log F        one benchmark's outcome, appended to the state file
  finish  --state F --mode quick|full --started ISO --results-dir D --markdown F
          [--commit SHA --uncommitted-changes true|false]
          the run's JSON (machine facts, git commit, every benchmark) and RESULTS.md from every run in D
  render  --results-dir D --markdown F                   RESULTS.md only, from the runs in D
"""

import argparse
import json
import math
import os
import platform
import re
import socket
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

FAILED = "failed"
OK = "ok"


def load_figures(path):
    """The figures a benchmark wrote, or raises ValueError naming what is wrong with the file."""
    if not path.is_file():
        raise ValueError(f"it wrote no figures file ({path})")
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"its figures file {path} is not JSON: {error}") from error
    if not isinstance(figures, list) or not figures:
        raise ValueError(f"its figures file {path} holds no figures")
    for figure in figures:
        if not isinstance(figure, dict) or not {"figure", "value", "unit"} <= figure.keys():
            raise ValueError(f"its figures file {path} has an entry without figure/value/unit: {figure}")
    return figures


ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def last_lines(path, count=3):
    """The log's last lines that say something: Maven's [INFO] banners and colour codes are left out."""
    if not path.is_file():
        return "(no log)"
    lines = [ANSI_ESCAPE.sub("", line).strip()
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line and not line.startswith("[INFO]")]
    return " | ".join(lines[-count:])


def parse_load(text):
    return [float(value) for value in text.split()[:3]]


def record(args):
    figures_path = Path(args.figures)
    log = Path(args.log)
    entry = {
        "name": args.name,
        "module": args.module,
        "command": args.command,
        "seconds": round(float(args.seconds), 1),
        "load_before": parse_load(args.load_before),
        "load_after": parse_load(args.load_after),
        "log": args.log,
    }
    if int(args.exit) != 0:
        entry.update(status=FAILED, failure=f"exit code {args.exit}; last lines of the log: {last_lines(log)}",
                     figures=[])
    else:
        try:
            entry.update(status=OK, figures=load_figures(figures_path))
        except ValueError as error:
            entry.update(status=FAILED, failure=f"exit code 0 but {error}", figures=[])
    with open(args.state, "a", encoding="utf-8") as state:
        state.write(json.dumps(entry) + "\n")
    print(f"   {entry['status']}" + (f": {entry['failure']}" if entry["status"] == FAILED
                                    else f", {len(entry['figures'])} figures"))


def command_output(*command):
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return (completed.stdout + completed.stderr).strip()


def machine_facts():
    memory_kib = None
    cpu_model = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    java = command_output("java", "-version").splitlines()
    return {
        "host": socket.gethostname(),
        "cores": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_mib": memory_kib // 1024 if memory_kib else None,
        "os": platform.platform(),
        "java": java[0] if java else "unknown",
        "java_vm": java[-1] if java else "unknown",
    }


def git_facts():
    commit = command_output("git", "rev-parse", "HEAD")
    dirty = bool(command_output("git", "status", "--porcelain", "--untracked-files=no"))
    return {"commit": commit, "uncommitted_changes": dirty}


def git_facts_at_start(args):
    """bench/run takes them before the build: the commit that was measured, not the one at the end."""
    if args.commit:
        return {"commit": args.commit, "uncommitted_changes": args.uncommitted_changes == "true"}
    return git_facts()


def finish(args):
    benchmarks = []
    state = Path(args.state)
    if state.is_file():
        benchmarks = [json.loads(line) for line in state.read_text(encoding="utf-8").splitlines() if line.strip()]
    finished = datetime.now(timezone.utc)
    machine = machine_facts()
    run = {
        "started": args.started,
        "finished": finished.isoformat(timespec="seconds"),
        "mode": args.mode,
        "git": git_facts_at_start(args),
        "machine": machine,
        "benchmarks": benchmarks,
    }
    results = Path(args.results_dir)
    results.mkdir(parents=True, exist_ok=True)
    out = results / f"{finished.strftime('%Y-%m-%dT%H%M%SZ')}-{machine['host']}.json"
    out.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    print(f"written {out}")
    render(args)
    failed = [b["name"] for b in benchmarks if b["status"] == FAILED]
    if failed:
        print(f"FAILED benchmarks: {', '.join(failed)} (see their logs)", file=sys.stderr)
        return 1
    return 0


def load_runs(results_dir):
    runs = []
    for path in sorted(Path(results_dir).glob("*.json")):
        run = json.loads(path.read_text(encoding="utf-8"))
        run["file"] = path.name
        runs.append(run)
    runs.sort(key=lambda run: run["finished"], reverse=True)
    return runs


def format_value(value):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"


def higher_is_better(unit):
    return unit.endswith("/s")


def change(value, previous, unit):
    """'+12%' etc.; marked 'worse' when the figure moved more than 10% the wrong way (noise is that large here)."""
    if value is None or previous is None or previous == 0:
        return ""
    ratio = (value - previous) / abs(previous)
    text = f"{ratio:+.0%}"
    if unit in ("ms", "s", "MiB", "requests"):
        worse = ratio > 0.10
    elif higher_is_better(unit):
        worse = ratio < -0.10
    else:
        return text
    return f"{text} worse" if worse else text


def previous_values(runs, index):
    """Per (benchmark, figure): the value in the latest earlier run of the same mode that measured it."""
    mode = runs[index]["mode"]
    values = {}
    for earlier in runs[index + 1:]:
        if earlier["mode"] != mode:
            continue
        for benchmark in earlier["benchmarks"]:
            for figure in benchmark["figures"]:
                values.setdefault((benchmark["name"], figure["figure"]), figure["value"])
    return values


def load_text(values):
    return " / ".join(f"{value:.2f}" for value in values)


def render_run(runs, index):
    run = runs[index]
    machine = run["machine"]
    previous = previous_values(runs, index)
    commit = run["git"]["commit"][:10] + (" + uncommitted changes" if run["git"]["uncommitted_changes"] else "")
    lines = [
        f"## {run['finished']} · {machine['host']} · {run['mode']}",
        "",
        f"Machine: {machine['cores']} cores ({machine['cpu_model']}), {format_value(machine['memory_mib'])} MiB, "
        f"{machine['java']} ({machine['java_vm']}), {machine['os']}. Commit {commit}. "
        f"Started {run['started']}. Raw figures: [`results/{run['file']}`](results/{run['file']}).",
        "",
        "| benchmark | status | took | load avg before (1/5/15 min) | load avg after |",
        "|---|---|---|---|---|",
    ]
    for benchmark in run["benchmarks"]:
        status = "ok" if benchmark["status"] == OK else f"**FAILED**: {benchmark['failure']}"
        status = status.replace("|", "\\|")
        lines.append(f"| {benchmark['name']} | {status} | {benchmark['seconds']:.0f} s | "
                     f"{load_text(benchmark['load_before'])} | {load_text(benchmark['load_after'])} |")
    lines += ["", "| benchmark | figure | value | unit | previous | change |", "|---|---|---|---|---|---|"]
    for benchmark in run["benchmarks"]:
        if benchmark["status"] != OK:
            lines.append(f"| {benchmark['name']} | **FAILED** (no figures) | | | | |")
            continue
        for figure in benchmark["figures"]:
            before = previous.get((benchmark["name"], figure["figure"]))
            lines.append(f"| {benchmark['name']} | {figure['figure']} | {format_value(figure['value'])} | "
                         f"{figure['unit']} | {format_value(before) if before is not None else ''} | "
                         f"{change(figure['value'], before, figure['unit'])} |")
    return "\n".join(lines)


HEADER = """# Benchmark results

Written by `bench/run` (see [README.md](README.md)); newest run first, every earlier run kept. Each run's
figures come from the benchmarks' own JSON output, raw in `results/`. "previous" is the same figure in the
latest earlier run of the same mode; "worse" marks a move of more than 10 % the wrong way. The machine is
shared: read the load averages before trusting a change.
"""


def render(args):
    runs = load_runs(args.results_dir)
    text = HEADER + "".join("\n" + render_run(runs, index) + "\n" for index in range(len(runs)))
    Path(args.markdown).write_text(text, encoding="utf-8")
    print(f"written {args.markdown} ({len(runs)} runs)")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="action", required=True)
    rec = commands.add_parser("record")
    for option in ("state", "name", "module", "command", "exit", "seconds", "load-before", "load-after", "figures",
                   "log"):
        rec.add_argument("--" + option, required=True)
    fin = commands.add_parser("finish")
    for option in ("state", "mode", "started", "results-dir", "markdown"):
        fin.add_argument("--" + option, required=True)
    fin.add_argument("--commit", help="the commit measured (default: HEAD now)")
    fin.add_argument("--uncommitted-changes", choices=("true", "false"), default="false")
    ren = commands.add_parser("render")
    for option in ("results-dir", "markdown"):
        ren.add_argument("--" + option, required=True)
    args = parser.parse_args(argv)
    if args.action == "record":
        record(args)
        return 0
    if args.action == "finish":
        return finish(args)
    return render(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
