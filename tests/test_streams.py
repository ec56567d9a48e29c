"""The NEVIS stream variants: counts, orders and ablations, as the reference (dm_nevis) emits them.

Expected values are hard-coded from the reference's stream definitions so the tests need no copy
of the reference.
"""

import collections

import pytest

import nevis_streams
from nevis_datasets import catalog
from nevis_streams import PredictionEvent
from nevis_streams import TrainingEvent
from nevis_streams import Variant
from nevis_streams import get_stream


def _entries(stream):
  return [(e.year, e.task) for e in stream.training_events]


def _get(name, **kwargs):
  if name == 'random_dataset':
    kwargs.setdefault('num_random_datasets', 50)
  return get_stream(name, **kwargs)


# name: (training events with the default stop year, distinct tasks then,
#        training events with stop_year=2022, distinct tasks then)
_COUNTS = {
    'full': (92, 85, 106, 97),
    'short': (25, 24, 29, 28),
    'tiny': (6, 5, 7, 6),
    'debug': (2, 2, 2, 2),
    'imagenet_only': (1, 1, 1, 1),
    'major_domain_only': (56, 52, 70, 64),
    'large_dataset_only': (53, 51, 67, 64),
    'demo': (4, 3, 4, 3),
    # Ablations default to stop_year=2022.
    'remove_first_30_tasks': (76, 75, 76, 75),
    'remove_last_30_tasks': (76, 70, 76, 70),
    'no_imagenet': (105, 97, 105, 97),
    'random_dataset': (50, 46, 50, 46),
}


def test_names_cover_every_variant():
  assert nevis_streams.names() == list(_COUNTS)
  assert [v.value for v in Variant] == list(_COUNTS)


@pytest.mark.parametrize('name', list(_COUNTS))
def test_counts(name):
  default, stop_2022 = _get(name), _get(name, stop_year=2022)
  assert (len(default.training_events), len(default.tasks), len(stop_2022.training_events),
          len(stop_2022.tasks)) == _COUNTS[name]
  assert default.name == name
  assert len(default) == 2 * len(default.training_events)  # One dev_test prediction each.


@pytest.mark.parametrize('name', list(_COUNTS))
def test_every_task_is_in_the_catalog(name):
  for event in _get(name, stop_year=2022):
    assert event.task in catalog.TASKS


@pytest.mark.parametrize('name', list(_COUNTS))
def test_training_events_are_followed_by_their_predictions(name):
  splits = ('dev', 'dev_test', 'test')
  events = _get(name, stop_year=2022, predict_splits=splits).events
  assert len(events) % 4 == 0
  for i in range(0, len(events), 4):
    train, predictions = events[i], events[i + 1:i + 4]
    assert isinstance(train, TrainingEvent)
    assert predictions == tuple(PredictionEvent(train.task, s, train.year) for s in splits)


def test_test_split_predictions():
  stream = get_stream('tiny', predict_splits=('test',))
  assert stream.events[:4] == (
      TrainingEvent('mnist', 2004), PredictionEvent('mnist', 'test', 2004),
      TrainingEvent('caltech101', 2010), PredictionEvent('caltech101', 'test', 2010))
  assert {e.split for e in stream.prediction_events} == {'test'}
  assert all(e.split == 'dev_test' for e in get_stream('tiny').prediction_events)


def test_names_are_case_insensitive():
  assert get_stream('FULL') == get_stream('full') == get_stream('Full')
  assert get_stream(Variant.SHORT) == get_stream('short')
  assert get_stream('No_ImageNet').name == 'no_imagenet'


def test_unknown_name_lists_the_valid_names():
  with pytest.raises(ValueError, match='remove_first_30_tasks'):
    get_stream('fulll')


def test_invalid_arguments():
  with pytest.raises(ValueError, match='num_random_datasets'):
    get_stream('random_dataset')
  with pytest.raises(ValueError, match='num_random_datasets'):
    get_stream('random_dataset', num_random_datasets=14)
  with pytest.raises(ValueError, match='num_random_datasets'):
    get_stream('full', num_random_datasets=50)
  with pytest.raises(ValueError, match='stop_year'):
    get_stream('no_imagenet', stop_year=2020)
  with pytest.raises(ValueError, match='split'):
    get_stream('full', predict_splits=('train',))


