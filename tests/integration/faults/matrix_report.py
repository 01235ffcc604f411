# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fault matrix: (fault, expected, observed) rows recorded by the tests, printed once.

Under pytest-xdist every worker is its own process and the controller never loads this
folder's conftest, so rows go to one JSON-lines file per worker under tests/output; the
last worker to finish merges them, writes tests/output/fault-matrix.md and prints the table
on its inherited stderr (which is the terminal CI shows). Without xdist the ordinary
terminal summary prints it.
"""

import json
import os

OUTPUT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          "output")
MARKDOWN_PATH = os.path.join(OUTPUT_DIR, "fault-matrix.md")
COLUMNS = ("fault", "expected", "observed", "verdict")


class MatrixRecorder(object):
    """What a test gets as the `matrix` fixture; rows are written at once (a crash keeps them)."""

    def __init__(self, rows_path, test_id):
        self.rows_path = rows_path
        self.test_id = test_id

    def record(self, fault, expected, observed, ok=None):
        """One row. `ok` defaults to expected == observed; the assertions stay in the test."""
        if ok is None:
            ok = expected == observed
        row = {"fault": fault, "expected": expected, "observed": observed,
               "verdict": "ok" if ok else "MISMATCH", "test": self.test_id}
        with open(self.rows_path, "a") as handle:
            handle.write(json.dumps(row) + "\n")
        return row


def run_dir(run_id):
    path = os.path.join(OUTPUT_DIR, "fault-matrix-rows", run_id)
    if not os.path.isdir(path):
        os.makedirs(path, exist_ok=True)
    return path


def read_rows(directory):
    rows = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".jsonl"):
            with open(os.path.join(directory, name)) as handle:
                rows.extend(json.loads(line) for line in handle if line.strip())
    rows.sort(key=lambda row: (row["test"], row["fault"]))
    return rows


def _cell(value):
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(rows):
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def text_table(rows):
    widths = [len(c) for c in COLUMNS]
    cells = [[_cell(row[c]) for c in COLUMNS] for row in rows]
    for line in cells:
        widths = [max(w, min(len(v), 70)) for w, v in zip(widths, line)]
    out = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths))]
    out.append("  ".join("-" * w for w in widths))
    out.extend("  ".join(v.ljust(w) for v, w in zip(line, widths)) for line in cells)
    mismatches = sum(1 for row in rows if row["verdict"] != "ok")
    out.append("%d fault cases, %d mismatches (details: %s)" % (len(rows), mismatches, MARKDOWN_PATH))
    return "\n".join(out) + "\n"


def write_markdown(rows):
    with open(MARKDOWN_PATH, "w") as handle:
        handle.write("# Fault matrix\n\nEach row: the fault injected into the simulator, the true "
                     "verdict, and what the collection reported.\n\n")
        handle.write(markdown_table(rows))


def claim_final_report(directory, worker_id, worker_count):
    """True for exactly one worker: the one that finds every worker's done-marker present."""
    open(os.path.join(directory, "done-%s" % worker_id), "w").close()
    done = [n for n in os.listdir(directory) if n.startswith("done-")]
    if len(done) < worker_count:
        return False
    try:
        os.close(os.open(os.path.join(directory, "printed"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except OSError:
        return False  # another worker saw the same and won
    return True
