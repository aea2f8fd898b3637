"""pytest plugin loaded before Django: tests never touch ./var or a real secret.

It points ``GONGKAI_DATA_DIR`` at a fresh temporary directory and supplies a throwaway secret
key before the settings are imported, then offers the shared persona fixtures.
"""

from __future__ import annotations

import os
import tempfile

os.environ["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="gongkai-test-")
os.environ.setdefault(
    "GONGKAI_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789"
)
