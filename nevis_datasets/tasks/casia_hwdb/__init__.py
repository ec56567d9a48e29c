"""CASIA-HWDB1.1 (casia_hwdb): offline handwritten Chinese characters from .gnt files."""
