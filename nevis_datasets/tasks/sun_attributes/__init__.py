"""SUN Attribute (Patterson & Hays): scene images with 102 attributes (multi-label)."""
