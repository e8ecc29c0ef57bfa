"""`make bench`: run every benchmark script in this folder (bench/*_bench.py), one after another.

Benchmarks are not tests: pytest does not collect this folder. Each script sets Django up itself and
prints its own figures; see README.md.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    failed = 0
    for script in sorted(HERE.glob("*_bench.py")):
        print(f"== {script.name}", flush=True)
        failed |= subprocess.call([sys.executable, str(script), *sys.argv[1:]]) != 0
    sys.exit(failed)
