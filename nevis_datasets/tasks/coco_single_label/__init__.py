"""MS COCO 2017: object crops labelled with their category."""
