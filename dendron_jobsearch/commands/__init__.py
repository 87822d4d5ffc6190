"""One module per command, mkdocs-style: each defines a click `command` and nothing else."""
