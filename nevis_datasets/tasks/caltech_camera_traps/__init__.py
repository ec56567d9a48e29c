"""Caltech Camera Traps (ECCV 2018 subset): camera-trap photos of 16 classes."""
