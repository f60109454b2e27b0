"""The report page's template ships compiled (documents/report_template.py): the module is
current, it is used only for the text and Jinja2 version it was made from, and the page it lays
out is the page the template compiled afresh lays out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest

from bailcheck.documents import report_output, report_template
from bailcheck.documents import report_page_code as shipped

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = "bailcheck.documents.report_page_code"
CURRENT = jinja2.__version__ == shipped.JINJA2


def _from_source(env: Any) -> Any:
    return env.get_template(report_template.NAME)


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tests.test_report import AS_OF, _invoke, make_batch

    folder = tmp_path_factory.mktemp("page")
    make_batch(folder / "records", n=60, copied=6, planted=6)
    out = folder / "report.json"
    assert _invoke("report", str(folder / "records"), "-o", str(out), "--as-of",
                   AS_OF.isoformat()).exit_code == 2  # the batch's one unreadable record
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.skipif(not CURRENT, reason=f"the module was made by Jinja2 {shipped.JINJA2}, this "
                    f"is {jinja2.__version__}: the template is compiled at run time instead "
                    "(test_a_module_from_another_jinja2_is_not_used)")
def test_the_shipped_module_is_current() -> None:
    text = report_template.build(report_output.page_environment())
    assert report_template.ARTEFACT.read_text(encoding="utf-8") == text, (
        "templates/report.html.j2 or Jinja2 changed: run python scripts/build_report_template.py")


def test_the_shipped_module_is_used_for_its_own_text() -> None:
    template = report_template.load(report_output.page_environment())
    assert (template.root_render_func.__module__ == SHIPPED) == CURRENT


def test_a_changed_template_is_compiled_from_its_text(tmp_path: Path) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", copy)
    page = copy / report_template.NAME
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Bail conditions: monitoring report", "Monitoring report (changed)"), encoding="utf-8")
    env = report_output.page_environment()
    env.loader = jinja2.FileSystemLoader(str(copy))
    template = report_template.load(env)
    assert template.root_render_func.__module__ != SHIPPED
    assert template.filename == str(page)


def test_a_module_from_another_jinja2_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jinja2, "__version__", "0.0-other")
    template = report_template.load(report_output.page_environment())
    assert template.root_render_func.__module__ != SHIPPED


def test_the_shipped_and_the_compiled_template_lay_out_the_same_page(
        doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    report_output._html_template.cache_clear()
    try:
        page = report_output.as_html(doc, ROOT)
        assert (report_output._html_template().root_render_func.__module__ == SHIPPED) == CURRENT
        report_output._html_template.cache_clear()
        monkeypatch.setattr(report_template, "load", _from_source)
        again = report_output.as_html(doc, ROOT)
        assert report_output._html_template().root_render_func.__module__ != SHIPPED
    finally:
        report_output._html_template.cache_clear()
    assert page == again
    assert b"Bail conditions: monitoring report" in page


def test_each_template_has_a_namespace_of_its_own() -> None:
    if not CURRENT:
        pytest.skip("the shipped module is not used with this Jinja2")
    first_env, second_env = report_output.page_environment(), report_output.page_environment()
    first, second = report_template.load(first_env), report_template.load(second_env)
    assert first.root_render_func.__globals__["environment"] is first_env
    assert second.root_render_func.__globals__["environment"] is second_env
