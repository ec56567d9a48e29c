"""MIT Indoor Scenes (67 indoor scene categories)."""
