"""Tests of bench/report.py: python3 -m unittest discover -s bench -p 'test_*.py'"""

import contextlib
import io
import json
import tempfile
import unittest
from pathlib import Path

import report


class ReportTest(unittest.TestCase):

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.work = Path(self.directory.name)
        self.state = self.work / "state.jsonl"
        self.results = self.work / "results"
        self.markdown = self.work / "RESULTS.md"

    def tearDown(self):
        self.directory.cleanup()

    def quietly(self, argv):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return report.main(argv)

    def record(self, name, exit_code=0, figures=None, log_text="line one\nlast line\n", load="0.5 0.4 0.3"):
        figures_file = self.work / f"{name}.json"
        if figures is not None:
            figures_file.write_text(figures if isinstance(figures, str) else json.dumps(figures))
        log = self.work / f"{name}.log"
        log.write_text(log_text)
        self.quietly(["record", "--state", str(self.state), "--name", name, "--module", "m", "--command", "cmd",
                      "--exit", str(exit_code), "--seconds", "12", "--load-before", load, "--load-after",
                      "1.5 1.0 0.5", "--figures", str(figures_file), "--log", str(log)])

    def finish(self, mode="quick"):
        code = self.quietly(["finish", "--state", str(self.state), "--mode", mode, "--started",
                             "2026-11-26T17:00:00+00:00", "--results-dir", str(self.results),
                             "--markdown", str(self.markdown)])
        self.state.unlink(missing_ok=True)
        return code

    def recorded(self):
        return [json.loads(line) for line in self.state.read_text().splitlines()]

    def test_a_benchmark_with_figures_is_ok_and_keeps_its_figures_and_load(self):
        self.record("parse", figures=[{"figure": "profile page", "value": 399.5, "unit": "pages/s"}])
        entry = self.recorded()[0]
        self.assertEqual("ok", entry["status"])
        self.assertEqual(399.5, entry["figures"][0]["value"])
        self.assertEqual([0.5, 0.4, 0.3], entry["load_before"])
        self.assertEqual([1.5, 1.0, 0.5], entry["load_after"])

    def test_a_non_zero_exit_is_a_failure_with_the_end_of_its_log(self):
        self.record("ml", exit_code=1, figures=[{"figure": "x", "value": 1, "unit": "s"}],
                    log_text="starting\nOutOfMemoryError: Java heap space\n")
        entry = self.recorded()[0]
        self.assertEqual("failed", entry["status"])
        self.assertIn("exit code 1", entry["failure"])
        self.assertIn("OutOfMemoryError", entry["failure"])
        self.assertEqual([], entry["figures"])

    def test_the_failure_quotes_log_lines_without_maven_banners_or_colour_codes(self):
        self.record("api", exit_code=1, log_text="healthy after 40 s\n\x1b[1;31mERROR\x1b[m connection refused\n"
                    "[INFO] BUILD FAILURE\n[INFO] ------\n\x1b[0m\x1b[0m\n")
        failure = self.recorded()[0]["failure"]
        self.assertTrue(failure.endswith("last lines of the log: healthy after 40 s | ERROR connection refused"),
                        failure)

    def test_exit_zero_without_a_usable_figures_file_is_a_failure(self):
        self.record("missing")
        self.record("broken", figures="{not json")
        self.record("empty", figures=[])
        self.record("shapeless", figures=[{"value": 3}])
        failures = {entry["name"]: entry["failure"] for entry in self.recorded()}
        self.assertIn("wrote no figures file", failures["missing"])
        self.assertIn("is not JSON", failures["broken"])
        self.assertIn("holds no figures", failures["empty"])
        self.assertIn("without figure/value/unit", failures["shapeless"])

    def test_finish_writes_the_run_with_machine_facts_and_reports_failures_by_exit_code(self):
        self.record("parse", figures=[{"figure": "profile page", "value": 399.5, "unit": "pages/s"}])
        self.record("api", exit_code=3)
        self.assertEqual(1, self.finish())
        [written] = list(self.results.glob("*.json"))
        run = json.loads(written.read_text())
        self.assertEqual("quick", run["mode"])
        self.assertGreater(run["machine"]["cores"], 0)
        self.assertIn("commit", run["git"])
        self.assertEqual(["ok", "failed"], [b["status"] for b in run["benchmarks"]])
        text = self.markdown.read_text()
        self.assertIn("| api | **FAILED**: exit code 3", text)
        self.assertIn("| api | **FAILED** (no figures) |", text)
        self.assertIn("| parse | profile page | 400 | pages/s |", text)

    def test_the_commit_taken_at_the_start_is_the_one_recorded(self):
        self.record("parse", figures=[{"figure": "profile page", "value": 399.5, "unit": "pages/s"}])
        self.quietly(["finish", "--state", str(self.state), "--mode", "full", "--started", "2026-11-26T17:00:00+00:00",
                      "--results-dir", str(self.results), "--markdown", str(self.markdown),
                      "--commit", "0123456789abcdef", "--uncommitted-changes", "true"])
        [written] = list(self.results.glob("*.json"))
        self.assertEqual({"commit": "0123456789abcdef", "uncommitted_changes": True},
                         json.loads(written.read_text())["git"])
        self.assertIn("Commit 0123456789 + uncommitted changes.", self.markdown.read_text())

    def test_newest_run_first_earlier_runs_kept_and_compared_within_the_same_mode(self):
        (self.results).mkdir()
        figures = [{"figure": "pick median", "value": 1000, "unit": "ms"},
                   {"figure": "throughput", "value": 200.0, "unit": "records/s"}]
        self.write_run("2026-11-25T10:00:00+00:00", "quick", figures)
        self.write_run("2026-11-25T11:00:00+00:00", "full", [dict(figures[0], value=5000)])
        self.record("b", figures=[{"figure": "pick median", "value": 1300, "unit": "ms"},
                                  {"figure": "throughput", "value": 210.0, "unit": "records/s"}])
        self.assertEqual(0, self.finish())
        text = self.markdown.read_text()
        sections = [line for line in text.splitlines() if line.startswith("## ")]
        self.assertEqual(3, len(sections))
        self.assertIn("full", sections[1])
        self.assertIn("2026-11-25T10:00:00", sections[2])
        # compared with the earlier quick run (1000 ms), not the full one in between (5000 ms)
        self.assertIn("| b | pick median | 1,300 | ms | 1,000 | +30% worse |", text)
        self.assertIn("| b | throughput | 210 | records/s | 200 | +5% |", text)

    def write_run(self, finished, mode, figures):
        run = {"started": finished, "finished": finished, "mode": mode,
               "git": {"commit": "abcdef0123456", "uncommitted_changes": False},
               "machine": {"host": "h", "cores": 2, "cpu_model": "cpu", "memory_mib": 1024, "os": "linux",
                           "java": "java 17", "java_vm": "vm"},
               "benchmarks": [{"name": "b", "module": "m", "command": "c", "seconds": 1.0, "load_before": [1, 1, 1],
                               "load_after": [1, 1, 1], "log": "l", "status": "ok", "figures": figures}]}
        (self.results / f"{finished[:13]}-{mode}.json").write_text(json.dumps(run))

    def test_change_marks_regressions_by_unit_direction(self):
        self.assertEqual("+20% worse", report.change(120, 100, "ms"))
        self.assertEqual("-20%", report.change(80, 100, "ms"))
        self.assertEqual("-20% worse", report.change(80, 100, "pages/s"))
        self.assertEqual("+20%", report.change(120, 100, "req/s"))
        self.assertEqual("+5%", report.change(105, 100, "ms"))
        self.assertEqual("", report.change(None, 100, "ms"))
        self.assertEqual("n/a", report.format_value(None))


if __name__ == "__main__":
    unittest.main()
