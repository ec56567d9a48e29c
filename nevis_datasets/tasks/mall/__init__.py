"""Mall (crowd counting in shopping-mall webcam frames, as 10 count classes)."""
