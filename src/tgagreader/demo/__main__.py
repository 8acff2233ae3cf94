"""``python -m tgagreader.demo [--generation j3] [--port N]``: serve the demo site until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import sys

from tgagreader.demo import GENERATIONS
from tgagreader.demo.server import DemoServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tgagreader.demo", description=__doc__)
    parser.add_argument(
        "--generation", choices=GENERATIONS, default="j3", help="Joomla generation (default j3)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: any free port)")
    parser.add_argument(
        "--validators", action="store_true", help="send ETag/Last-Modified, answer 304"
    )
    args = parser.parse_args(argv)
    server = DemoServer(
        args.generation, host=args.host, port=args.port, validators=args.validators
    ).start()
    print(server.url, flush=True)
    print(f"serving the {args.generation} demo site; Ctrl-C to stop", file=sys.stderr, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()  # stops the server however it ends
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
