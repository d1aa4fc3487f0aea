"""`esslex list --json` on a large glossary against `json.dumps(indent=2)` of the same data.

Budget: the whole command (start-up, reading the cache, sorting, encoding, writing) at most
2x the time `json.dumps(entries, ensure_ascii=False, indent=2)` alone takes in a process of
its own, on the entries the command prints (read back from its own output). The glossary
is bench/out/glossaire-N.toml (written by make_glossary.py if missing), cached in a
temporary home before measuring; runs are interleaved, medians are compared.

    python bench/list_json.py                     # the venv of this interpreter
    python bench/list_json.py --count 100000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from make_glossary import cached_glossary

HERE = Path(__file__).resolve().parent
BUDGET = 2.0
# json.dumps alone: the data is read before the clock starts, the text is not written.
DUMPS = """
import gc, json, sys, time
with open(sys.argv[1], encoding="utf-8") as file:
    entries = json.load(file)
gc.disable()  # as esslex, which lists with the cycle collector paused
start = time.perf_counter()
json.dumps(entries, ensure_ascii=False, indent=2)
print(time.perf_counter() - start)
"""
# One command: wall time and its peak memory (ru_maxrss of the child).
PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    done = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr.decode(errors="replace"))
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python", default=sys.executable, help="the venv's python")
    args = parser.parse_args()
    esslex = str(Path(args.python).parent / "esslex")
    glossary = cached_glossary(args.count)
    command = [esslex, "--no-bundled", "-g", str(glossary), "list", "--json"]
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ESSLEX_", "XDG_"))}
        env.update(HOME=home, XDG_CACHE_HOME=f"{home}/.cache", LC_ALL="C.UTF-8")
        printed = Path(home) / "list.json"

        def listed() -> tuple[float, float]:
            done = subprocess.run(
                [args.python, "-c", PROBE, str(printed), *command],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            elapsed, peak_kb = done.stdout.split()
            return float(elapsed), int(peak_kb) / 1024

        def dumped() -> float:
            done = subprocess.run(
                [args.python, "-c", DUMPS, str(printed)], capture_output=True, text=True, check=True
            )
            return float(done.stdout)

        listed()  # builds the cache, and writes the entries the encoder is measured on
        size_mb = printed.stat().st_size / 1e6
        commands, dumps, peak = [], [], 0.0
        for _ in range(args.runs):  # interleaved: a busy machine slows both alike
            elapsed, memory = listed()
            commands.append(elapsed)
            peak = max(peak, memory)
            dumps.append(dumped())
    command_time, dumps_time = statistics.median(commands), statistics.median(dumps)
    ratio = command_time / dumps_time
    version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout
    print(f"python  : {version.strip()} ({args.python})")
    print(f"commande: python bench/list_json.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"glossary: {glossary.name}, {args.count} entries; {size_mb:.0f} MB of JSON")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print(f"json.dumps(indent=2) alone: {dumps_time:.2f} s (median of {args.runs})")
    print(f"esslex list --json        : {command_time:.2f} s, peak {peak:.0f} MB")
    verdict = "OK" if ratio <= BUDGET else "OVER"
    print(f"ratio                     : {ratio:.2f}x (budget {BUDGET}x: {verdict})")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
