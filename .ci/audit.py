"""The locked requirements against the known vulnerabilities (pip-audit).

Fails when a pinned release has a known vulnerability that a newer release fixes.
OSV is asked first, then PyPI. When neither answers for any package (a network
without them), the audit says it was not done, loudly, and fails only when
``AUDIT_REQUIRED=1``.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements" / "dev.txt"
PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def audit(service: str) -> list[dict] | None:
    """The dependencies pip-audit reports on, or None when the service did not answer."""
    command = [str(PIP_AUDIT), "-r", str(REQUIREMENTS), "--no-deps", "--disable-pip"]
    command += ["--format", "json", "--progress-spinner", "off", "--vulnerability-service", service]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
    try:
        return json.loads(result.stdout)["dependencies"]
    except (json.JSONDecodeError, KeyError):
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        say(f"  {service}: no answer ({last[:160]})")
        return None


def main() -> int:
    for service in ("osv", "pypi"):
        dependencies = audit(service)
        if dependencies is None:
            continue
        audited = [d for d in dependencies if "skip_reason" not in d]
        if not audited:
            say(f"  {service}: answered for none of the {len(dependencies)} packages")
            continue
        fixable = [(d, v) for d in audited for v in d.get("vulns", []) if v.get("fix_versions")]
        say(f"{service}: {len(audited)} of {len(dependencies)} pinned packages audited")
        say(f"{service}: {len(fixable)} known vulnerabilities with a fix")
        for dependency, vuln in fixable:
            fixes = ", ".join(vuln["fix_versions"])
            say(f"  {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})")
        return 1 if fixable else 0
    say("Audit NOT DONE: no vulnerability service answered (OSV, PyPI).")
    return 1 if os.environ.get("AUDIT_REQUIRED") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
