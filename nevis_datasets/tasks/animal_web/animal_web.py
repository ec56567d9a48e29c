"""AnimalWeb (Khan et al., CVPR 2020): photos of animal faces, labelled by species name prefix.

`animal_dataset_v1_c.rar` (Google Drive) holds `animal_dataset_v1_clean_check/` with one JPEG
per face, `<species>_<n>.jpg`, and its 9-landmark `.pts` file (not used). The RAR is extracted
once (`toolkit.rar`). The reference unpacked it flat (`unrar e`), so only file names count:
an image's key is its file name and its label the part of the name before the first `_`, one
of the reference's 352 names, whose fixed order gives the ids. Copies (same pixels and label)
are dropped, the first by name kept. The source has no split: images are divided by a hash of
their file name.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
listing order; the copy kept of a repeated image is fixed; two images of one file name in
different folders stop the build (`unrar e` kept the last one extracted); a name outside the
352 stops it with a message instead of a bare KeyError; `.JPG` names count too.
"""

from __future__ import annotations

import collections
import posixpath
from collections.abc import Iterable, Iterator

from absl import logging
from etils import epath
import tensorflow_datasets as tfds

from nevis_datasets import toolkit
from nevis_datasets.toolkit import rar
from nevis_datasets.toolkit import trees

_URL = ('https://drive.google.com/uc?export=download&id=13PbHxUofhdJLZzql3TyqL22bQJ3HwDK4'
        '&confirm=y')
