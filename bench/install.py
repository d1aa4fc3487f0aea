"""Build the wheel of this checkout and install it in a fresh venv under bench/out/.

The benchmarks measure the installed wheel (bytecode compiled by pip, as users get it),
not the editable install. Prints the venv's python.

    python bench/install.py            # bench/out/venv-3.11 with this interpreter
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    target = ROOT / "bench" / "out" / f"venv-{sys.version_info[0]}.{sys.version_info[1]}"
    if target.exists():
        shutil.rmtree(target)
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    with tempfile.TemporaryDirectory() as dist:
        subprocess.run(
            [str(python), "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, str(ROOT)],
            check=True,
        )
        wheel = next(Path(dist).glob("esslex-*.whl"))
        # With the `browse` extra, for bench/browse.py: no other command imports Textual.
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"{wheel}[browse]"], check=True)
    print(python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
