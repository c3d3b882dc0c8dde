"""Backups of a whole deployment: `kinerja backup` and `kinerja restore`.

A backup is one ZIP archive: every table's rows as JSON lines (`tables.py` says which tables and
how a row is written), every stored evidence file, and a manifest with each member's SHA-256 and
each table's row count (`archive.py`). `restoring.py` loads an archive into an empty database of
either engine in one transaction and puts the evidence files in place only after it commits.
"""
