"""Entry point: `sottovoce COMMAND ...` (see `sottovoce --help`); the CLI package does the rest."""

import sys

from sottovoce import cli


def run() -> None:
    sys.exit(cli.main(sys.argv[1:]))


if __name__ == "__main__":
    run()
