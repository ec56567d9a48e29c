"""Colorectal histology MNIST (Path MNIST): 8 tissue classes, 28x28 RGB tiles from a CSV."""