def test_full_per_year_counts():
  expected = {1992: 2, 1998: 3, 2000: 1, 2001: 2, 2004: 2, 2005: 3, 2006: 4, 2007: 1, 2008: 1,
              2009: 2, 2010: 4, 2011: 10, 2012: 5, 2013: 5, 2014: 1, 2015: 4, 2016: 14, 2017: 4,
              2018: 11, 2019: 13, 2020: 3, 2021: 11}
  counts = collections.Counter(e.year for e in get_stream('full', stop_year=2022).training_events)
  assert dict(sorted(counts.items())) == expected


def test_full_stop_years():
  full = _entries(get_stream('full', stop_year=2022))
  assert _entries(get_stream('full')) == full[:92]
  assert all(year < 2020 for year, _ in full[:92])
  assert _entries(get_stream('full', stop_year=2021)) == full[:95]
  assert _entries(get_stream('full', stop_year=2011)) == full[:25]


def test_full_first_and_last_entries():
  full = _entries(get_stream('full', stop_year=2022))
  assert full[:8] == [
      (1992, 'magellan_venus_volcanoes'), (1992, 'aberdeen'), (1998, 'landsat'),
      (1998, 'brodatz'), (1998, 'olivetti_face'), (2000, 'coil20'), (2001, 'coil100'),
      (2001, 'mpeg7')]
  assert full[89:96] == [
      (2019, 'food101n'), (2019, 'coil20'), (2019, 'coil100'), (2020, 'shanghai_tech'),
      (2020, 'animal_web'), (2020, 'biwi'), (2021, 'imagenet2012')]
  assert full[-6:] == [
      (2021, 'nih_chest_xray'), (2021, 'tubercolosis'), (2021, 'covid_19_xray'),
      (2021, 'patch_camelyon'), (2021, 'ddsm'), (2021, 'synthetic_covid19_xray')]


def test_full_repeated_tasks():
  years = collections.defaultdict(list)
  for year, task in _entries(get_stream('full', stop_year=2022)):
    years[task].append(year)
  repeated = {task: ys for task, ys in years.items() if len(ys) > 1}
  assert repeated == {
      'brodatz': [1998, 2011], 'olivetti_face': [1998, 2010], 'coil20': [2000, 2019],
      'coil100': [2001, 2019], 'mnist': [2004, 2015], 'caltech101': [2005, 2016],
      'scenes15': [2008, 2019], 'imagenet2012': [2011, 2021], 'oxford_flowers102': [2011, 2021]}
  # Each occurrence is a full set of events: two trainings and two predictions of the same task.
  events = get_stream('full', stop_year=2022).events
  assert events.count(TrainingEvent('mnist', 2004)) == 1
  assert [e for e in events if e.task == 'mnist'] == [
      TrainingEvent('mnist', 2004), PredictionEvent('mnist', 'dev_test', 2004),
      TrainingEvent('mnist', 2015), PredictionEvent('mnist', 'dev_test', 2015)]


def test_debug_order():
  assert _entries(get_stream('debug', stop_year=2022)) == [(1999, 'voc_2007'), (2000, 'coil20')]


def test_imagenet_only_order():
  assert _entries(get_stream('imagenet_only')) == [(2014, 'imagenet2012')]


def test_tiny_order():
  assert _entries(get_stream('tiny', stop_year=2022)) == [
      (2004, 'mnist'), (2010, 'caltech101'), (2014, 'voc_2012'), (2018, 'cifar100'),
      (2018, 'mnist'), (2018, 'melanoma'), (2020, 'caltech_birds2011')]


