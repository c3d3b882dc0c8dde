"""The SAKIP evaluation (LKE) answers of an office's year."""
