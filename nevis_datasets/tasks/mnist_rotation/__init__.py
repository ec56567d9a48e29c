"""MNIST-rot (MNIST digits, the training images rotated by a fixed angle each)."""
