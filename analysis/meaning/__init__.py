"""Pledges and sentiment read by trained models (issue 13): `analysis.meaning.model.read`."""
