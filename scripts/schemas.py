"""Write the files derived from macros/data/schema.py: editor JSON Schemas, .vscode/settings.json, docs/fields.md."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.data.reference import derived_files

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    for path, text in derived_files().items():
        target = ROOT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
