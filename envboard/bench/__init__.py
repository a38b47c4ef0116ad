"""Benchmark: page query sets cold and warm, pandas baselines, import throughput, peak memory."""