def test_short_order():
  assert _entries(get_stream('short', stop_year=2022)) == [
      (2004, 'coil100'), (2004, 'mnist'), (2006, 'pascal_voc2005'),
      (2006, 'caltech_categories'), (2006, 'uiuc_cars'), (2009, 'pascal_voc2006'),
      (2010, 'caltech101'), (2011, 'ig02'), (2011, 'scenes15'), (2011, 'voc_2007'),
      (2011, 'lfw'), (2013, 'sketch'), (2013, 'brodatz'), (2014, 'imagenet2012'),
      (2014, 'voc_2012'), (2014, 'caltech256'), (2018, 'cifar100'), (2018, 'cifar10'),
      (2018, 'usps'), (2018, 'mnist'), (2018, 'mnist_m'), (2018, 'office_caltech_10'),
      (2018, 'pacs'), (2018, 'melanoma'), (2019, 'fashion_mnist'), (2020, 'stanford_dogs'),
      (2020, 'caltech_birds2011'), (2020, 'stanford_cars'), (2020, 'fgvc_aircraft_family')]


def _removed(name, **kwargs):
  """The FULL (year, task) entries a variant lacks, in FULL order (entries are unique)."""
  kept = set(_entries(_get(name, stop_year=2022, **kwargs)))
  return [e for e in _entries(get_stream('full', stop_year=2022)) if e not in kept]


def _is_subsequence_of_full(name, **kwargs):
  full = _entries(get_stream('full', stop_year=2022))
  entries = _entries(_get(name, stop_year=2022, **kwargs))
  return entries == [e for e in full if e in set(entries)]


def test_major_domain_only_removed():
  assert _is_subsequence_of_full('major_domain_only')
  assert _removed('major_domain_only') == [
      (1992, 'magellan_venus_volcanoes'), (1992, 'aberdeen'), (1998, 'landsat'),
      (1998, 'brodatz'), (1998, 'olivetti_face'), (2001, 'mpeg7'), (2004, 'mnist'),
      (2005, 'umist'), (2005, 'cmu_amp_expression'), (2009, 'extended_yaleb'),
      (2010, 'olivetti_face'), (2011, 'lfw'), (2011, 'flickr_material_database'),
      (2011, 'brodatz'), (2011, 'vistex'), (2012, 'umd'), (2012, 'kth_tips'),
      (2012, 'uiuc_texture'), (2012, 'kth_tips_2b'), (2012, 'cvc_muscima'),
      (2013, 'kth_tips_2a'), (2015, 'mnist'), (2016, 'dtd'), (2016, 'animal'),
      (2016, 'silhouettes_28'), (2016, 'chars74k'), (2017, 'celeb_a'), (2017, 'lfwa'),
      (2018, 'tid2008'), (2018, 'tid2013'), (2018, 'usps'), (2018, 'semeion'),
      (2018, 'mnist_m'), (2018, 'emnist_balanced'), (2018, 'casia_hwdb'), (2018, 'melanoma')]


def test_large_dataset_only_removed():
  assert _is_subsequence_of_full('large_dataset_only')
  assert _removed('large_dataset_only') == [
      (1992, 'magellan_venus_volcanoes'), (1992, 'aberdeen'), (1998, 'landsat'),
      (1998, 'brodatz'), (1998, 'olivetti_face'), (2000, 'coil20'), (2001, 'coil100'),
      (2001, 'mpeg7'), (2004, 'butterflies'), (2005, 'umist'), (2005, 'cmu_amp_expression'),
      (2006, 'pascal_voc2005'), (2006, 'caltech_categories'), (2006, 'uiuc_cars'),
      (2007, 'scenes8'), (2008, 'scenes15'), (2009, 'pascal_voc2006'), (2010, 'ig02'),
      (2010, 'olivetti_face'), (2010, 'ppmi'), (2011, 'oxford_flowers_17'),
      (2011, 'flickr_material_database'), (2011, 'oxford_flowers102'), (2011, 'brodatz'),
      (2011, 'vistex'), (2012, 'umd'), (2012, 'kth_tips'), (2012, 'uiuc_texture'),
      (2012, 'kth_tips_2b'), (2012, 'cvc_muscima'), (2013, 'kth_tips_2a'), (2016, 'dtd'),
      (2016, 'animal'), (2016, 'interact'), (2018, 'tid2008'), (2018, 'tid2013'),
      (2018, 'semeion'), (2018, 'office_caltech_10'), (2018, 'melanoma')]


