"""One module per contender; each runs in its own process so its peak RSS is its own.

Every Python contender is started as ``python -m benchmarks.contenders.<name> <spec.json>``:
it reads the spec (simulator URLs, keys, task IDs, intervals), waits its own way, and writes
``<spec.json>.result.json`` through _io.write_result.
"""
