"""`python -m kinerja`: the `kinerja` command (used to start workers from the same interpreter)."""

from kinerja.entry import main

main()
