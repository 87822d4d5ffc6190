"""`python -m dendron_jobsearch` is the same as the `dendron-jobsearch` command."""

from .cli import main

main(prog_name="dendron-jobsearch")
