"""The meaning models' weights file: a zip of plain NumPy arrays (no pickle), byte-stable.

Only the features some answer used are stored (`index`), with one column per output: the six
pledges, then the four sentiment labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from analysis.model.weights import write_arrays

from .features import LEXICON, SIZE

if TYPE_CHECKING:
    import numpy as np

__all__ = ["PROVENANCE_PATH", "WEIGHTS_PATH", "Weights", "load", "save"]

HERE: Final = Path(__file__).resolve().parent
WEIGHTS_PATH: Final = HERE / "meaning_model.npz"
PROVENANCE_PATH: Final = HERE / "meaning_model.provenance.json"


@dataclass(frozen=True, slots=True)
class Weights:
    index: np.ndarray  # int32, the feature numbers with a weight
    coef: np.ndarray  # float16, (len(index), 10): six pledges, then four sentiment labels
    intercept: np.ndarray  # float64, (10,)
    pledge_threshold: float
    lexicon_weight: float
    mixed_bias: float  # added to "mixed"'s score: the model is shy of it (chosen by validation)


def save(weights: Weights, path: Path = WEIGHTS_PATH) -> None:
    import numpy as np

    arrays = {
        "index": np.asarray(weights.index, dtype=np.int32),
        "coef": np.asarray(weights.coef, dtype=np.float16),
        "intercept": np.asarray(weights.intercept, dtype=np.float64),
        "settings": np.array(
            [weights.pledge_threshold, weights.lexicon_weight, weights.mixed_bias],
            dtype=np.float64,
        ),
        "size": np.array([SIZE, len(LEXICON)], dtype=np.int64),
    }
    write_arrays(path, arrays)


def load(path: Path = WEIGHTS_PATH) -> Weights:
    """Read the weights with pickles refused; refuse a file made for other features."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        if tuple(int(n) for n in data["size"]) != (SIZE, len(LEXICON)):
            raise ValueError(f"{path.name} was trained on other features: retrain it")
        threshold, lexicon_weight, mixed_bias = (float(v) for v in data["settings"])
        return Weights(
            data["index"].astype(np.int64),
            data["coef"].astype(np.float32),
            data["intercept"].astype(np.float64),
            threshold,
            lexicon_weight,
            mixed_bias,
        )
