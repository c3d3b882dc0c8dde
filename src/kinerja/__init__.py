"""Kinerja: the SAKIP performance-accountability cycle for Indonesian government offices."""

__version__ = "0.1.0"
