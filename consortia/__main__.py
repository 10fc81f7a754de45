"""`python -m consortia`: the same commands as the `consortia` script."""

from consortia.cli import main

main()