_ARCHIVE = 'animal_dataset_v1_c.rar'
_IMAGE_SUFFIX = '.jpg'
# The reference handler's `_LABELS`, a fixed list (not computed at build time) kept in its
# order so that ids match the reference's; AnimalWeb itself defines no class list.
CLASS_NAMES = (
    'saluki', 'kultarr', 'bighornsheep', 'bandedmongoose', 'fox', 'goat', 'tasmaniandevil',
    'wallaroo', 'whiptailwallaby', 'feralhorse', 'binturong', 'geoffroyscat', 'klipspringer',
    'vervetmonkey', 'possum', 'arcticwolf', 'rustyspottedgenet', 'capegraymongoose', 'elk',
    'commonbrownlemur', 'panda', 'amurtiger', 'quokka', 'indri', 'debrazzasmonkey',
    'collaredpeccary', 'cloudedleopard', 'emperorpenguin', 'zebu', 'wildcat', 'lionpd', 'walrus',
    'irishwolfhound', 'hoodedseal', 'camel', 'patasmonkey', 'commongenet', 'italiangreyhound',
    'viverratangalungamalayancivet', 'bullmastif', 'blackbackedjackal', 'pekingesedog',
    'lumholtzstreekangaroo', 'komondor', 'toquemacaque', 'longnosedmongoose',
    'matschiestreekangaroo', 'woodchuck', 'slendermongoose', 'gundi', 'animal', 'feralcat',
    'chamois', 'borneanslowloris', 'dachshund', 'yelloweyedpenguin', 'harpseal', 'bharal',
    'blueeyedblacklemur', 'treeshrew', 'dallsheep', 'brushtailedrockwallaby', 'marmoset',
    'goldenbamboolemur', 'greaterbamboolemur', 'balinesecat', 'californiansealion', 'fallowdeer',
    'adeliepenguin', 'waterbuck', 'mareebarockwallaby', 'horse', 'zebra', 'blackrhino',
    'australianterrier', 'wildebeest', 'monte', 'oncilla', 'armadillo', 'frenchbulldog',
    'swamprabbit', 'cheetah', 'gentoopenguin', 'greylangur', 'mouflon', 'alaskanmalamute',
    'amurleopard', 'dhole', 'baikalseal', 'brownrat', 'kingpenguin', 'redpanda', 'hamster',
    'echidna', 'bushbaby', 'fishingcat', 'westernlesserbamboolemur', 'beardedseal', 'colo',
    'roanantelope', 'harbourseal', 'chinstrappenguin', 'giantschnauzer', 'collaredbrownlemur',
    'stripedhyena', 'opossum', 'guanaco', 'wisent', 'visayanwartypig', 'barbarymacaque', 'onager',
    'caiman', 'feralgoat', 'commonwarthog', 'hartebeest', 'arcticfox', 'whiteheadedlemur',
    'spottedseal', 'capebuffalo', 'medraneanmonkseal', 'jaguar', 'wildass', 'barbarysheep',
    'gibbons', 'spottedhyena', 'leopardcat', 'hedgehog', 'uc', 'topi', 'commonchimpanzee',
    'dunnart', 'agilewallaby', 'sundaslowloris', 'wombat', 'chinesegoral', 'caribou', 'weddellseal',
    'canadianlynx', 'husky', 'liger', 'sharpesgrysbok', 'graywolf', 'hare', 'caracal', 'hyrax',
    'platypus', 'capefox', 'eurasianlynx', 'oribi', 'northernelephantseal', 'centralchimpanzee',
    'dormouse', 'gerbil', 'cougar', 'capybara', 'ferret', 'przewalskihorse', 'crestedpenguin',
    'oryx', 'steinbucksteenbok', 'nilgai', 'mangabey', 'australianshepherd', 'spidermonkey',
    'monkey', 'brownhyena', 'roedeer', 'bull', 'pardinegenet', 'anoa', 'leopard', 'swampwallaby',
    'bonobo', 'cottonrat', 'vole', 'humboldtpenguin', 'africanpenguin', 'goldenjackal', 'gorilla',
    'commonkusimanse', 'redtailmonkey', 'aardwolf', 'suni', 'blackandwhiteruffedlemar', 'chowchow',
    'raccoon', 'bolognesedog', 'kangaroo', 'dalmatian', 'gharial', 'australiancattledog',
    'ruddymongoose', 'nightmonkey', 'swiftfox', 'weasel', 'easternchimpanzee', 'bison', 'yak',
    'chital', 'titi', 'woollymonkey', 'reedbuck', 'pallascat', 'smallasianmongoose', 'grizzlybear',
    'rustyspottedcat', 'coatis', 'redruffedlemur', 'kinkajou', 'parmawallaby', 'coypu',
    'westernchimpanzee', 'asianpalmcivet', 'domesticcat', 'giantotter', 'pygmyrabbit', 'grayfox',
    'kiang', 'pademelon', 'lemur', 'wapiti', 'asiangoldencat', 'agouti', 'bandedpalmcivet',
    'fieldmouse', 'junglecat', 'anteater', 'mexicanwolf', 'largespottedgenet', 'beatingmongoose',
    'goodfellowstreekangaroo', 'flyingsquirrel', 'wolverine', 'guineapig', 'dassie', 'orangutan',
    'greyseal', 'ocelot', 'howler', 'germanpinscher', 'koala', 'bilby', 'goldenretriever',
    'galagos', 'leopardseal', 'spottedneckedotter', 'crownedlemur', 'owstonspalmcivet', 'donkey',
    'duiker', 'pygmyslowloris', 'cservalserval', 'hippopotamus', 'tamarin', 'alaskanhare', 'badger',
    'dingo', 'boar', 'goldenlangur', 'greatdane', 'jackrabbit', 'uakari', 'colobus', 'fennecfox',
    'sandcat', 'bamboolemur', 'bengalslowloris', 'dugong', 'rhesusmonkey', 'marshmongoose',
    'littlebluepenguin', 'hogdeer', 'redbelliedsquirrel', 'commondwarfmongoose', 'corsacfox',
    'whitewolf', 'addax', 'stripeneckedmongoose', 'deermouse', 'japanesemacaque', 'giraffe',
    'babirusa', 'hamadryasbaboon', 'douclangur', 'anatolianshepherddog', 'bluemonkey', 'muskox',
    'yellowfootedrockwallaby', 'gerenuk', 'doberman', 'hawaiianmonkseal', 'magellanicpenguin',
    'crabeaterseal', 'bobcat', 'feralcattle', 'jaguarundi', 'potoroo', 'muntjacdeer',
    'geladababoon', 'harvestmouse', 'rhinoceros', 'olivebaboon', 'buffalo', 'patagonianmara',
    'bushbuck', 'blackbuck', 'beaver', 'zonkey', 'bordercollie', 'southernelephantseal',
    'tammarwallaby', 'olingos', 'quoll', 'easternlesserbamboolemur', 'bandicoot', 'alpineibex',
    'redneckedwallaby', 'bear', 'japaneseserow', 'galapagossealion', 'muriqui', 'blackfootedcat',
    'cacomistle', 'ringtail', 'germanshepherddog', 'ribbonseal', 'domesticdog', 'lutung',
    'tarsiers', 'margay', 'bongo', 'francoislangur', 'potto', 'whitetaileddeer',
    'australiansealion', 'capuchinmonkey', 'dikdik', 'aardvark', 'snowleopard', 'banteng',
    'chihuahua', 'proboscismonkey', 'ayeaye', 'pantanalcat', 'ethiopianwolf', 'africanwilddog',
    'deer', 'alpaca', 'servalinegenet', 'chipmunk', 'degu', 'urial',
)
_IDS = frozenset(CLASS_NAMES)


