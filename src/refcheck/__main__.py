"""``python -m refcheck`` runs the command-line interface."""

from refcheck.cli import run

if __name__ == "__main__":
    run()
