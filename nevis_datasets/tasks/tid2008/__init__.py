"""TID2008: distorted images labelled by their quality (MSSIM) bucket."""
