"""Offices (instansi) as a tree, with their organisation and work units."""
