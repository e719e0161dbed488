"""``python -m presslens``: the same as the ``presslens`` command."""

from presslens.cli import main

main()
