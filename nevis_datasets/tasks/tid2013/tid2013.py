"""TID2013 (Ponomarenko et al.): 3000 distorted images of 25 photos, labelled by MSSIM bucket.

`tid2013.rar` holds 25 reference images and their distortions `i<subject>_<type>_<level>.bmp`
(24 types x 5 levels), 512x384 BMPs, with per-image score tables; `MSSIM.txt` lists the MSSIM
of each distorted image, one value a line in subject, type, level order. Label = the image's
bucket among 5 equal-count buckets of all the table's values (`quality_0` the lowest MSSIM),
as in the reference; reference images are not examples. The archive is extracted once
(`toolkit.rar`); folders play no part (the reference unpacked it flat) and images match
their table entries by lower-cased name, which is the key. The source has no split: images are
divided by a hash of that name. Shared with tid2008 (`toolkit.sources.tid`).

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
listing order; BMPs stored as PNG at source resolution; a table entry without its image, or an
image name twice, stops the build with a message instead of being skipped or kept twice.
"""

from __future__ import annotations

from nevis_datasets.toolkit.sources import tid

SOURCE = tid.TID2013
CLASS_NAMES = tid.CLASS_NAMES


class Tid2013(tid.TidTaskBuilder):
  """TID2013; the distorted BMPs of the extracted RAR, label = MSSIM bucket."""

  TASK = 'tid2013'
  SOURCE = SOURCE
