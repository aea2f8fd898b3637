import json
import shutil
import sys

import pytest
from django.core.management import call_command

from gongkai.annual.report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, main, run_check
from gongkai.annual.report.parsers import MAX_BYTES
from gongkai.annual.report.render import render_docx, render_html
from gongkai.annual.tests.helpers import consistent
from gongkai.annual.tests.paths import FIXTURES, SHARED_EXAMPLES

GOOD = FIXTURES / "consistent-2022.txt"
BAD = FIXTURES / "inconsistent-2022.txt"


def test_exit_0_when_no_error_finding():
    code, out = run_check([GOOD])
    assert code == EXIT_OK
    assert "某县自然资源局" in out
    assert "错误 0" in out


def test_exit_1_when_an_error_finding():
    code, out = run_check([BAD])
    assert code == EXIT_FINDINGS
    assert "table3.balance" in out


def test_exit_2_names_the_unreadable_file_and_the_batch_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out = run_check([empty, GOOD, tmp_path / "missing.pdf"])
    assert code == EXIT_UNREADABLE
    assert "empty.txt" in out
    assert "文件为空" in out
    assert "missing.pdf" in out
    assert "某县自然资源局" in out


def test_json_one_document_for_one_input():
    code, out = run_check([GOOD], fmt="json")
    doc = json.loads(out)
    assert code == EXIT_OK
    assert doc["schema"] == "gongkai.annual-report/1"
    assert doc["table3"]["rows"]["new"][6] == 737


def test_json_array_in_input_order_with_directories_sorted(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    shutil.copy(BAD, d / "b.txt")
    shutil.copy(GOOD, d / "a.txt")
    (d / "c.html").write_text(render_html(consistent(3)), encoding="utf-8")
    (d / "notes.json").write_text("{}", encoding="utf-8")
    code, out = run_check([GOOD, d], fmt="json")
    docs = json.loads(out)
    assert [doc["source"] for doc in docs] == [
        str(GOOD),
        str(d / "a.txt"),
        str(d / "b.txt"),
        str(d / "c.html"),
    ]
    assert code == EXIT_FINDINGS


def test_jobs_use_a_process_pool_with_the_same_result(tmp_path):
    for i in range(4):
        (tmp_path / f"r{i}.docx").write_bytes(render_docx(consistent(i)))
    single = run_check([tmp_path], fmt="json")
    pooled = run_check([tmp_path], fmt="json", jobs=2)
    assert single == pooled
    assert single[0] == EXIT_OK


def test_previous_year_enables_carry_over_check():
    code, out = run_check([BAD], previous=GOOD)
    assert "carryover.mismatch" in out
    assert code == EXIT_FINDINGS


def test_agency_and_year_overrides():
    _, out = run_check([GOOD], fmt="json", agency="某某局", year=2020)
    doc = json.loads(out)
    assert (doc["agency"], doc["year"]) == ("某某局", 2020)


def test_huge_file_is_refused_with_a_clear_message(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    code, out = run_check([huge])
    assert code == EXIT_UNREADABLE
    assert "超过" in out


def test_progress_bar_only_on_a_tty(tmp_path):
    class Tty:
        def __init__(self, tty):
            self.tty, self.text = tty, ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass

        def isatty(self):
            return self.tty

    yes, no = Tty(True), Tty(False)
    run_check([GOOD, BAD], progress=yes)
    run_check([GOOD, BAD], progress=no)
    assert "2/2" in yes.text
    assert no.text == ""


def test_diff_lists_changed_cells():
    buf = _Buf()
    code = main(["diff", str(GOOD), str(BAD)], stdout=buf)
    assert code == EXIT_OK
    assert "400 → 410" in buf.text
    code_json = main(["diff", "--format", "json", str(GOOD), str(BAD)], stdout=(b2 := _Buf()))
    changes = json.loads(b2.text)["changes"]
    assert code_json == EXIT_OK
    assert any(c["location"] == "table3.rows.granted[0]" for c in changes)


class _Buf:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass

    def isatty(self):
        return False


def test_main_without_action_is_usage_error():
    err = _Buf()
    assert main([], stdout=_Buf(), stderr=err) == EXIT_UNREADABLE


def test_django_command_needs_no_database_and_exits_with_the_code(capsys):
    call_command("report", "check", str(GOOD))
    assert "某县自然资源局" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        call_command("report", "check", str(BAD))
    assert exc.value.code == EXIT_FINDINGS
    with pytest.raises(SystemExit) as exc2:
        call_command("report", "check", "/nonexistent/file.pdf")
    assert exc2.value.code == EXIT_UNREADABLE


def test_django_command_json_for_the_shared_example(capsys):
    call_command(
        "report", "check", "--format", "json", str(SHARED_EXAMPLES / "pingluo-education-2023.txt")
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["agency"] == "平罗县教育体育局"


def test_no_traceback_for_garbage(tmp_path):
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 50)
    code, out = run_check([garbage])
    assert code in (EXIT_UNREADABLE, EXIT_FINDINGS)
    assert "Traceback" not in out
    assert sys.modules.get("gongkai.annual.report.parsers.pdf") is not None
