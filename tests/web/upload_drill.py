"""Driver of the evidence-upload fault drill, run as its own process by `test_upload_atomic.py`.

`python upload_drill.py setup|upload|check [where]`, with DATABASE_URL and KINERJA_DATA_DIR
set. `upload write` stops for good in the middle of writing the file, `upload link` right after
the file got its final name (before the transaction commits); the test kills the process there
with SIGKILL. Each phase prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from kinerja.cli.sources import setup_django

MINIMAL = Path(__file__).resolve().parents[1] / "dataset" / "minimal.yaml"
PDF = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024) + b"\n%%EOF\n"


def _stop_here(original: Any, label: str) -> Any:
    def stopped(*args: Any) -> None:
        if label == "write":
            stream, out, _ = args
            out.write(stream.read(1024 * 1024))
            out.flush()
        else:
            original(*args)
        print(json.dumps({"stopped": label}), flush=True)
        while True:
            time.sleep(60)

    return stopped


def main(phase: str, where: str = "") -> None:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kinerja.accounts.models import Membership
    from kinerja.agencies.datasets import import_dataset
    from kinerja.plans.models import Indicator
    from kinerja.results import evidence_files
    from kinerja.results.models import Evidence, Realization

    if phase == "setup":
        from kinerja.dataset.yamlio import read_yaml

        agency = import_dataset(read_yaml(MINIMAL))
        user = get_user_model().objects.create_user("operator", password="x")
        Membership.objects.create(user=user, agency=agency, role="operator", work_unit_code="pdi")
        print(json.dumps({"ready": True}))
    elif phase == "upload":
        from django.conf import settings
        from django.core.files.uploadedfile import SimpleUploadedFile

        settings.ALLOWED_HOSTS = ["testserver"]
        if where == "write":
            evidence_files._copy = _stop_here(evidence_files._copy, "write")  # type: ignore[assignment]
        elif where == "link":
            evidence_files._keep = _stop_here(evidence_files._keep, "link")  # type: ignore[assignment]
        indicator = Indicator.objects.get(code="IK01", objective__plan__agency__code="kpu-contoh")
        client = Client()
        client.force_login(get_user_model().objects.get(username="operator"))
        response = client.post(
            f"/o/kpu-contoh/2024/isian/pdi/1/{indicator.pk}/",
            {
                f"i{indicator.pk}-value": "50%",
                f"i{indicator.pk}-evidence": SimpleUploadedFile("bukti.pdf", PDF),
                f"i{indicator.pk}-version": "0",  # the card was empty
            },
        )
        print(json.dumps({"status": response.status_code}))
    else:
        folder = Path(settings_dir())
        rows = Realization.objects.filter(quarter=1, indicator__code="IK01")
        evidence = [
            {"sha256": e.sha256, "exists": evidence_files.evidence_path(e.sha256).is_file()}
            for e in Evidence.objects.filter(realization__in=rows)
        ]
        files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        print(json.dumps({"values": [z.value for z in rows], "evidence": evidence, "files": files}))


def settings_dir() -> str:
    from django.conf import settings

    return str(settings.EVIDENCE_DIR)


if __name__ == "__main__":
    main(*sys.argv[1:])
