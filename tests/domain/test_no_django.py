"""The pure domain modules must never import Django."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "sendco" / "domain"


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_modules_exist():
    assert (DOMAIN / "__init__.py").exists()


def test_no_domain_module_imports_django():
    offenders = sorted(p.name for p in DOMAIN.glob("*.py") if "django" in _imported_roots(p))
    assert offenders == []
