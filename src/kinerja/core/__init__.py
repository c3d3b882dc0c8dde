"""The calculation core: targets, achievement, scales, roll-ups. Plain Python; never imports Django."""
