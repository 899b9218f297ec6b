"""Give the tests access to the site's build helpers in plugins/ (not an installed package)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from cec_site.rounds import load_rounds  # noqa: E402,F401
