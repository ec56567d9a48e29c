"""AnimalWeb (Khan et al., CVPR 2020): animal faces of 352 species, from the file name prefix."""
