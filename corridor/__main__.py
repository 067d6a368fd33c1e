"""Run the command line: ``python -m corridor``."""

from corridor.cli import main

raise SystemExit(main())
