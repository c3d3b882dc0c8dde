"""The dataset format: one office's plan and results, in YAML or Excel, validated by one schema."""
