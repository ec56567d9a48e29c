"""Food-101N: web images of the 101 Food-101 dishes, with noisy labels."""
