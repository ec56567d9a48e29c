"""ANIMAL (Bai et al.): 2000 binary animal silhouettes in 20 classes."""
