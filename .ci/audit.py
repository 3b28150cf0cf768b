"""`make audit`: bandit on the code we ship, pip-audit --strict on the installed packages.

Fails on any bandit finding that is not justified, and on any known vulnerability that is not
listed with a reason in audit-exceptions.toml. A finding is justified either by a comment on its
line in the project's ruff form, `# noqa: S<number> - <why>` (ruff's S rules are bandit's
checks under the same numbers), or by an entry in audit-exceptions.toml.

pip-audit needs its advisory database (PyPI's JSON API, or OSV). Without `--strict` it reports
"No known vulnerabilities found" even when it could not look anything up, so it runs with
`--strict`; when neither database can be reached from this machine the audit says so plainly
and does not fail for that reason alone: that is "not checked", never "passed".
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SHIPPED = ["app", "analysis", "surveys", "forms"]
EXCEPTIONS = ROOT / "audit-exceptions.toml"
# What pip-audit prints when it could not reach an advisory database (not a finding).
UNREACHABLE = re.compile(
    r"could not be audited|not found on PyPI|ConnectionError|NameResolutionError|"
    r"Max retries exceeded|Failed to establish a new connection|Temporary failure in name|"
    r"timed out|ReadTimeout|ConnectTimeout|SSLError|HTTP(?:S)?ConnectionPool",
    re.IGNORECASE,
)


def exceptions() -> dict:
    data = tomllib.loads(EXCEPTIONS.read_text(encoding="utf-8"))
    for entry in data.get("bandit", []) + data.get("pip_audit", []):
        if not str(entry.get("why", "")).strip():
            raise SystemExit(f"{EXCEPTIONS.name}: every exception needs a reason ('why'): {entry}")
    return data


def justified_inline(result: dict) -> bool:
    """The flagged lines carry `noqa: S<number> - <reason>`."""
    number = result["test_id"][1:]
    lines = Path(ROOT / result["filename"]).read_text(encoding="utf-8").splitlines()
    first, last = min(result["line_range"]), max(result["line_range"])
    pattern = re.compile(rf"noqa:[^#]*\bS{number}\b[^#]*?\s-\s+\S")
    return any(pattern.search(lines[n - 1]) for n in range(first, last + 1) if n <= len(lines))


def run_bandit(allowed: list[dict]) -> bool:
    command = [str(BIN / "bandit"), "-r", *SHIPPED, "-f", "json", "-q", "-c", "pyproject.toml"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"bandit: could not run:\n{done.stderr[-2000:]}")
        return False
    problems, excused = [], 0
    for result in report["results"]:
        listed = any(
            entry["test"] == result["test_id"] and result["filename"] == entry["file"]
            for entry in allowed
        )
        if listed or justified_inline(result):
            excused += 1
            continue
        problems.append(
            f"  {result['filename']}:{result['line_number']} {result['test_id']} "
            f"({result['issue_severity']}): {result['issue_text']}"
        )
    scanned = report["metrics"]["_totals"]["loc"]
    if problems:
        print(f"bandit: {len(problems)} finding(s) without a justification:")
        print("\n".join(problems))
        print(
            "Fix each, or justify it on its line (`# noqa: S<number> - why`) or in "
            f"{EXCEPTIONS.name}."
        )
        return False
    print(f"bandit: no unjustified findings in {scanned} lines ({excused} justified).")
    return True


def run_pip_audit(ignored: list[dict]) -> bool:
    ignores = [arg for entry in ignored for arg in ("--ignore-vuln", entry["id"])]
    reasons = []
    for service in ("pypi", "osv"):
        command = [
            str(BIN / "pip-audit"),
            "--strict",
            "--skip-editable",  # this project itself is not on PyPI
            "--progress-spinner",
            "off",
            "--vulnerability-service",
            service,
            "--format",
            "json",
            *ignores,
        ]
        done = subprocess.run(  # noqa: S603 - our own venv's pip-audit
            command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
        )
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            report = None
        if report is not None:
            found = [
                f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in "
                f"{', '.join(vuln.get('fix_versions') or []) or 'no release yet'})"
                for dep in report.get("dependencies", [])
                for vuln in dep.get("vulns", [])
            ]
            if found:
                print(f"pip-audit ({service}): {len(found)} known vulnerabilit(ies):")
                print("\n".join(found))
                print(f"Upgrade, or list each with a reason in {EXCEPTIONS.name}.")
                return False
            if done.returncode == 0:
                count = len(report.get("dependencies", []))
                print(
                    f"pip-audit ({service}, --strict): no known vulnerabilities in {count} "
                    f"packages ({len(ignored)} listed exception(s))."
                )
                return True
        output = (done.stderr or "") + (done.stdout or "")
        if not UNREACHABLE.search(output):
            print(f"pip-audit ({service}) failed:\n{output[-2000:]}")
            return False
        reasons.append(f"{service}: {_first_line(output)}")
    print(
        "pip-audit: NOT CHECKED. Its advisory databases cannot be reached from this machine, "
        "so no package was checked for known vulnerabilities (this is not a pass):"
    )
    print("\n".join(f"  {reason}" for reason in reasons))
    print("Run `make audit` where PyPI's JSON API or api.osv.dev is reachable.")
    return True


def _first_line(output: str) -> str:
    for line in output.splitlines():
        if UNREACHABLE.search(line):
            return line.strip()[:200]
    return output.strip().splitlines()[-1][:200] if output.strip() else "no output"


def main() -> int:
    allowed = exceptions()
    bandit_ok = run_bandit(allowed.get("bandit", []))
    audit_ok = run_pip_audit(allowed.get("pip_audit", []))
    return 0 if bandit_ok and audit_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
