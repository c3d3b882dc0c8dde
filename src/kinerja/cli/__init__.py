"""The `kinerja` command. Heavy modules are imported inside the commands that use them."""

from kinerja.cli.app import app, main

__all__ = ["app", "main"]
