"""JAX baseline learners (Independent, Previous, Dynamic, pretrained). Not written yet."""
