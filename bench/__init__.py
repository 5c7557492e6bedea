"""Measurement: the eval harness, the textbook baseline, a synthetic corpus and latency benchmarks."""
