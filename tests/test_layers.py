"""The layers of docs/architecture.md ("Layers"): domain < audit < accounts < core < capability
apps < project tools, capability apps independent of each other except through the registries
listed in pyproject.toml's [tool.importlinter]. import-linter reads every import, including
those inside functions, from this checkout's src/."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_imports_keep_the_layers():
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([str(lint)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
