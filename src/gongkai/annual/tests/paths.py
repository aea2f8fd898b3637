"""Where the shared examples live: ``<repo>/../shared/examples`` (CI clones shared/ beside)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
SHARED_EXAMPLES = (REPO / ".." / "shared" / "examples").resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA_FILE = REPO / "docs" / "schema" / "annual-report.schema.json"
