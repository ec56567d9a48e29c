"""CBIS-DDSM (DDSM): full mammograms, 3 pathology classes."""
