"""Write src/bailcheck/documents/report_page_code.py: templates/report.html.j2 compiled by
Jinja2 (see bailcheck/documents/report_template.py). Run it after changing the template or
upgrading Jinja2; tests/test_report_template.py fails until it has been run.

    python scripts/build_report_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bailcheck.documents import report_output, report_template  # the checkout's own code


def main() -> None:
    text = report_template.build(report_output.page_environment())
    report_template.ARTEFACT.write_text(text, encoding="utf-8")
    print(f"wrote {report_template.ARTEFACT} ({len(text):,} characters)")


if __name__ == "__main__":
    main()
