"""Write src/bailcheck/rules/builtin_nodes.json: the parsed trees of the built-in rule files
that `check` reads (see bailcheck/rules/cache.py). Run it after changing a file in policies/,
the YAML reader or the version; tests/test_startup_cache.py fails until it has been run.

    python scripts/build_policy_cache.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bailcheck.rules import cache  # the checkout's own code, not an installed copy


def main() -> None:
    text = cache.build(cache.builtin_files(ROOT / "policies"))
    cache.ARTEFACT.write_text(text, encoding="utf-8")
    print(f"wrote {cache.ARTEFACT} ({len(text):,} characters)")


if __name__ == "__main__":
    main()
