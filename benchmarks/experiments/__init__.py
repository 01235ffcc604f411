"""Candidate core changes measured by the benchmarks before the lead applies them to plugins/."""
