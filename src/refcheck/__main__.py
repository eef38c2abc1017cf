"""``python -m refcheck`` runs the command-line interface."""

from refcheck.cli import main

if __name__ == "__main__":
    main()
