"""PyTorch baseline learners, at parity with the JAX ones. Not written yet."""
