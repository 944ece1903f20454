#!/usr/bin/env python
"""Django's command-line utility for e-Müraciət."""

import os
import sys
from pathlib import Path

# `site/` is a source root, not a package: the standard library owns the name `site`.
BASE_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BASE_DIR / "site"), str(BASE_DIR)]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
