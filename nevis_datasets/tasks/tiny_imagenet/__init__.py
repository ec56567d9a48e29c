"""Tiny ImageNet (200 ImageNet classes, 64x64 images)."""
