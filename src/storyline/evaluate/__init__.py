"""Evaluation harnesses: each runs a stage on gold data and returns metrics."""
