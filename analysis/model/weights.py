"""The shipped weights file: a zip of plain NumPy arrays (no pickle), written byte for byte the
same for the same arrays, so a retrain can be compared with what ships by its hash.

NumPy is imported on first use only: importing `analysis` costs nothing.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .features import CHAR_RANGE, N_BUCKETS

if TYPE_CHECKING:
    import numpy as np

__all__ = ["WEIGHTS_PATH", "PROVENANCE_PATH", "Weights", "load", "save"]

HERE: Final = Path(__file__).resolve().parent
WEIGHTS_PATH: Final = HERE / "context_model.npz"
PROVENANCE_PATH: Final = HERE / "context_model.provenance.json"

# A fixed timestamp in the zip, so equal arrays give equal bytes.
_EPOCH: Final = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Weights:
    """A linear model over `features`: p = sigmoid(intercept + sum of block weight * coef . x)."""

    coef: np.ndarray  # float16, one per hash bucket
    intercept: float
    word_weight: float
    char_weight: float


def save(weights: Weights, path: Path = WEIGHTS_PATH) -> None:
    import numpy as np

    arrays = {
        "coef": np.asarray(weights.coef, dtype=np.float16),
        "intercept": np.array([weights.intercept], dtype=np.float64),
        "block_weights": np.array([weights.word_weight, weights.char_weight], dtype=np.float64),
        "n_buckets": np.array([N_BUCKETS], dtype=np.int64),
        "char_range": np.array(CHAR_RANGE, dtype=np.int64),
    }
    write_arrays(path, arrays)


def write_arrays(path: Path, arrays: dict[str, Any]) -> None:
    """An .npz of `arrays` with a fixed timestamp and no pickles, so a retrain on the same data
    gives the same bytes (and the same hash in the provenance file)."""
    import numpy as np

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def load(path: Path = WEIGHTS_PATH) -> Weights:
    """Read the weights with pickles refused; refuse a file made for other features."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        if int(data["n_buckets"][0]) != N_BUCKETS or tuple(data["char_range"]) != CHAR_RANGE:
            raise ValueError(f"{path.name} was trained on other features: retrain it")
        coef = data["coef"].astype(np.float32)
        word_weight, char_weight = (float(w) for w in data["block_weights"])
        return Weights(coef, float(data["intercept"][0]), word_weight, char_weight)
