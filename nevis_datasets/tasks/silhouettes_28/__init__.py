"""Caltech 101 Silhouettes (28x28): 8671 binary silhouettes of 101 classes, split1."""
