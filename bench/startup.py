"""Start-up time of esslex commands, as ratios to `python -c pass` and to a minimal Typer
app that prints the word it is given (the framework's own floor), both in the same venv.

Each round runs every command once, in turn (interleaved, so a busy machine slows them
alike); the medians of the rounds are compared. Output is piped, as in a script. The
user's folders are replaced by a temporary home; warm-up rounds build the cache first.
Budgets: at most 8x `python -c pass` and 1.2x the minimal Typer app.

    python bench/startup.py                 # the venv of this interpreter
    python bench/startup.py --runs 40 --markdown
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 8.0
TYPER_BUDGET = 1.2
FLOORS = ("python -c pass", "minimal Typer app", "minimal Typer app, no GC")
# The framework's floor: a Typer app of one command that takes a word and prints it. The
# word counts: from Typer 0.29 on, a command's parameters are checked by pydantic, which
# loads its validators (and looks for its plugins) only for a command that has some.
MINIMAL_TYPER_APP = """
import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(word: str) -> None:
    print(word)


app()
"""
# The same app with esslex's start-up setting (no cyclic collection while importing, see
# esslex/cli.py): part of esslex's margin comes from it, and this row says how much.
MINIMAL_TYPER_APP_NO_GC = (
    "import gc\ngc.disable()\nimport typer\ngc.freeze()\ngc.enable()\n"
    + MINIMAL_TYPER_APP.split("import typer\n", 1)[1]
)
# Modules a command must not import when its output is piped (`--help` may use Rich).
HEAVY = (
    "rich",
    "rapidfuzz",
    "tomllib",
    "tomli",
    "docx",
    "weasyprint",
    "rdflib",
    "lxml",
    "jinja2",
)


def commands(python: str, esslex: str, extra: list[str]) -> dict[str, list[str]]:
    return {
        "python -c pass": [python, "-c", "pass"],
        "minimal Typer app": [python, "-c", MINIMAL_TYPER_APP, "bonjour"],
        "minimal Typer app, no GC": [python, "-c", MINIMAL_TYPER_APP_NO_GC, "bonjour"],
        "esslex define coopération": [esslex, *extra, "define", "coopération"],
        "esslex --help": [esslex, "--help"],
        "esslex list": [esslex, *extra, "list"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def imported(python: str, argv: list[str], env: dict[str, str]) -> list[str]:
    """Top-level packages among HEAVY that the command imports."""
    script = argv[0]
    code = f"import sys; from esslex.cli import main; sys.argv = {[script, *argv[1:]]!r}; main()"
    done = subprocess.run(
        [python, "-X", "importtime", "-c", code], env=env, capture_output=True, text=True
    )
    names = {
        line.split("|")[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if "|" in line
    }
    return sorted(name for name in HEAVY if name in names)


def arguments(doc: str, runs: int, warmup: int) -> tuple[argparse.Namespace, str, list[str]]:
    """The options of a start-up bench (rounds, the venv, extra glossaries, Markdown), the
    esslex script they designate and the `-g` options of the extra glossaries."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=runs, help=f"measured rounds (default {runs})")
    parser.add_argument("--warmup", type=int, default=warmup)
    parser.add_argument("--python", default=sys.executable, help="the venv's python")
    parser.add_argument("--esslex", help="the esslex script (default: beside --python)")
    parser.add_argument("-g", "--glossary", action="append", default=[], help="extra glossary")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    esslex = args.esslex or str(Path(args.python).parent / "esslex")
    return args, esslex, [part for path in args.glossary for part in ("-g", path)]


def user_environment(home: str) -> dict[str, str]:
    """A user's set-up in the temporary `home`: esslex finds its folders as usual
    (platformdirs), colours allowed, a UTF-8 locale."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ESSLEX_", "XDG_")) and key != "NO_COLOR"
    }
    env.update(
        HOME=home,
        XDG_DATA_HOME=f"{home}/.local/share",
        XDG_CACHE_HOME=f"{home}/.cache",
        XDG_CONFIG_HOME=f"{home}/.config",
        LC_ALL="C.UTF-8",
    )
    return env


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cœurs, {platform.system()} {platform.release()}"


def main() -> int:
    args, esslex, extra = arguments(__doc__, runs=30, warmup=3)
    cmds = commands(args.python, esslex, extra)

    with tempfile.TemporaryDirectory() as home:
        env = user_environment(home)
        for _ in range(args.warmup):
            for argv in cmds.values():
                run_once(argv, env)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(args.runs):
            for name, argv in cmds.items():
                times[name].append(run_once(argv, env))
        imports = {
            name: imported(args.python, argv, env)
            for name, argv in cmds.items()
            if name not in FLOORS
        }

    version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout
    floor = statistics.median(times["python -c pass"])
    typer_floor = statistics.median(times["minimal Typer app"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine : {machine()}, load average {load:.1f} at the end")
    print(f"python  : {version.strip()} ({args.python})")
    print(f"commande: python bench/startup.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"rounds  : {args.runs} interleaved, medians")
    rows = []
    worst = worst_typer = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        ratio, typer_ratio = median / floor, median / typer_floor
        if name not in FLOORS:
            worst = max(worst, ratio)
            worst_typer = max(worst_typer, typer_ratio)
        heavy = ", ".join(imports.get(name, [])) or "-"
        rows.append((name, median * 1000, ratio, typer_ratio, heavy))
    if args.markdown:
        print(
            "\n| command | median (ms) | × python -c pass | × minimal Typer app | heavy imports |"
        )
        print("|---|---:|---:|---:|---|")
        for name, median, ratio, typer_ratio, heavy in rows:
            print(f"| `{name}` | {median:.1f} | {ratio:.2f} | {typer_ratio:.2f} | {heavy} |")
    else:
        for name, median, ratio, typer_ratio, heavy in rows:
            print(
                f"{name:28} {median:7.1f} ms  {ratio:5.2f}× pass  {typer_ratio:5.2f}× Typer"
                f"  imports: {heavy}"
            )
    ok = worst <= BUDGET and worst_typer <= TYPER_BUDGET
    same_setting = max(
        statistics.median(values) for name, values in times.items() if name not in FLOORS
    ) / statistics.median(times["minimal Typer app, no GC"])
    print(f"\nworst ratio to the minimal Typer app with the same GC setting: {same_setting:.2f}×")
    print(
        f"worst ratios {worst:.2f}× python -c pass (budget {BUDGET:.0f}×),"
        f" {worst_typer:.2f}× minimal Typer app (budget {TYPER_BUDGET}×):"
        f" {'OK' if ok else 'OVER BUDGET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
