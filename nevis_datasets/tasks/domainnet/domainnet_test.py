"""domainnet on six fake prepared upstreams (Beam build): five domains train, sketch evaluates."""

from nevis_datasets.tasks.domainnet import domainnet
from nevis_datasets import tfds_derived_testing as tfds_testing

_DOMAINS = (*domainnet.TRAIN_DOMAINS, domainnet.TEST_DOMAIN)


class DomainnetTest(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = domainnet.Domainnet
  # Sizes differ per domain, so that a swapped domain shows.
  UPSTREAM_SPLITS = {domainnet.upstream(domain): {'train': 2 + i % 2, 'test': 1 + i % 3}
                     for i, domain in enumerate(_DOMAINS)}
  # train: 2+3+2+3+2 = 12; dev: 1+2+3+1+2 = 9; sketch (i = 5): train 3, test 3.
  SPLITS = {'train': 12, 'dev': 9, 'dev_test': 3, 'test': 3}
  EXPECTED_SLICES = {
      'train': [(domainnet.upstream(d), f'train[0:{2 + i % 2}]')
                for i, d in enumerate(domainnet.TRAIN_DOMAINS)],
      'dev': [(domainnet.upstream(d), f'test[0:{1 + i % 3}]')
              for i, d in enumerate(domainnet.TRAIN_DOMAINS)],
      'dev_test': [('domainnet/sketch', 'train[0:3]')],
      'test': [('domainnet/sketch', 'test[0:3]')],
  }

  def upstream_features(self, name, split, index):
    return {'label': (7 * _DOMAINS.index(name.split('/')[1]) + index + len(split)) % 345}


def test_domains_in_the_reference_order():
  assert domainnet.TRAIN_DOMAINS == ('real', 'painting', 'clipart', 'quickdraw', 'infograph')
  assert domainnet.Domainnet.CLASS_NAMES[:2] == ['aircraft_carrier', 'airplane']
  assert len(domainnet.Domainnet.CLASS_NAMES) == 345