def test_remove_first_30_tasks():
  assert _is_subsequence_of_full('remove_first_30_tasks')
  assert _removed('remove_first_30_tasks') == _entries(get_stream('full'))[:30]
  assert _removed('remove_first_30_tasks')[-3:] == [
      (2011, 'lfw'), (2011, 'oxford_flowers_17'), (2011, 'flickr_material_database')]
  assert _entries(get_stream('remove_first_30_tasks'))[0] == (2011, 'oxford_flowers102')


def test_remove_last_30_tasks_keeps_the_reference_quirk():
  assert _is_subsequence_of_full('remove_last_30_tasks')
  removed = _removed('remove_last_30_tasks')
  # The whole of 2017-2019 (28 entries), then 2016's FIRST two entries, not its last two.
  assert removed[:2] == [(2016, 'caltech_birds2011'), (2016, 'stanford_cars')]
  assert removed[2:] == _entries(get_stream('full'))[64:92]
  assert ([e for e in _entries(get_stream('remove_last_30_tasks')) if e[0] == 2016][-1] ==
          (2016, 'chars74k'))


def test_no_imagenet():
  assert _removed('no_imagenet') == [(2011, 'imagenet2012')]
  assert (2021, 'imagenet2012') in _entries(get_stream('no_imagenet'))


def test_ablations_keep_the_held_out_years():
  held_out = _entries(get_stream('full', stop_year=2022))[92:]
  for name in ('remove_first_30_tasks', 'remove_last_30_tasks', 'no_imagenet', 'random_dataset'):
    entries = _entries(_get(name))
    assert entries[-14:] == held_out
    assert len(_entries(_get(name, stop_year=2021))) == len(entries) - 11


def test_random_dataset_example():
  stream = get_stream('random_dataset', num_random_datasets=50, random_seed=0)
  entries = _entries(stream)
  assert _is_subsequence_of_full('random_dataset', num_random_datasets=50)
  assert entries[:36] == [
      (1998, 'olivetti_face'), (2000, 'coil20'), (2004, 'butterflies'), (2004, 'mnist'),
      (2005, 'caltech101'), (2005, 'umist'), (2006, 'pascal_voc2005'), (2006, 'uiuc_cars'),
      (2006, 'aloi'), (2009, 'pascal_voc2006'), (2009, 'extended_yaleb'),
      (2010, 'olivetti_face'), (2011, 'caltech256'), (2011, 'lfw'), (2011, 'oxford_flowers102'),
      (2011, 'vistex'), (2012, 'kth_tips'), (2012, 'cvc_muscima'), (2013, 'kth_tips_2a'),
      (2013, 'smallnorb'), (2016, 'caltech_birds2011'), (2016, 'fgvc_aircraft_family'),
      (2016, 'caltech101'), (2016, 'stanford_dogs'), (2017, 'celeb_a'), (2018, 'tid2008'),
      (2018, 'usps'), (2018, 'mnist_m'), (2018, 'pacs'), (2018, 'caltech_camera_traps'),
      (2019, 'mall'), (2019, 'tiny_imagenet'), (2019, 'mnist_rotation'), (2019, 'awa2'),
      (2019, 'coil20'), (2019, 'coil100')]
  assert get_stream('random_dataset', num_random_datasets=50) == stream  # Deterministic.
  other_seed = get_stream('random_dataset', num_random_datasets=50, random_seed=1)
  assert len(other_seed.training_events) == 50 and _entries(other_seed) != entries
  everything = get_stream('random_dataset', num_random_datasets=106)
  assert _entries(everything) == _entries(get_stream('full', stop_year=2022))


def test_demo_stream():
  stream = get_stream('demo')
  assert _entries(stream) == [(1, 'demo_shapes'), (2, 'demo_gratings'), (3, 'demo_colours'),
                              (4, 'demo_shapes')]
  assert stream.tasks == ('demo_shapes', 'demo_gratings', 'demo_colours')
  assert get_stream('demo', stop_year=2) == stream  # Its years are positions, not real years.
  assert list(stream) == list(stream.events)
