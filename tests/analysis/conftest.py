"""Put the project root on sys.path, so these pure tests also run on their own.

(`pytest tests/analysis --confcutdir=tests/analysis` skips the app fixtures in tests/conftest.py.)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
