"""``python -m legload`` runs the command line."""

from legload.cli import app

app(prog_name="legload")
