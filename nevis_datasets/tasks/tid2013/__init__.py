"""TID2013: distorted images labelled by their quality (MSSIM) bucket."""
