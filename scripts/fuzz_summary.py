"""Summarise schemathesis NDJSON reports: operations covered, cases run, failures by check.

python scripts/fuzz_summary.py artifacts/fuzz/editor.ndjson artifacts/fuzz/journalist.ndjson
"""

import json
import sys
from collections import Counter
from pathlib import Path

CHECKS = {
    "not_a_server_error": "server errors",
    "response_schema_conformance": "schema violations",
    "status_code_conformance": "undocumented status codes",
}


def summarise(path: Path) -> dict:
    operations, cases, failed = set(), 0, Counter()
    examples = []
    for line in path.read_text().splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished["recorder"]
        operations.add(recorder["label"])
        cases += len(recorder.get("cases", {}))
        for case_id, checks in recorder.get("checks", {}).items():
            for check in checks:
                if check["status"] == "failure":
                    failed[check["name"]] += 1
                    info = check.get("failure_info", {}).get("failure", {})
                    examples.append(f"{recorder['label']} [{case_id}] {info.get('title', '')}")
    return {"operations": operations, "cases": cases, "failed": failed, "examples": examples}


def main(paths: list[str]) -> int:
    worst = 0
    for path in map(Path, paths):
        result = summarise(path)
        failures = ", ".join(
            f"{result['failed'][check]} {label}" for check, label in CHECKS.items()
        )
        print(
            f"{path.stem}: {len(result['operations'])} operations, {result['cases']} cases; "
            f"{failures}"
        )
        for example in sorted(set(result["examples"]))[:20]:
            print(f"    {example}")
        worst = max(worst, sum(result["failed"].values()))
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
