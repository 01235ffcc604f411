"""Side-by-side benchmarks of asyncops.cloud against other ways of waiting (see README.md)."""
