"""The context model behind `analysis.context_model`: its features, weights file, training
corpus and training script (`python -m analysis.model.train`, which needs the `train` extra)."""
