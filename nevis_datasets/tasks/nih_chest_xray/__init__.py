"""NIH ChestX-ray14 (chest X-rays, 15 finding labels) as multi-label classification."""