def class_of(file_name: str) -> str:
  """The species of an image file name: the reference's rule, `saluki_12.jpg` -> `saluki`.

  Raises:
    ValueError: the part before the first `_` is not one of the 352 names.
  """
  name = posixpath.splitext(file_name)[0].split('_')[0]
  if name not in _IDS:
    raise ValueError(f'{file_name!r}: {name!r} is not one of the {len(CLASS_NAMES)} species '
                     'names')
  return name


def flat_images(files: Iterable[tuple[str, epath.Path]]) -> dict[str, epath.Path]:
  """File name -> path of the `.jpg` files (any case) of the extraction, sorted by name.

  `unrar e` put every file into one folder, so that of two images of one name in different
  folders only the last one extracted was left.

  Raises:
    ValueError: two images have the same file name.
  """
  by_name = collections.defaultdict(list)
  for member, path in files:
    name = posixpath.basename(member)
    if name.lower().endswith(_IMAGE_SUFFIX):
      by_name[name].append((member, path))
  for name, found in by_name.items():
    if len(found) > 1:
      raise ValueError(f'{" and ".join(sorted(m for m, _ in found))} are both named {name}, '
                       'and the task knows images by file name only')
  return {name: by_name[name][0][1] for name in sorted(by_name)}


class AnimalWeb(toolkit.TaskBuilder):
  """AnimalWeb; the JPEGs of the extracted RAR, label = the file name's species prefix."""

  TASK = 'animal_web'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager: tfds.download.DownloadManager
                ) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    # Where `TaskBuilder.extract` puts extractions (TFDS's `<download_dir>/extracted`).
    extract_dir = getattr(dl_manager, '_extract_dir', None) or (
        epath.Path(dl_manager.download_dir) / 'extracted')
    # Tied to the archive's path, size and mtime (`download` does not return its md5).
    root = rar.extract(self.TASK, archive, extract_dir, origin=_URL)
    files = trees.extracted_files(root)
    with self.expected_content(_ARCHIVE):
      images = flat_images(files)
    logging.info('[%s] %d of the %d files of %s are not .jpg images (landmark files ...): not '
                 'used.', self.TASK, len(files) - len(images), len(files), _ARCHIVE)
    # Copies are found by pixels (in RGB), as in the reference; of a group of copies with one
    # label, the first by file name is kept.
    yield from toolkit.dedup.unique_examples(
        self.labelled_images(images.items(), _ARCHIVE, class_of))
