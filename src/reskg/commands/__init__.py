"""Subcommands of the ``reskg`` command line; each has ``add_parser`` and ``run``."""
