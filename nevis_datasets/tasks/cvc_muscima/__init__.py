"""CVC-MUSCIMA (writer identification on grayscale music-score pages)."""
