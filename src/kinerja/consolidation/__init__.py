"""Consolidation of the offices below an upper office: stored results and their roll-up."""
