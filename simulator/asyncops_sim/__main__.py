# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""python -m asyncops_sim: prints the base URL as the first stdout line, serves until SIGTERM."""
import argparse
import signal
import sys
import threading

from .server import make_server


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="asyncops-sim", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address only")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--time-scale", type=float, default=1.0,
                        help="multiplies every task duration (0.05 = 20x faster)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the duration/outcome RNG")
    parser.add_argument("--tenant", action="append", default=None,
                        help="provider:key:name[:project_id:region_id] (repeatable; replaces "
                             "the default tenants)")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        server = make_server(args.host, args.port, args.time_scale, args.seed, args.tenant,
                             args.tls_cert, args.tls_key)
    except ValueError as exc:
        sys.stderr.write("asyncops-sim: %s\n" % exc)
        return 2
    sys.stdout.write(server.base_url + "\n")
    sys.stdout.flush()

    def stop(signum, frame):
        # shutdown() blocks until serve_forever returns, so call it from another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
