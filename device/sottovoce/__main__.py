"""Entry point: `sottovoce COMMAND ...` (see `sottovoce --help`)."""

import sys

from sottovoce.cli import main


def run() -> None:
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    run()
