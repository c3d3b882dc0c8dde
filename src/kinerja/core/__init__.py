"""The calculation core: targets, achievement, scales, roll-ups.

Plain Python; it never imports Django.
"""
