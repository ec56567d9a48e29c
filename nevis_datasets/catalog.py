"""The NEVIS'22 task catalog: the single source of truth for every task's facts.

One entry per distinct dataset of the FULL stream (97, in first-appearance order), followed by
the synthetic `demo_*` tasks that need no network. Facts come from the reference implementation
(google-deepmind/dm_nevis); download URLs carry the reference's md5 checksums, which the builder
toolkit verifies after every download.

Whether a task's builder exists is not stored here: it is derived from the builders that
registered themselves (`nevis_datasets.registry`), so the two can never disagree.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import pathlib
import urllib.parse

from nevis_datasets import errors


class SourceKind(str, enum.Enum):
  """How the raw data reaches the machine."""

  DOWNLOAD = 'download'  # Plain HTTP(S) archives, fetched by the TFDS download manager.
  KAGGLE = 'kaggle'  # Kaggle API with credentials, or an archive placed in the manual dir.
  MANUAL = 'manual'  # The user places the files in the manual dir (licence terms).
  TFDS = 'tfds'  # Derived from an upstream TFDS dataset, re-split as the reference does.
  SYNTHETIC = 'synthetic'  # Generated procedurally from a seed; no network.


class TaskType(str, enum.Enum):
  SINGLE_LABEL = 'single-label'
  MULTI_LABEL = 'multi-label'


DOWNLOAD = SourceKind.DOWNLOAD
KAGGLE = SourceKind.KAGGLE
MANUAL = SourceKind.MANUAL
TFDS = SourceKind.TFDS
SYNTHETIC = SourceKind.SYNTHETIC
SINGLE_LABEL = TaskType.SINGLE_LABEL
MULTI_LABEL = TaskType.MULTI_LABEL


def url_file_name(url: str) -> str:
  """The last path component of `url` (query and fragment ignored); '' for a bare host."""
  return pathlib.PurePosixPath(urllib.parse.urlsplit(url).path).name


# Hosts whose download links pass the file by id: the URL never holds the file's name.
_BY_ID_HOSTS = ('drive.google.com', 'docs.google.com', 'sharepoint.com')
KAGGLE_PREFIX = 'kaggle:'


def _default_file_name(url: str) -> str:
  """The file name a URL gives its download, or '' where the URL does not tell it."""
  if url.startswith(KAGGLE_PREFIX):  # The Kaggle API's archive: `<dataset>.zip`.
    return url.rsplit('/', 1)[-1] + '.zip'
  host = urllib.parse.urlsplit(url).hostname or ''
  if any(host == h or host.endswith('.' + h) for h in _BY_ID_HOSTS):
    return ''
  name = url_file_name(url)
  return name if '.' in name.strip('.') else ''


@dataclasses.dataclass(frozen=True)
class Download:
  """One file of a task's source data.

  Attributes:
    url: where it is fetched from (`kaggle:<owner>/<dataset>` for Kaggle datasets).
    md5: the reference's md5 checksum of the file.
    file_name: the file's real name: what a user places in the manual dir, what the archive
      type is read from and where a mirror holds it. The URL's last path component unless the
      URL does not name the file (Google Drive, SharePoint), where the catalog gives it.
  """

  url: str
  md5: str
  file_name: str = ''

  def __post_init__(self):
    if not self.file_name:
      name = _default_file_name(self.url)
      if not name:
        raise ValueError(f'The catalog download {self.url} does not name its file: give its '
                         'file name.')
      object.__setattr__(self, 'file_name', name)
    if '/' in self.file_name or not self.file_name.strip('.'):
      raise ValueError(f'Bad file name {self.file_name!r} for the catalog download {self.url}.')


@dataclasses.dataclass(frozen=True)
class Task:
  """Facts about one NEVIS task.

  Attributes:
    task_id: the config name, `nevis/<task_id>`: the reference's dataset key with `/` as `_`.
    paper_name: the name the NEVIS'22 paper uses.
    years: the stream years in which the task appears (two for repeated datasets).
    num_classes: number of classes (or of labels, for multi-label tasks).
    task_type: single- or multi-label classification.
    source: where the raw data comes from.
    homepage: the dataset's web page.
    citation: the dataset's paper (title, as the reference records it).
    downloads: the source files (`Download`; given as `(url, md5)` or `(url, md5, file name)`).
    tfds_name: the upstream TFDS name (`name` or `name/config`) of TFDS-derived tasks.
    licence: the terms of use, as far as the dataset's publishers state them (check them before
      redistributing anything built from the data).
  """

  task_id: str
  paper_name: str
  years: tuple[int, ...]
  num_classes: int
  task_type: TaskType
  source: SourceKind
  homepage: str
  citation: str
  downloads: tuple[Download, ...] = ()
  tfds_name: str | None = None
  licence: str = ''

  def __post_init__(self):
    files = tuple(d if isinstance(d, Download) else Download(*d) for d in self.downloads)
    object.__setattr__(self, 'downloads', files)
    names = [d.file_name for d in files]
    if len(set(names)) != len(names):
      raise ValueError(f'Task {self.task_id!r}: two downloads share a file name ({names}).')

  @property
  def multi_label(self) -> bool:
    return self.task_type is TaskType.MULTI_LABEL

  @property
  def in_full_stream(self) -> bool:
    return self.source is not SourceKind.SYNTHETIC

  def download(self, url: str) -> Download | None:
    """The catalog download of `url`, or None where the task has none."""
    return next((d for d in self.downloads if d.url == url), None)

  def md5(self, url: str) -> str | None:
    """The reference md5 of `url`, or None where the catalog has none."""
    found = self.download(url)
    return found.md5 if found else None


_task = Task

_TASKS = (
    _task('magellan_venus_volcanoes', 'Magellan Venus Volcanoes', (1992,), 2, SINGLE_LABEL, DOWNLOAD,
          homepage='http://archive.ics.uci.edu/ml/machine-learning-databases/volcanoes-mld/',
          citation='Learning to Recognize Volcanoes on Venus',
          licence='UCI ML Repository (JPL data); research use, cite Burl et al. 1998.',
          downloads=(
              ('http://archive.ics.uci.edu/ml/machine-learning-databases/volcanoes-mld/volcanoes.tar.gz', '55143a4ec42b626126c9b4ed618f59f8'),
          )),
    _task('aberdeen', 'Aberdeen face database.', (1992,), 92, SINGLE_LABEL, DOWNLOAD,
          homepage='http://pics.stir.ac.uk/zips/',
          citation='Aberdeen face database.',
          licence='Stirling PICS, free for research use; no explicit licence.',
          downloads=(
              ('http://pics.stir.ac.uk/zips/Aberdeen.zip', '1f7044bd5f0bed01286263aa580a7a87'),
          )),
    _task('landsat', 'LandSat UCI repo', (1998,), 7, SINGLE_LABEL, DOWNLOAD,
          homepage='https://archive.ics.uci.edu/ml/machine-learning-databases/statlog/satimage/',
          citation='{UCI} Machine Learning Repository',
          licence='UCI ML Repository, CC BY 4.0 (data from the Australian Centre for Remote Sensing).',
          downloads=(
              ('https://archive.ics.uci.edu/ml/machine-learning-databases/statlog/satimage/sat.trn', '2c5ba2900da0183cab2c41fdb279fa5b'),
              ('https://archive.ics.uci.edu/ml/machine-learning-databases/statlog/satimage/sat.tst', '02c995991fecc864e809b2c4c42cd983'),
          )),
    _task('brodatz', 'Brodatz', (1998, 2011), 111, SINGLE_LABEL, DOWNLOAD,
          homepage='http://www.ux.uis.no/~tranden/brodatz/',
          citation='Brodatz',
          licence='Scans of the copyrighted Brodatz album (1966), distributed for research; no explicit licence.',
          downloads=(
              ('http://www.ux.uis.no/~tranden/brodatz/D1.gif', 'd5b7a11b6c2e21d4869626e2e43a6c76'),
              ('http://www.ux.uis.no/~tranden/brodatz/D2.gif', '1de256b931c57e40c7bc9c3f64c6a77a'),
              ('http://www.ux.uis.no/~tranden/brodatz/D3.gif', 'ec3927c4f532f88f069700f8d6adfddd'),
              ('http://www.ux.uis.no/~tranden/brodatz/D4.gif', '1ef331b11c9a3b85c34f4be1852b69e5'),
              ('http://www.ux.uis.no/~tranden/brodatz/D5.gif', '8c6b91aee71dfcd66aee551e6a0609e0'),
              ('http://www.ux.uis.no/~tranden/brodatz/D6.gif', 'e6bb6971f81d319f623615d5694b3209'),
              ('http://www.ux.uis.no/~tranden/brodatz/D7.gif', 'c2fcd13fc32c2b631343445c0e230020'),
              ('http://www.ux.uis.no/~tranden/brodatz/D8.gif', '801dade42334cac045e04a235f2986da'),
              ('http://www.ux.uis.no/~tranden/brodatz/D9.gif', 'dc65d59935048475ad4867d84ebbfa54'),
              ('http://www.ux.uis.no/~tranden/brodatz/D10.gif', '75778b4707eb295101464113d78bec6e'),
              ('http://www.ux.uis.no/~tranden/brodatz/D11.gif', 'f659294380d33fa8752ac6b070d9c55b'),
              ('http://www.ux.uis.no/~tranden/brodatz/D12.gif', '58a68e7fcdb1b0c32b6bb085ed3fe464'),
              ('http://www.ux.uis.no/~tranden/brodatz/D13.gif', '74762bcca81edf3683d91871d4863898'),
              ('http://www.ux.uis.no/~tranden/brodatz/D15.gif', '468611c6987f098b984bee1ef5feece5'),
              ('http://www.ux.uis.no/~tranden/brodatz/D16.gif', 'bd81a2680d168ed1bd156b7d840a7e0e'),
              ('http://www.ux.uis.no/~tranden/brodatz/D17.gif', '4fa54c530e545ea9f6f3a9572e2197c7'),
              ('http://www.ux.uis.no/~tranden/brodatz/D18.gif', '1649654b700b0ec8dea92d937db90e07'),
              ('http://www.ux.uis.no/~tranden/brodatz/D19.gif', 'c49ee81d5ac0241cc42765fbb9367140'),
              ('http://www.ux.uis.no/~tranden/brodatz/D20.gif', '166d44aa57308f1044d5d6009d85964e'),
              ('http://www.ux.uis.no/~tranden/brodatz/D21.gif', '070b869c8f38f6005595c062c09dd29e'),
              ('http://www.ux.uis.no/~tranden/brodatz/D22.gif', 'd5fc9a65b2a66afa641375e005b1c3a8'),
              ('http://www.ux.uis.no/~tranden/brodatz/D23.gif', '68f3c724340a17cc9b71ccbbef2c625a'),
              ('http://www.ux.uis.no/~tranden/brodatz/D24.gif', '553f108617063d3bae59dbc0842d40a6'),
              ('http://www.ux.uis.no/~tranden/brodatz/D25.gif', '983966e908c0bb871d0c7eeb87d842eb'),
              ('http://www.ux.uis.no/~tranden/brodatz/D26.gif', '25cb81107a1344bb0df5bb700ea0d545'),
              ('http://www.ux.uis.no/~tranden/brodatz/D27.gif', 'b4ad552c8153121f54311e0bf4d71742'),
              ('http://www.ux.uis.no/~tranden/brodatz/D28.gif', 'bcb1f90c91e63232fc482e861ad2a5ef'),
              ('http://www.ux.uis.no/~tranden/brodatz/D29.gif', '97c091cf6bd85df9953fbacf4c26e653'),
              ('http://www.ux.uis.no/~tranden/brodatz/D30.gif', 'f640ea4d19451070ab7521d01fe0443c'),
              ('http://www.ux.uis.no/~tranden/brodatz/D31.gif', 'f2b021904c5657adff2f0ccd3c174da2'),
              ('http://www.ux.uis.no/~tranden/brodatz/D32.gif', '2c106006421fd382c8bb7d0dde4a7757'),
              ('http://www.ux.uis.no/~tranden/brodatz/D33.gif', 'b87d02748fc35987ad31848eaa018309'),
              ('http://www.ux.uis.no/~tranden/brodatz/D34.gif', 'bfa73bb2478c5197a4841b26bbee319a'),
              ('http://www.ux.uis.no/~tranden/brodatz/D35.gif', '708271b6fb9eff6ddb04ecd8144df2a1'),
              ('http://www.ux.uis.no/~tranden/brodatz/D36.gif', '7e61234cc1f705872c7157197950f473'),
              ('http://www.ux.uis.no/~tranden/brodatz/D37.gif', 'efa7f55b325e0ec0adddfe2f13feb59f'),
              ('http://www.ux.uis.no/~tranden/brodatz/D38.gif', '41a7f446618790981a7126ec4f11a3dc'),
              ('http://www.ux.uis.no/~tranden/brodatz/D39.gif', 'bf7c79d4bebfa5e39833e3d19722f906'),
              ('http://www.ux.uis.no/~tranden/brodatz/D40.gif', '00916ab1171c486b2aaa97dff111b767'),
              ('http://www.ux.uis.no/~tranden/brodatz/D41.gif', '09df782a9078662fad344fc00ebf15ef'),
              ('http://www.ux.uis.no/~tranden/brodatz/D42.gif', '5c0c9878f3404e9f827e5b36e9e4bd78'),
              ('http://www.ux.uis.no/~tranden/brodatz/D43.gif', 'a3bb8e0a94e7bdf50bb202db4bbfd7cd'),
              ('http://www.ux.uis.no/~tranden/brodatz/D44.gif', 'fe9671ef6e3a847cacc014b4e34aed3a'),
              ('http://www.ux.uis.no/~tranden/brodatz/D45.gif', '983b7bc79ce0510cce14ec1b1e16fa11'),
              ('http://www.ux.uis.no/~tranden/brodatz/D46.gif', 'bd9ff64e7e4d49f213d8ee68e4c96a73'),
              ('http://www.ux.uis.no/~tranden/brodatz/D47.gif', '8153b39e1b9d535d7b5617f8af824770'),
              ('http://www.ux.uis.no/~tranden/brodatz/D48.gif', '91fc6fc1df6984f2ee4caa0878f79e61'),
              ('http://www.ux.uis.no/~tranden/brodatz/D49.gif', '9bf59efe485d20cefe403e22981bdf5f'),
              ('http://www.ux.uis.no/~tranden/brodatz/D50.gif', '3f51cb54e0812916aab4dd7a3ff1d53f'),
              ('http://www.ux.uis.no/~tranden/brodatz/D51.gif', '845012e87e736e7c086d860c3438395e'),
              ('http://www.ux.uis.no/~tranden/brodatz/D52.gif', 'b3e50f0ec2fd1a6fedb01633e45e723c'),
              ('http://www.ux.uis.no/~tranden/brodatz/D53.gif', 'fea16eb7f88bef7b8f59cb773c109a1e'),
              ('http://www.ux.uis.no/~tranden/brodatz/D54.gif', '7ce97a6514196ec55b5641ca6da128e4'),
              ('http://www.ux.uis.no/~tranden/brodatz/D55.gif', '83a53d7f3ed452d84bd24a5feb16ca82'),
              ('http://www.ux.uis.no/~tranden/brodatz/D56.gif', 'e05b6a4d4118a69e8c1dc21f367a2837'),
              ('http://www.ux.uis.no/~tranden/brodatz/D57.gif', 'ecf251b805b618c92f66eeaa42f3a555'),
              ('http://www.ux.uis.no/~tranden/brodatz/D58.gif', 'ed0ed6bf2f9d76f7763dfd2a59ade2d7'),
              ('http://www.ux.uis.no/~tranden/brodatz/D59.gif', 'ceabd5df9baeb447be7206e8f40b59c9'),
              ('http://www.ux.uis.no/~tranden/brodatz/D60.gif', '18a2dea676bc12c9dfce54859a194132'),
              ('http://www.ux.uis.no/~tranden/brodatz/D61.gif', '1f85e3af72d92fd24b8518f70f235150'),
              ('http://www.ux.uis.no/~tranden/brodatz/D62.gif', '6f79c57fa556d4b449583787e2dcad28'),
              ('http://www.ux.uis.no/~tranden/brodatz/D63.gif', 'eb7ee131280bffc2b2416e719c848402'),
              ('http://www.ux.uis.no/~tranden/brodatz/D64.gif', '80e74de3008d706d95097ea1e9f0c47c'),
              ('http://www.ux.uis.no/~tranden/brodatz/D65.gif', '5a3d6019a57aab602339b7ce28b185da'),
              ('http://www.ux.uis.no/~tranden/brodatz/D66.gif', 'ad7eb2e9504c2f6aa420e902bf281e8b'),
              ('http://www.ux.uis.no/~tranden/brodatz/D67.gif', '04b67bcc065507358a1cd139f6330386'),
              ('http://www.ux.uis.no/~tranden/brodatz/D68.gif', '2de16cc286ca056234c9d961db6faf29'),
              ('http://www.ux.uis.no/~tranden/brodatz/D69.gif', '847e8b08e204e51b9f6b37b27eb665e2'),
              ('http://www.ux.uis.no/~tranden/brodatz/D70.gif', 'e71ea4d910079d8076282a808447b092'),
              ('http://www.ux.uis.no/~tranden/brodatz/D71.gif', '748bfdec8178eb759283b20f8f18c7b7'),
              ('http://www.ux.uis.no/~tranden/brodatz/D72.gif', 'aab06dd699291cb98bc9bf3858c5c8e2'),
              ('http://www.ux.uis.no/~tranden/brodatz/D73.gif', '0fb12645d29c83e397bad8a4c2a02641'),
              ('http://www.ux.uis.no/~tranden/brodatz/D74.gif', '84bc434804e1af9e0ebebe35e268fe63'),
              ('http://www.ux.uis.no/~tranden/brodatz/D75.gif', '1925755a7bbb8c63eb84b1f764633040'),
              ('http://www.ux.uis.no/~tranden/brodatz/D76.gif', 'f1ad969319f6fc6bd7282c3a665580f1'),
              ('http://www.ux.uis.no/~tranden/brodatz/D77.gif', '4a0bcc6bdb82e5a2021d1fd674143309'),
              ('http://www.ux.uis.no/~tranden/brodatz/D78.gif', '84891367765a6645da6bf344960d3367'),
              ('http://www.ux.uis.no/~tranden/brodatz/D79.gif', '23fe0d9309572a9398ab76585dfed68c'),
              ('http://www.ux.uis.no/~tranden/brodatz/D80.gif', 'cda3fa8f9beb4ebd7b1214ae52d63007'),
              ('http://www.ux.uis.no/~tranden/brodatz/D81.gif', '03f9a63e224777b8fc6a831e294eb191'),
              ('http://www.ux.uis.no/~tranden/brodatz/D82.gif', '71ff43df59c976685594c2699a7ca285'),
              ('http://www.ux.uis.no/~tranden/brodatz/D83.gif', '72b08177d945df0f19fd7dee6d7d3199'),
              ('http://www.ux.uis.no/~tranden/brodatz/D84.gif', '71cfd495fe5697ba2c97584362c763d7'),
              ('http://www.ux.uis.no/~tranden/brodatz/D85.gif', 'ec10e406c98376ef453e8ff84cd17ab7'),
              ('http://www.ux.uis.no/~tranden/brodatz/D86.gif', 'c8ae9a9b08c34f10c98e10b8fbe3faa4'),
              ('http://www.ux.uis.no/~tranden/brodatz/D87.gif', 'efd18bd1b96786cd0c1154d3b6607112'),
              ('http://www.ux.uis.no/~tranden/brodatz/D88.gif', '7388e9b96303c330363a127b5f86de9a'),
              ('http://www.ux.uis.no/~tranden/brodatz/D89.gif', '3fbfb4fcacd97bd8ff4d16c865e4d1c5'),
              ('http://www.ux.uis.no/~tranden/brodatz/D90.gif', '9799b578783825b275a016d3f73f5ee9'),
              ('http://www.ux.uis.no/~tranden/brodatz/D91.gif', '5ce405b9a67949c358b8425ad0eb043d'),
              ('http://www.ux.uis.no/~tranden/brodatz/D92.gif', '0e1ad08968c216ec63989cea2ed97591'),
              ('http://www.ux.uis.no/~tranden/brodatz/D93.gif', '51651d6a16ffac5eada215a9828b47dd'),
              ('http://www.ux.uis.no/~tranden/brodatz/D94.gif', '7e665d45c5d145b9677501699ccc6ef9'),
              ('http://www.ux.uis.no/~tranden/brodatz/D95.gif', '78d6a78e47f05bb0ae28a926310a3869'),
              ('http://www.ux.uis.no/~tranden/brodatz/D96.gif', '40633ecff095460e126aa30e55e2b914'),
              ('http://www.ux.uis.no/~tranden/brodatz/D97.gif', '4dbd7162f540bf106e8287b585798341'),
              ('http://www.ux.uis.no/~tranden/brodatz/D98.gif', '5f11c141eb653f7401f9dd28e88cb73c'),
              ('http://www.ux.uis.no/~tranden/brodatz/D99.gif', 'ff60fd7aa813f72b8ef0cac840db6761'),
              ('http://www.ux.uis.no/~tranden/brodatz/D100.gif', '8e5e62d263ce3bad21d8c01ac7c0faa5'),
              ('http://www.ux.uis.no/~tranden/brodatz/D101.gif', 'c8b21ce148aafb82635cb18966b0eac4'),
              ('http://www.ux.uis.no/~tranden/brodatz/D102.gif', 'fa6ac2cf66fe51318209ac74d9a08dee'),
              ('http://www.ux.uis.no/~tranden/brodatz/D103.gif', '5976a960557eca00559042b0041921dd'),
              ('http://www.ux.uis.no/~tranden/brodatz/D104.gif', 'f0565aeebc36cad137af950125001082'),
              ('http://www.ux.uis.no/~tranden/brodatz/D105.gif', '6f27031fed8269dd0fb9d36572eb84de'),
              ('http://www.ux.uis.no/~tranden/brodatz/D106.gif', 'b338b00b68eec8d35b14b82d5eef2ba8'),
              ('http://www.ux.uis.no/~tranden/brodatz/D107.gif', '3d5c5fe771dab76f041cf58b4b7f95e8'),
              ('http://www.ux.uis.no/~tranden/brodatz/D108.gif', '98e8c0881b909259cc812d0ee1a7f700'),
              ('http://www.ux.uis.no/~tranden/brodatz/D109.gif', '3b0b3b050c09f5505f6c5079a702d87e'),
              ('http://www.ux.uis.no/~tranden/brodatz/D110.gif', '4df933730394c919130a051ef1b5cd53'),
              ('http://www.ux.uis.no/~tranden/brodatz/D111.gif', '459692fc135ea149fe40470d75c2f8ca'),
              ('http://www.ux.uis.no/~tranden/brodatz/D112.gif', '6c4cedeb6915d76742fb224a44293dd6'),
          )),
    _task('olivetti_face', 'Olivetti Face Dataset', (1998, 2010), 41, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/tavarez/the-orl-database-for-training-and-testing',
          citation='Olivetti Face Dataset',
          licence='AT&T/ORL, free for research with credit to the Olivetti Research Laboratory; Kaggle terms apply to the Kaggle copy.',
          downloads=(
              ('kaggle:tavarez/the-orl-database-for-training-and-testing', '09871495160825a485b0f2595ba2bb34'),
          )),
    _task('coil20', 'COIL 20', (2000, 2019), 20, SINGLE_LABEL, DOWNLOAD,
          homepage='https://www.cs.columbia.edu/CAVE/software/softlib/coil-20.php',
          citation='Columbia Object Image Library (COIL-20)',
          licence='Columbia CAVE, free for research use; no explicit licence.',
          downloads=(
              ('http://www.cs.columbia.edu/CAVE/databases/SLAM_coil-20_coil-100/coil-20/coil-20-proc.zip', '464dec76a6abfcd00e8de6cf1e7d0acc'),
          )),
    _task('coil100', 'COIL 100', (2001, 2019), 100, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/coil100',
          citation='COIL 100',
          licence='Columbia CAVE, free for research use; no explicit licence.',
          tfds_name='coil100'),
    _task('mpeg7', 'MPEG-7', (2001,), 70, SINGLE_LABEL, DOWNLOAD,
          homepage='https://dabi.temple.edu/external/shape/MPEG7',
          citation='Learning Context Sensitive Shape Similarity by Graph Transduction',
          licence='MPEG-7 test data distributed by Temple University for research; no explicit licence.',
          downloads=(
              ('https://dabi.temple.edu/external/shape/MPEG7/MPEG7dataset.zip', 'bedd54856c425dcc6e242515c4f67d75'),
          )),
    _task('butterflies', 'Butterfly dataset', (2004,), 7, SINGLE_LABEL, DOWNLOAD,
          homepage='https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/index.html',
          citation='Semi-Local Affine Parts for Object Recognition',
          licence='Ponce group (UIUC) research data; no explicit licence.',
          downloads=(
              ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/butterflies/butterflies.zip', 'cc9bfe5e22f9001262b785ff33221581'),
          )),
    _task('mnist', 'MNIST', (2004, 2015), 10, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/mnist',
          citation='MNIST',
          licence='CC BY-SA 3.0 (Yann LeCun and Corinna Cortes).',
          tfds_name='mnist'),
    _task('caltech101', 'Caltech 101', (2005, 2016), 102, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/caltech101',
          citation='Caltech 101',
          licence='No licence from the authors; CaltechDATA hosts it under CC BY 4.0.',
          tfds_name='caltech101'),
    _task('umist', 'UMIST', (2005,), 20, SINGLE_LABEL, DOWNLOAD,
          homepage='http://eprints.lincoln.ac.uk/id/eprint/16081',
          citation='UMIST',
          licence='Sheffield (UMIST) face database, free for research use; no explicit licence.',
          downloads=(
              ('http://eprints.lincoln.ac.uk/id/eprint/16081/1/face.tar.gz', '11011ab5dded043f5e4331711c2407c8'),
          )),
    _task('cmu_amp_expression', 'CMU AMP expression', (2005,), 13, SINGLE_LABEL, DOWNLOAD,
          homepage='http://chenlab.ece.cornell.edu/projects/FaceAuthentication/Default.html',
          citation='Face Authentication for Multiple Subjects Using Eigenflow',
          licence='CMU AMP lab database, for research use; no explicit licence.',
          downloads=(
              ('http://chenlab.ece.cornell.edu/_download/FaceAuthentication/faceExpressionDatabase.zip', 'f6c2fdf87c095c17e2527c36a0528966'),
          )),
    _task('pascal_voc2005', 'Pascal 2005', (2006,), 4, SINGLE_LABEL, DOWNLOAD,
          homepage='http://host.robots.ox.ac.uk/pascal/VOC/download/',
          citation='Pascal 2005',
          licence='PASCAL VOC 2005, research use; images belong to the original collections.',
          downloads=(
              ('http://host.robots.ox.ac.uk/pascal/VOC/download/voc2005_1.tar.gz', '6fbeaee73a81c462b190ca837b977896'),
              ('http://host.robots.ox.ac.uk/pascal/VOC/download/voc2005_2.tar.gz', '15ec3d318b84ffdfa25f1e05de0014e2'),
          )),
    _task('caltech_categories', 'Caltech cars, motorbikes', (2006,), 2, SINGLE_LABEL, DOWNLOAD,
          homepage='https://data.caltech.edu/',
          citation='Caltech cars, motorbikes',
          licence='Caltech Computational Vision archive (CaltechDATA), research use.',
          downloads=(
              ('https://data.caltech.edu/records/dvx6b-vsc46/files/Cars_2001.zip?download=1', 'e68efb9197ed6a9bc94ce46c79378d29'),
              ('https://data.caltech.edu/records/fmbpr-ezq86/files/Cars_1999.zip?download=1', '79b12e08cf5f711f27bbd3e9c6bf371f'),
              ('https://data.caltech.edu/records/pxb2q-1e144/files/motorbikes_side.zip?download=1', 'ac51dc40c8df085c6663f38307685079'),
              ('https://data.caltech.edu/records/6rjah-hdv18/files/faces.tar?download=1', 'a6e5b794952e362560dba0cb6601307d'),
          )),
    _task('uiuc_cars', 'UIUC cars', (2006,), 2, SINGLE_LABEL, DOWNLOAD,
          homepage='http://host.robots.ox.ac.uk/pascal/VOC/download/',
          citation='Learning a sparse representation for object detection',
          licence='UIUC Cognitive Computation Group, research use; no explicit licence.',
          downloads=(
              ('http://host.robots.ox.ac.uk/pascal/VOC/download/uiuc.tar.gz', '716c6078f57839bb440967fa74116da3'),
          )),
    _task('aloi', 'ALOI', (2006,), 1000, SINGLE_LABEL, DOWNLOAD,
          homepage='http://aloi.science.uva.nl/tars/',
          citation='ALOI',
          licence='Free for research use; cite Geusebroek et al., IJCV 2005.',
          downloads=(
              ('http://aloi.science.uva.nl/tars/aloi_red4_ill.tar', '0f72c3acf66908e61b6f8d5bf5981193'),
              ('http://aloi.science.uva.nl/tars/aloi_red4_col.tar', 'c0486588258de8a26df4ed7aff0b34f8'),
              ('http://aloi.science.uva.nl/tars/aloi_red4_view.tar', 'ca29f342bb0c1fa4788e9f76f591ec59'),
              ('http://aloi.science.uva.nl/tars/aloi_red4_stereo.tar', '44fef81680375641ea374c32dbe6d68d'),
          )),
    _task('scenes8', '8 Scene Dataset', (2007,), 8, SINGLE_LABEL, DOWNLOAD,
          homepage='https://people.csail.mit.edu/torralba/code/spatialenvelope/',
          citation='8 Scene Dataset',
          licence='MIT (Oliva & Torralba), research use; no explicit licence.',
          downloads=(
              ('https://people.csail.mit.edu/torralba/code/spatialenvelope/spatial_envelope_256x256_static_8outdoorcategories.zip', 'c26fe529d49848091a759d7aadd267f5'),
          )),
    _task('scenes15', '15 Scenes', (2008, 2019), 15, SINGLE_LABEL, DOWNLOAD,
          homepage='https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/scene_categories/',
          citation='15 Scenes',
          licence='Research use (Lazebnik et al.); no explicit licence.',
          downloads=(
              ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/scene_categories/scene_categories.zip', '58828019197b2ad0a7efb472e7a85c2a'),
          )),
    _task('pascal_voc2006', 'Pascal 2006', (2009,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='http://host.robots.ox.ac.uk/pascal/VOC/download/',
          citation='Pascal 2006',
          licence='PASCAL VOC 2006, research use; images belong to the original collections.',
          downloads=(
              ('http://host.robots.ox.ac.uk/pascal/VOC/download/voc2006_trainval.tar', 'af06612e5ad9863bde6fa7aae55f8866'),
              ('http://host.robots.ox.ac.uk/pascal/VOC/download/voc2006_test.tar', '6bd028d82d057621c4fc69e9c56517ef'),
          )),
    _task('extended_yaleb', 'Extended YaleB', (2009,), 28, SINGLE_LABEL, KAGGLE,
          homepage='http://vision.ucsd.edu/~leekc/ExtYaleDatabase/ExtYaleB.html',
          citation='Acquiring Linear Subspaces for Face Recognition under Variable Lighting',
          licence='Yale, research use with citation; Kaggle terms apply to the Kaggle copy.',
          downloads=(
              ('kaggle:souvadrahati/extended-yale-dataset-b', 'ef37284be91fe0c81dcd96baa948a2db'),
          )),
    _task('voc_2007', 'Pascal 2007', (2010,), 20, MULTI_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/voc',
          citation='Pascal 2007',
          licence="PASCAL VOC terms; Flickr images keep their owners' terms.",
          tfds_name='voc/2007'),
    _task('ig02', 'Graz-02', (2010,), 3, SINGLE_LABEL, DOWNLOAD,
          homepage='http://lear.inrialpes.fr/people/marszalek/data/ig02/',
          citation='Graz-02',
          licence='INRIA (Marszalek & Schmid), research use; no explicit licence.',
          downloads=(
              ('http://lear.inrialpes.fr/people/marszalek/data/ig02/ig02-v1.0-bikes.zip', '13266fdf968176fa3aebdd439184254f'),
              ('http://lear.inrialpes.fr/people/marszalek/data/ig02/ig02-v1.0-cars.zip', '34de933832755ee009c6f0e9d9c6426e'),
              ('http://lear.inrialpes.fr/people/marszalek/data/ig02/ig02-v1.0-people.zip', 'f80d8d21f018197979c72b977986fd2f'),
          )),
    _task('ppmi', 'PPMI', (2010,), 24, SINGLE_LABEL, DOWNLOAD,
          homepage='https://ai.stanford.edu/~bangpeng/ppmi.html#:~:text=People%20Playing%20Musical%20Instrument&text=The%20PPMI%20dataset%20contains%20images,saxophone%2C%20trumpet%2C%20and%20violin.',
          citation='Grouplet: A Structured Image Representation for Recognizing Human and Object Interactions.',
          licence='Stanford Vision Lab, research use; no explicit licence.',
          downloads=(
              ('http://vision.stanford.edu/Datasets/norm_ppmi_12class.zip', '88118d8c6b50d72f0bb37a89269185ab'),
          )),
    _task('caltech256', 'Caltech 256', (2011,), 257, SINGLE_LABEL, DOWNLOAD,
          homepage='http://www.vision.caltech.edu/Image_Datasets/Caltech256/',
          citation='Caltech 256',
          downloads=(
              ('https://drive.google.com/u/0/uc?id=1r6o0pSROcV1_VwT4oSjA2FBUSCWGuxLK&export=download&confirm=y', '67b4f42ca05d46448c6bb8ecd2220f6d', '256_ObjectCategories.tar'),
          )),
    _task('imagenet2012', 'ImageNet', (2011, 2021), 1000, SINGLE_LABEL, MANUAL,
          homepage='https://www.tensorflow.org/datasets/catalog/imagenet2012',
          citation='ImageNet',
          licence='ImageNet terms of access: non-commercial research and education only.',
          tfds_name='imagenet2012'),
    _task('lfw', 'LFW', (2011,), 423, SINGLE_LABEL, DOWNLOAD,
          homepage='http://vis-www.cs.umass.edu/lfw/',
          citation='Labeled Faces in the Wild: A Database for Studying Face Recognition in Unconstrained Environments',
          downloads=(
              ('http://vis-www.cs.umass.edu/lfw/lfw.tgz', 'a17d05bd522c52d84eca14327a23d494'),
          )),
    _task('oxford_flowers_17', 'Oxford Flowers', (2011,), 17, SINGLE_LABEL, DOWNLOAD,
          homepage='https://www.robots.ox.ac.uk/~vgg/data/flowers/',
          citation='Oxford Flowers',
          downloads=(
              ('https://www.robots.ox.ac.uk/~vgg/data/flowers/17/17flowers.tgz', 'b59a65d8d1a99cd66944d474e1289eab'),
              ('https://www.robots.ox.ac.uk/~vgg/data/flowers/17/datasplits.mat', '4828cddfd0d803c5abbdebcb1e148a1e'),
          )),
    _task('flickr_material_database', 'Flicker Material Dataset', (2011,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='http://people.csail.mit.edu/celiu/CVPR2010/FMD/index.html',
          citation='Accuracy and speed of material categorization in real-world images',
          downloads=(
              ('http://people.csail.mit.edu/celiu/CVPR2010/FMD/FMD.zip', '0721ba72cd981aa9599a81bbfaaebd75'),
          )),
    _task('oxford_flowers102', 'Oxford Flowers 102', (2011, 2021), 102, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/oxford_flowers102',
          citation='Oxford Flowers 102',
          licence='No licence stated; research use.',
          tfds_name='oxford_flowers102'),
    _task('belgium_tsc', 'Belgium Traffic Sign Dataset', (2011,), 62, SINGLE_LABEL, DOWNLOAD,
          homepage='https://btsd.ethz.ch/shareddata/BelgiumTS/',
          citation='Belgium Traffic Sign Dataset',
          downloads=(
              ('https://btsd.ethz.ch/shareddata/BelgiumTS/reducedSetTS.txt', 'e6052a024e24060e5cec84fbda34fb5e'),
              ('http://www.vision.ee.ethz.ch/~timofter/BelgiumTSC/BelgiumTSC_Training.zip', 'c727ca9d00e3964ca676286a1808ccee'),
              ('http://www.vision.ee.ethz.ch/~timofter/BelgiumTSC/BelgiumTSC_Testing.zip', 'd208de4566388791c0028da8d6a545cc'),
          )),
    _task('german_tsr', 'German Traffic Sign Recognition Benchmark', (2011,), 43, SINGLE_LABEL, DOWNLOAD,
          homepage='https://sid.erda.dk/public/archives/daaeac0d7ce1152aea9b61d9f1e19370/',
          citation='The German Traffic Sign Recognition Benchmark: A multi-class classification competition',
          downloads=(
              ('https://sid.erda.dk/public/archives/daaeac0d7ce1152aea9b61d9f1e19370/GTSRB_Final_Training_Images.zip', 'f33fd80ac59bff73c82d25ab499e03a3'),
              ('https://sid.erda.dk/public/archives/daaeac0d7ce1152aea9b61d9f1e19370/GTSRB_Final_Test_Images.zip', 'c7e4e6327067d32654124b0fe9e82185'),
              ('https://sid.erda.dk/public/archives/daaeac0d7ce1152aea9b61d9f1e19370/GTSRB_Final_Test_GT.zip', 'fe31e9c9270bbcd7b84b7f21a9d9d9e5'),
          )),
    _task('vistex', 'VisTex', (2011,), 19, SINGLE_LABEL, DOWNLOAD,
          homepage='http://vismod.media.mit.edu/pub/VisTex/',
          citation='VisTex',
          downloads=(
              ('http://vismod.media.mit.edu/pub/VisTex/VisTex.tar.gz', 'f176ad5c9383141f981e3668b232add7'),
          )),
    _task('umd', 'UMD', (2012,), 25, SINGLE_LABEL, DOWNLOAD,
          homepage='http://users.umiacs.umd.edu/~fer/website-texture/texture.htm',
          citation='A projective invariant for textures',
          downloads=(
              ('http://users.umiacs.umd.edu/~fer/High-resolution-data-base/textures-1.zip', '818b5b13035374cffd4db604e718ddbf'),
              ('http://users.umiacs.umd.edu/~fer/High-resolution-data-base/textures-2.zip', 'e9853d0f7eaa9e57c4756e9017d0cbc9'),
          )),
    _task('kth_tips', 'KTH-TIPS', (2012,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='https://www.csc.kth.se/cvap/databases/kth-tips/',
          citation='KTH-TIPS',
          downloads=(
              ('https://www.csc.kth.se/cvap/databases/kth-tips/kth_tips_col_200x200.tar', '4f92fe540feb4f3c66938291e4516f6c'),
          )),
    _task('uiuc_texture', 'UIUC texture', (2012,), 25, SINGLE_LABEL, DOWNLOAD,
          homepage='https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/texture_database/',
          citation='A Training-free Classification Framework for Textures, Writers, and Materials',
          downloads=(
              ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/texture_database/T01-T05.zip', 'e622e4708e336d51b3bbd45503618af1'),
              ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/texture_database/T06-T10.zip', '50ab35564058d3f1d05e6f5d767db5df'),
              ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/texture_database/T11-T15.zip', 'd1c7584aeb0ab1e41c7157c60e84c3ad'),
              ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/texture_database/T16-T20.zip', 'd527ba7d820e1eeaef49f9c07b82aa34'),
              ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/texture_database/T21-T25.zip', '74a29af10123f2be70ea481e5af3ec36'),
          )),
    _task('kth_tips_2b', 'KTH-TIPS2-b', (2012,), 11, SINGLE_LABEL, DOWNLOAD,
          homepage='https://www.csc.kth.se/cvap/databases/kth-tips/',
          citation='KTH-TIPS2-b',
          downloads=(
              ('https://www.csc.kth.se/cvap/databases/kth-tips/kth-tips2-b_col_200x200.tar', '00470a104a57f5a5be22cc8a0f234c4e'),
          )),
    _task('cvc_muscima', 'CVC-MUSCIMA', (2012,), 50, SINGLE_LABEL, DOWNLOAD,
          homepage='http://wwwo.cvc.uab.es/cvcmuscima/index_database.html',
          citation='CVC-MUSCIMA',
          downloads=(
              ('http://wwwo.cvc.uab.es/cvcmuscima/CVCMUSCIMA_WI.zip', '33d7464a3dc376a9456bbfe7aad8c18f'),
              ('http://wwwo.cvc.uab.es/cvcmuscima/Partitions_Set.zip', 'dd22cff47fd50ca01ee077b757a978cd'),
          )),
    _task('iaprtc12', 'IAPRTC-12', (2013,), 276, MULTI_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/datasets/nastyatima/iapr-tc12',
          citation='IAPRTC-12',
          downloads=(
              ('kaggle:nastyatima/iapr-tc12', 'ee251615ac2dbb55eea5a7e5e710740a'),
          )),
    _task('sketch', 'sketch dataset', (2013,), 250, SINGLE_LABEL, DOWNLOAD,
          homepage='https://cybertron.cg.tu-berlin.de/eitz/projects/classifysketch',
          citation='sketch dataset',
          downloads=(
              ('https://cybertron.cg.tu-berlin.de/eitz/projects/classifysketch/sketches_png.zip', '023123df86a928a5273e3ba11990d8fd'),
          )),
    _task('kth_tips_2a', 'KTH-TIPS2-a', (2013,), 11, SINGLE_LABEL, DOWNLOAD,
          homepage='https://www.csc.kth.se/cvap/databases/kth-tips/',
          citation='KTH-TIPS2-a',
          downloads=(
              ('https://www.csc.kth.se/cvap/databases/kth-tips/kth-tips2-a_col_200x200.tar', '911eb17220748fa36e6524aea71db7d7'),
          )),
    _task('voc_2012', 'Pascal 2012', (2013,), 20, MULTI_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/voc',
          citation='Pascal 2012',
          licence="PASCAL VOC terms; Flickr images keep their owners' terms.",
          tfds_name='voc/2012'),
    _task('smallnorb', 'NORB', (2013,), 5, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/smallnorb',
          citation='NORB',
          licence='NYU, research use; no explicit licence.',
          tfds_name='smallnorb'),
    _task('wiki_paintings_style', 'Wikipaintings', (2014,), 27, SINGLE_LABEL, DOWNLOAD,
          homepage='https://github.com/cs-chan/ArtGAN/tree/master/WikiArt%20Dataset',
          citation='Wikipaintings',
          downloads=(
              ('http://web.fsktm.um.edu.my/~cschan/source/ICIP2017/wikiart.zip', 'c6b43cbcd474b875a5626ffde3b627e1'),
              ('http://web.fsktm.um.edu.my/~cschan/source/ICIP2017/wikiart_csv.zip', '0d221e7cb0812da6b59044cfca9aafee'),
          )),
    _task('mit_scenes', 'MIT Scenes', (2015,), 67, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/itsahmad/indoor-scenes-cvpr-2019',
          citation='MIT Scenes',
          downloads=(
              ('kaggle:itsahmad/indoor-scenes-cvpr-2019', 'b5a8ee875edc974ab49f4cad3b8607da'),
          )),
    _task('sun397', 'SUN 397', (2015,), 397, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/sun397',
          citation='SUN 397',
          licence="Research use; web images remain their owners' copyright.",
          tfds_name='sun397'),
    _task('cifar10', 'CIFAR 10', (2015,), 10, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/cifar10',
          citation='CIFAR 10',
          licence='No licence stated; research use.',
          tfds_name='cifar10'),
    _task('caltech_birds2011', 'CUB 200', (2016,), 200, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/caltech_birds2011',
          citation='CUB 200',
          licence='No licence stated; Flickr images, non-commercial research use.',
          tfds_name='caltech_birds2011'),
    _task('stanford_cars', 'Stanford Cars', (2016,), 196, SINGLE_LABEL, DOWNLOAD,
          homepage='http://ai.stanford.edu/~jkrause/cars/car_dataset.html',
          citation='Stanford Cars',
          downloads=(
              ('http://ai.stanford.edu/~jkrause/car196/car_ims.tgz', 'd5c8f0aa497503f355e17dc7886c3f14'),
              ('http://ai.stanford.edu/~jkrause/car196/cars_annos.mat', 'b407c6086d669747186bd1d764ff9dbc'),
          )),
    _task('fgvc_aircraft_family', 'FGVC Aircraft', (2016,), 70, SINGLE_LABEL, DOWNLOAD,
          homepage='https://www.robots.ox.ac.uk/~vgg/data/fgvc-aircraft/archives/',
          citation='FGVC Aircraft',
          downloads=(
              ('https://www.robots.ox.ac.uk/~vgg/data/fgvc-aircraft/archives/fgvc-aircraft-2013b.tar.gz', 'd4acdd33327262359767eeaa97a4f732'),
          )),
    _task('dtd', 'DTD', (2016,), 47, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/dtd',
          citation='DTD',
          licence='Research use only.',
          tfds_name='dtd'),
    _task('coco_single_label', 'MS COCO', (2016,), 90, SINGLE_LABEL, DOWNLOAD,
          homepage='https://cocodataset.org/#home',
          citation='Microsoft COCO: Common Objects in Context',
          downloads=(
              ('http://images.cocodataset.org/zips/train2017.zip', 'cced6f7f71b7629ddf16f17bbcfab6b2'),
              ('http://images.cocodataset.org/zips/val2017.zip', '442b8da7639aecaf257c1dceb8ba8c80'),
              ('http://images.cocodataset.org/zips/test2017.zip', '77ad2c53ac5d0aea611d422c0938fb35'),
              ('http://images.cocodataset.org/annotations/annotations_trainval2017.zip', 'f4bbac642086de4f52a3fdda2de5fa2c'),
              ('http://images.cocodataset.org/annotations/image_info_test2017.zip', '85da7065e5e600ebfee8af1edb634eb5'),
          )),
    _task('oxford_iiit_pet', 'Oxford IIIT Pets', (2016,), 37, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/oxford_iiit_pet',
          citation='Oxford IIIT Pets',
          licence='CC BY-SA 4.0.',
          tfds_name='oxford_iiit_pet'),
    _task('stanford_dogs', 'Stanford Dogs', (2016,), 120, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/stanford_dogs',
          citation='Stanford Dogs',
          licence='ImageNet terms of access.',
          tfds_name='stanford_dogs'),
    _task('animal', 'ANIMAL', (2016,), 20, SINGLE_LABEL, DOWNLOAD,
          homepage='http://xiang.bai.googlepages.com/',
          citation='ANIMAL',
          downloads=(
              ('http://xiang.bai.googlepages.com/non_rigid_shape_A.zip', 'd88d44dc6d2382de3a5857d86fb5d430'),
              ('http://xiang.bai.googlepages.com/non_rigid_shape_B.zip', 'dae4a05b9797a3109078d1553173b9a8'),
          )),
    _task('silhouettes_28', 'Caltech 101 Silhouettes', (2016,), 101, SINGLE_LABEL, DOWNLOAD,
          homepage='https://people.cs.umass.edu/~marlin/data/',
          citation='Caltech 101 Silhouettes',
          downloads=(
              ('https://people.cs.umass.edu/~marlin/data/caltech101_silhouettes_28.mat', '1432d2809e8bf111f1104a234731ddb1'),
              ('https://people.cs.umass.edu/~marlin/data/caltech101_silhouettes_28_split1.mat', '4483e9c14b188fd09937f9ea6f9ea777'),
          )),
    _task('interact', 'Interact', (2016,), 60, SINGLE_LABEL, DOWNLOAD,
          homepage='https://computing.ece.vt.edu/~santol/projects/zsl_via_visual_abstraction/interact/index.html',
          citation='Zero-Shot Learning via Visual Abstraction',
          downloads=(
              ('https://computing.ece.vt.edu/~santol/projects/zsl_via_visual_abstraction/interact/interact_stand-alone_dataset/interact_stand-alone_dataset_images.zip', '93d7a853e0e596e7ef7fecc4808ffdf8'),
              ('https://computing.ece.vt.edu/~santol/projects/zsl_via_visual_abstraction/interact/interact_stand-alone_dataset/interact_stand-alone_dataset_annotations.zip', 'aef1de2ad7c596a566cd78414a266f5f'),
              ('https://computing.ece.vt.edu/~santol/projects/zsl_via_visual_abstraction/interact/interact_illustration_category_dataset/interact_illustration_category_dataset_images.zip', '47c043e360a177c026fa7b7652fdf5b2'),
              ('https://computing.ece.vt.edu/~santol/projects/zsl_via_visual_abstraction/interact/interact_illustration_category_dataset/interact_illustration_category_dataset_annotations.zip', '56dec629f180077eb2a76b3f67c7b02f'),
          )),
    _task('voc_actions', 'VOC Actions', (2016,), 11, MULTI_LABEL, DOWNLOAD,
          homepage='http://host.robots.ox.ac.uk/pascal/VOC/voc2012',
          citation='VOC Actions',
          licence="PASCAL VOC terms; Flickr images keep their owners' terms.",
          downloads=(
              ('http://pjreddie.com/media/files/VOCtrainval_11-May-2012.tar', '6cd6e144f989b92b3379bac3b3de84fd'),
              ('http://pjreddie.com/media/files/VOC2012test.tar', '9065beb292b6c291fad82b2725749fda'),
          )),
    _task('svhn_cropped', 'SVHN', (2016,), 10, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/svhn_cropped',
          citation='SVHN',
          licence='Non-commercial use only.',
          tfds_name='svhn_cropped'),
    _task('chars74k', 'Chars74K', (2016,), 62, SINGLE_LABEL, DOWNLOAD,
          homepage='http://www.ee.surrey.ac.uk/CVSSP/demos/chars74k/',
          citation='Chars74K',
          downloads=(
              ('http://www.ee.surrey.ac.uk/CVSSP/demos/chars74k/EnglishImg.tgz', '85d157e0c58f998e1cda8def62bcda0d'),
              ('http://www.ee.surrey.ac.uk/CVSSP/demos/chars74k/EnglishHnd.tgz', '95e9ee6d929809ef4c2f509f86388c72'),
              ('http://www.ee.surrey.ac.uk/CVSSP/demos/chars74k/EnglishFnt.tgz', 'f6710b1302a7e9693d904b16389d9d8a'),
              ('http://www.ee.surrey.ac.uk/CVSSP/demos/chars74k/Lists.tgz', '8dfe916169fa10b86466776a4a1d7c5f'),
          )),
    _task('celeb_a', 'CelebA', (2017,), 40, MULTI_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/celeb_a',
          citation='CelebA',
          licence='Non-commercial research purposes only.',
          tfds_name='celeb_a'),
    _task('lfwa', 'LFWA', (2017,), 423, SINGLE_LABEL, DOWNLOAD,
          homepage='https://talhassner.github.io/home/projects/lfwa/index.html',
          citation='Effective Face Recognition by Combining Multiple Descriptors and Learned Background Statistics',
          downloads=(
              ('https://drive.google.com/u/0/uc?id=1p1wjaqpTh_5RHfJu4vUh8JJCdKwYMHCp&export=download&confirm=y', '96313a4780499f939bc4a06d5bebaf7d', 'lfwa.zip'),
          )),
    _task('sun_attributes', 'SUN Attribute', (2017,), 102, MULTI_LABEL, DOWNLOAD,
          homepage='https://cs.brown.edu/~gmpatter/Attributes/',
          citation='SUN Attribute',
          downloads=(
              ('https://cs.brown.edu/~gmpatter/Attributes/SUNAttributeDB_Images.tar.gz', '5966725c7306df6e05cd3ada7f45a18b'),
              ('https://cs.brown.edu/~gmpatter/Attributes/SUNAttributeDB.tar.gz', '883293e5b645822f6ae0046c6df54183'),
          )),
    _task('cifar100', 'CIFAR 100', (2017,), 100, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/cifar100',
          citation='CIFAR 100',
          licence='No licence stated; research use.',
          tfds_name='cifar100'),
    _task('tid2008', 'TID2008', (2018,), 5, SINGLE_LABEL, DOWNLOAD,
          homepage='https://ponomarenko.info/tid2008.htm',
          citation='TID2008',
          downloads=(
              ('https://ponomarenko.info/tid/tid2008.rar', '732aeec405a57b589aeee4f1c58a4c1b'),
          )),
    _task('tid2013', 'TID2013', (2018,), 5, SINGLE_LABEL, DOWNLOAD,
          homepage='https://ponomarenko.info/tid2013.htm',
          citation='TID2013',
          downloads=(
              ('https://ponomarenko.info/tid2013/tid2013.rar', '2c42bec2407adc49cf4d7858daf8f99b'),
          )),
    _task('usps', 'USPS', (2018,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='https://www.csie.ntu.edu.tw/~cjlin/libsvmtools/datasets/multiclass.html#usps',
          citation='USPS',
          licence='Public research dataset (LIBSVM copy); no explicit licence.',
          downloads=(
              ('https://www.csie.ntu.edu.tw/~cjlin/libsvmtools/datasets/multiclass/usps.bz2', 'ec16c51db3855ca6c91edd34d0e9b197'),
              ('https://www.csie.ntu.edu.tw/~cjlin/libsvmtools/datasets/multiclass/usps.t.bz2', '8ea070ee2aca1ac39742fdd1ef5ed118'),
          )),
    _task('semeion', 'Semeion', (2018,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='https://archive.ics.uci.edu/ml/datasets/semeion+handwritten+digit',
          citation='Semeion',
          licence='UCI ML Repository, CC BY 4.0.',
          downloads=(
              ('https://archive.ics.uci.edu/ml/machine-learning-databases/semeion/semeion.data', 'cb545d371d2ce14ec121470795a77432'),
          )),
    _task('mnist_m', 'MNIST-m', (2018,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='http://yaroslav.ganin.net/',
          citation='MNIST-m',
          downloads=(
              ('https://drive.google.com/uc?export=download&id=0B_tExHiYS-0veklUZHFYT19KYjg&confirm=t', '859df31c91afe82e80e5012ba928f279', 'mnist_m.tar.gz'),
          )),
    _task('office_caltech_10', 'Office Caltech', (2018,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='http://www.vision.caltech.edu/Image_Datasets/Caltech256/;',
          citation='Geodesic Flow Kernel for Unsupervised Domain Adaptation',
          downloads=(
              ('https://drive.google.com/u/0/uc?id=1r6o0pSROcV1_VwT4oSjA2FBUSCWGuxLK&export=download&confirm=y', '67b4f42ca05d46448c6bb8ecd2220f6d', '256_ObjectCategories.tar'),
              ('https://drive.google.com/u/0/uc?id=0B4IapRTv9pJ1WGZVd1VDMmhwdlE&export=download&confirm=y', '1b536d114869a5a8aa4580b89e9758fb', 'domain_adaptation_images.tar.gz'),
          )),
    _task('pacs', 'PACS', (2018,), 7, SINGLE_LABEL, DOWNLOAD,
          homepage='https://dali-dl.github.io/project_iccv2017.html',
          citation='Deeper, Broader and Artier Domain Generalization',
          downloads=(
              ('https://drive.google.com/u/0/uc?id=1e2WfiUmpv25FzRHYrA_8rooqEWicwbGA&export=download&confirm=y', '7cd392ecb9e0ab0f0e8be9d8fc5ed5a2', '1e2WfiUmpv25FzRHYrA_8rooqEWicwbGA.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1qvJeF3WgfZgBgNBnzJGOLVOMncLgi5uN&export=download&confirm=y', 'd5df8be042fd2525efeb29cfb2252026', '1qvJeF3WgfZgBgNBnzJGOLVOMncLgi5uN.hdf5'),
              ('https://drive.google.com/u/0/uc?id=10yRj3m8bB_PAiKqOcct1viTGu0DuT5un&export=download&confirm=y', 'a91c0ee93df8278028ff49072317e24a', '10yRj3m8bB_PAiKqOcct1viTGu0DuT5un.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1ID0Y-v0EvKz1VL7XIKfZtb2FOxF89gVQ&export=download&confirm=y', 'e9205c7d19484ea8b5082abe1560dad3', '1ID0Y-v0EvKz1VL7XIKfZtb2FOxF89gVQ.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1BpaNvaSRXZ09xwnC5TWBv3ktOBj36mp7&export=download&confirm=y', '988c767ea2e542268be87044e3da60f5', '1BpaNvaSRXZ09xwnC5TWBv3ktOBj36mp7.hdf5'),
              ('https://drive.google.com/u/0/uc?id=16pF2YwohULpkXV3NNRiBvDy4SBWyhxvz&export=download&confirm=y', 'e1c23f2990c290b38a07c970750b6226', '16pF2YwohULpkXV3NNRiBvDy4SBWyhxvz.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1gNHdceC8tS1JLcb6sZGaT7w6zwwTkiXp&export=download&confirm=y', '4578bcf9207ffa2ad9608976e8f4cf37', '1gNHdceC8tS1JLcb6sZGaT7w6zwwTkiXp.hdf5'),
              ('https://drive.google.com/u/0/uc?id=14_xcxAYTsURyhBKS2FBNwqQFNGIkDbP7&export=download&confirm=y', 'd2d58d2df269ffa2f79d68f5942e4109', '14_xcxAYTsURyhBKS2FBNwqQFNGIkDbP7.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1e8PvYV1Rbc3uDDKt0iADNNT6fXH95FIC&export=download&confirm=y', '77fb7329500a70150d1b4637652720b9', '1e8PvYV1Rbc3uDDKt0iADNNT6fXH95FIC.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1xj-PJhD4xBtPv6EETGImlA0Pju7KdIH0&export=download&confirm=y', '52c846632c2b903536c097e6ccd91c39', '1xj-PJhD4xBtPv6EETGImlA0Pju7KdIH0.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1li1j1-315EmjXbuqRnMIxiH_u7Kpj81b&export=download&confirm=y', '44293bc45b2a41fba17cf163c8a01c0a', '1li1j1-315EmjXbuqRnMIxiH_u7Kpj81b.hdf5'),
              ('https://drive.google.com/u/0/uc?id=1OQnAweOPYbwhNt9uQ07aVV1GNmkTAcD2&export=download&confirm=y', '9ea4965e0c61ad295437be4b6cf10681', '1OQnAweOPYbwhNt9uQ07aVV1GNmkTAcD2.hdf5'),
          )),
    _task('caltech_camera_traps', 'Caltech Camera Traps', (2018,), 16, SINGLE_LABEL, DOWNLOAD,
          homepage='https://lila.science/datasets/caltech-camera-traps',
          citation='Caltech Camera Traps',
          downloads=(
              ('https://lilablobssc.blob.core.windows.net/caltechcameratraps/eccv_18_all_images_sm.tar.gz', '8143c17aa2a12872b66f284ff211531f'),
              ('https://lilablobssc.blob.core.windows.net/caltechcameratraps/eccv_18_annotations.tar.gz', '66a1f481b44aa1edadf75c9cfbd27aba'),
          )),
    _task('emnist_balanced', 'EMNIST Balanced', (2018,), 47, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/emnist',
          citation='EMNIST Balanced',
          licence='NIST Special Database 19 terms.',
          tfds_name='emnist/balanced'),
    _task('casia_hwdb', 'CASIA-HWDB1.1', (2018,), 3926, SINGLE_LABEL, DOWNLOAD,
          homepage='http://www.nlpr.ia.ac.cn/databases/Download/Offline/CharData/',
          citation='CASIA Online and Offline Chinese Handwriting Databases',
          downloads=(
              ('http://www.nlpr.ia.ac.cn/databases/Download/Offline/CharData/Gnt1.1TrainPart1.zip', '72bac7b6a5ce37f184f277421adfacfd'),
              ('http://www.nlpr.ia.ac.cn/databases/Download/Offline/CharData/Gnt1.1TrainPart2.zip', 'a8b76e4eccfb1fd8d56c448f6a096c27'),
              ('http://www.nlpr.ia.ac.cn/databases/Download/Offline/CharData/Gnt1.1Test.zip', 'e74f9a4863e73d8b80ed402452c97448'),
          )),
    _task('melanoma', 'ISBI-ISIC 2017 melanoma classification challenge', (2018,), 3, SINGLE_LABEL, DOWNLOAD,
          homepage='https://challenge.isic-archive.com/data/',
          citation='Skin Lesion Analysis Toward Melanoma Detection: A Challenge at the 2017 International Symposium on Biomedical Imaging (ISBI), Hosted by the International Skin Imaging Collaboration (ISIC)',
          downloads=(
              ('https://isic-challenge-data.s3.amazonaws.com/2017/ISIC-2017_Training_Data.zip', 'a14a7e622c67a358797ae59abb8a0b0c'),
              ('https://isic-challenge-data.s3.amazonaws.com/2017/ISIC-2017_Training_Part3_GroundTruth.csv', '0cb4add57c65c22ca1a1cb469ad1f0c5'),
              ('https://isic-challenge-data.s3.amazonaws.com/2017/ISIC-2017_Validation_Data.zip', '8d6419d942112f709894c0d82f6c9038'),
              ('https://isic-challenge-data.s3.amazonaws.com/2017/ISIC-2017_Validation_Part3_GroundTruth.csv', '8d4826a76adcd8fb928ca52a23ebae4c'),
              ('https://isic-challenge-data.s3.amazonaws.com/2017/ISIC-2017_Test_v2_Data.zip', '5f6a0b5e1f2972bd1f5ea02680489f09'),
              ('https://isic-challenge-data.s3.amazonaws.com/2017/ISIC-2017_Test_v2_Part3_GroundTruth.csv', '9e957b72a0c4f9e0d924889fd03b36ed'),
          )),
    _task('trancos', 'Trancos', (2019,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='https://gram.web.uah.es/data/datasets/trancos/index.html',
          citation='Extremely Overlapping Vehicle Counting',
          downloads=(
              ('https://universidaddealcala-my.sharepoint.com/:u:/g/personal/gram_uah_es/Eank6osXQgxEqa-1bb0nVsoBc3xO4XDwENc_g0nc6t58BA?&Download=1', 'e9b4d5a62ab1fe5f542ec8326f2d4fda', 'TRANCOS_v3.tar.gz'),
          )),
    _task('mall', 'Mall dataset', (2019,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='https://personal.ie.cuhk.edu.hk/~ccloy/downloads_mall_dataset.html',
          citation='Feature Mining for Localised Crowd Counting',
          downloads=(
              ('https://personal.ie.cuhk.edu.hk/~ccloy/files/datasets/mall_dataset.zip', '48a772b5e55e8e9a66a3c8f98598fc3b'),
          )),
    _task('fashion_mnist', 'Fashion MNIST', (2019,), 10, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/fashion_mnist',
          citation='Fashion MNIST',
          licence='MIT.',
          tfds_name='fashion_mnist'),
    _task('not_mnist', 'NotMNIST', (2019,), 10, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/jwjohnson314/notmnist',
          citation='NotMNIST',
          licence='Published by Yaroslav Bulatov for research; Kaggle terms apply to the Kaggle copy.',
          downloads=(
              ('kaggle:jwjohnson314/notmnist', 'e2a47bb2a88c2c6bcae60d9f95223ace'),
          )),
    _task('tiny_imagenet', 'Tiny Imagenet', (2019,), 200, SINGLE_LABEL, DOWNLOAD,
          homepage='http://cs231n.stanford.edu/',
          citation='Tiny ImageNet Visual Recognition Challenge',
          licence='No licence stated; ImageNet images (ImageNet terms of access).',
          downloads=(
              ('http://cs231n.stanford.edu/tiny-imagenet-200.zip', '90528d7ca1a48142e341f4ef8d21d0de'),
          )),
    _task('stl10', 'STL10', (2019,), 10, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/stl10',
          citation='STL10',
          licence='No licence stated; ImageNet images.',
          tfds_name='stl10'),
    _task('food101', 'Food 101', (2019,), 101, SINGLE_LABEL, DOWNLOAD,
          homepage='https://data.vision.ee.ethz.ch/cvl/datasets_extra/food-101/',
          citation='Food 101',
          licence="Research use; images from foodspotting.com remain their owners' (see the dataset page).",
          downloads=(
              ('http://data.vision.ee.ethz.ch/cvl/food-101.tar.gz', '85eeb15f3717b99a5da872d97d918f87'),
          )),
    _task('mnist_rotation', 'MNIST-rot', (2019,), 10, SINGLE_LABEL, DOWNLOAD,
          homepage='http://yann.lecun.com/exdb/mnist/',
          citation='SO(2)-equivariance in Neural networks using Fourier nonlinearity',
          downloads=(
              ('http://yann.lecun.com/exdb/mnist/train-images-idx3-ubyte.gz', 'f68b3c2dcbeaaa9fbdd348bbdeb94873'),
              ('http://yann.lecun.com/exdb/mnist/train-labels-idx1-ubyte.gz', 'd53e105ee54ea40749a09fcbcd1e9432'),
              ('http://yann.lecun.com/exdb/mnist/t10k-images-idx3-ubyte.gz', '9fb629c4189551a2d022fa330f9573f3'),
              ('http://yann.lecun.com/exdb/mnist/t10k-labels-idx1-ubyte.gz', 'ec29112dd5afa0611ce80d1b7f02629c'),
          )),
    _task('awa2', 'AWA2', (2019,), 85, MULTI_LABEL, DOWNLOAD,
          homepage='https://cvml.ist.ac.at/AwA2/',
          citation='Zero-Shot Learning - A Comprehensive Evaluation of the Good, the Bad and the Ugly',
          downloads=(
              ('https://cvml.ist.ac.at/AwA2/AwA2-data.zip', 'eaa27cf799d5cf55af372356d7281b5e'),
          )),
    _task('food101n', 'Food 101 N', (2019,), 101, SINGLE_LABEL, DOWNLOAD,
          homepage='https://kuanghuei.github.io/Food-101N/',
          citation='CleanNet: Transfer Learning for Scalable Image Classifier Training with Label Noise',
          downloads=(
              ('https://drive.google.com/u/0/uc?id=1s9NyXpi9bO-UZUvk65WVvEUExNkZ1v9V&export=download&confirm=y', '596b41b48de43342ef1efbb2fd508e06', 'Food-101N_release.zip'),
          )),
    _task('shanghai_tech', 'ShanghaiTech', (2020,), 10, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/datasets/tthien/shanghaitech',
          citation='Single-Image Crowd Counting via Multi-Column Convolutional Neural Network',
          downloads=(
              ('kaggle:tthien/shanghaitech', 'f547d65447063405ea78ab7fa9ae721b'),
          )),
    _task('animal_web', 'AnimalWeb', (2020,), 352, SINGLE_LABEL, DOWNLOAD,
          homepage='https://fdmaproject.wordpress.com/author/fdmaproject/',
          citation='AnimalWeb: A Large-Scale Hierarchical Dataset of Annotated Animal Faces',
          downloads=(
              ('https://drive.google.com/uc?export=download&id=13PbHxUofhdJLZzql3TyqL22bQJ3HwDK4&confirm=y', 'd2d7e0a584ee4bd9badc74a9f2ef3b82', 'animal_dataset_v1_c.rar'),
          )),
    _task('biwi', 'BIWI', (2020,), 15, MULTI_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/datasets/kmader/biwi-kinect-head-pose-database',
          citation='Random Forests for Real Time 3D Face Analysis',
          downloads=(
              ('kaggle:kmader/biwi-kinect-head-pose-database', '59d49d96e5719f248f6d66f8ff205569'),
          )),
    _task('domainnet', 'DomainNet-Real', (2021,), 345, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/domainnet',
          citation='DomainNet-Real',
          licence='Non-commercial research and educational use.',
          tfds_name='domainnet'),
    _task('pneumonia_chest_xray', 'Pneumonia Chest X-ray', (2021,), 2, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/paultimothymooney/chest-xray-pneumonia',
          citation='Identifying Medical Diagnoses and Treatable Diseases by Image-Based Deep Learning',
          licence='CC BY 4.0 (Mendeley Data release by Kermany, Zhang and Goldbaum).',
          downloads=(
              ('kaggle:paultimothymooney/chest-xray-pneumonia', '930763e3580e76de9c2c849ec933b5d6'),
          )),
    _task('path_mnist', 'Path MNIST', (2021,), 8, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/kmader/colorectal-histology-mnist',
          citation='Multi-class texture analysis in colorectal cancer histology',
          licence='CC BY 4.0 (Kather et al., Zenodo 10.5281/zenodo.53169); Kaggle terms apply to the Kaggle copy.',
          downloads=(
              ('kaggle:kmader/colorectal-histology-mnist', 'e03501016bd54719567dfb954fe982fe'),
          )),
    _task('nih_chest_xray', 'NIH Chest X-ray', (2021,), 15, MULTI_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/datasets/nih-chest-xrays/data',
          citation='ChestX-ray8: Hospital-scale Chest X-ray Database and Benchmarks on Weakly-Supervised Classification and Localization of Common Thorax Diseases',
          downloads=(
              ('kaggle:nih-chest-xrays/data', 'ddd3acbfa23adf60ac08312b3c4040e2'),
          )),
    _task('tubercolosis', 'Tubercolosis', (2021,), 2, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/tawsifurrahman/tuberculosis-tb-chest-xray-dataset',
          citation='Reliable Tuberculosis Detection using Chest X-ray with Deep Learning, Segmentation and Visualization',
          downloads=(
              ('kaggle:tawsifurrahman/tuberculosis-tb-chest-xray-dataset', '3abdda8a1100ff97c9dce7cc2413d941'),
          )),
    _task('covid_19_xray', 'covid-19 x-ray', (2021,), 4, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/tawsifurrahman/covid19-radiography-database',
          citation='Can AI Help in Screening Viral and COVID-19 Pneumonia?',
          downloads=(
              ('kaggle:tawsifurrahman/covid19-radiography-database', '1888824db56de7f47b886a536961b763'),
          )),
    _task('patch_camelyon', 'PatchCamelyon', (2021,), 2, SINGLE_LABEL, TFDS,
          homepage='https://www.tensorflow.org/datasets/catalog/patch_camelyon',
          citation='PatchCamelyon',
          licence='CC0 1.0.',
          tfds_name='patch_camelyon'),
    _task('ddsm', 'DDSM', (2021,), 3, SINGLE_LABEL, KAGGLE,
          homepage='https://www.kaggle.com/awsaf49/cbis-ddsm-breast-cancer-image-dataset',
          citation='A curated mammography data set for use in computer-aided detection and diagnosis research',
          licence='CC BY 3.0 (CBIS-DDSM, The Cancer Imaging Archive); Kaggle terms apply to the Kaggle copy.',
          downloads=(
              ('kaggle:awsaf49/cbis-ddsm-breast-cancer-image-dataset', 'eba16e95a30193fcbda1d2668d96015f'),
          )),
    _task('synthetic_covid19_xray', 'Synthetic COVID-19 Chest X-ray Dataset', (2021,), 2, SINGLE_LABEL, DOWNLOAD,
          homepage='https://github.com/hasibzunair/synthetic-covid-cxr-dataset',
          citation='Synthesis of COVID-19 chest X-rays using unpaired image-to-image translation',
          downloads=(
              ('https://github.com/hasibzunair/synthetic-covid-cxr-dataset/releases/download/v0.1/G_NC.zip', 'bd82149d00283fca892bc41e997a3070'),
              ('https://github.com/hasibzunair/synthetic-covid-cxr-dataset/releases/download/v0.1/G_PC.zip', 'acf56668f97be81fd8c05c4308f80c61'),
          )),
    # Synthetic tasks: generated from a seed, learnable, no network. Not part of NEVIS'22.
    _task('demo_shapes', 'Demo: shapes (synthetic)', (), 4, SINGLE_LABEL, SYNTHETIC,
          homepage='https://github.com/google-deepmind/dm_nevis',
          citation='Synthetic task of the nevis package (not a published dataset).'),
    _task('demo_gratings', 'Demo: grating orientations (synthetic)', (), 4, SINGLE_LABEL,
          SYNTHETIC,
          homepage='https://github.com/google-deepmind/dm_nevis',
          citation='Synthetic task of the nevis package (not a published dataset).'),
    _task('demo_colours', 'Demo: colour patches (synthetic)', (), 5, SINGLE_LABEL, SYNTHETIC,
          homepage='https://github.com/google-deepmind/dm_nevis',
          citation='Synthetic task of the nevis package (not a published dataset).'),
)

TASKS: dict[str, Task] = {t.task_id: t for t in _TASKS}
assert len(TASKS) == len(_TASKS), 'duplicate task id in the catalog'


class UnknownTaskError(errors.UserError, KeyError):
  """A task id that is not in the catalog."""

  def __str__(self) -> str:
    return self.args[0]


def get(task_id: str) -> Task:
  """The catalog entry of `task_id`, or an error that suggests the closest ids."""
  try:
    return TASKS[task_id]
  except KeyError:
    close = difflib.get_close_matches(task_id, TASKS, n=3)
    hint = f' Did you mean: {", ".join(close)}?' if close else ''
    raise UnknownTaskError(
        f'Unknown NEVIS task {task_id!r}.{hint} `nevis list` prints every task id.'
    ) from None


def full_stream_tasks() -> list[Task]:
  """The 97 distinct datasets of the FULL stream, in first-appearance order."""
  return [t for t in TASKS.values() if t.in_full_stream]
