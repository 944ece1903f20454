"""Put the project's source roots on sys.path, for entry points that don't start from manage.py."""

import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SITE_DIR = BASE_DIR / "site"

for path in (str(SITE_DIR), str(BASE_DIR)):
    if path not in sys.path:
        sys.path.insert(0, path)
