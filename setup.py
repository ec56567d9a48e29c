"""nevis: the NEVIS'22 continual-learning benchmark as a TensorFlow Datasets package."""

import setuptools

_BASE = [
    'tensorflow-datasets==4.9.10',
    'tensorflow-cpu>=2.16',
    'importlib_resources',  # TFDS 4.9.10 needs it and does not declare it.
    'array_record>=0.5; platform_system == "Linux"',
    'etils[epath]',
    'google-crc32c',  # TFRecord shards written without importing TensorFlow (toolkit.tfrecords).
    'numpy',
    'Pillow',
    'tqdm',
    'matplotlib',  # The benchmarker's error-versus-FLOPs plot.
    'tensorboard',  # Event files of a run (written without TensorFlow).
    # .mat files (stanford_cars, oxford_flowers_17; upstream TFDS builders of oxford_flowers102,
    # caltech_birds2011, stanford_dogs, svhn_cropped), HDF5 (pacs; patch_camelyon), OpenCV
    # (upstream sun397, caltech_birds2011).
    'scipy',
    'h5py',
    'opencv-python-headless',
    'ncompress',  # LZW (`.Z`) members of vistex's archive.
    'rarfile',  # The TID RAR archives (compressed members need unrar, unar, 7z or bsdtar).
    'beautifulsoup4',  # TFDS reads Google Drive's download-confirmation pages with it.
]
_EXTRAS = {
    'beam': ['apache-beam>=2.60', 'imagehash'],  # imagehash: beam_pipelines.overlap.
    'kaggle': ['kaggle'],
    'jax': ['jax', 'flax', 'optax', 'ml_collections', 'grain>=0.2.18'],
    # Pinned: on a CPU machine this takes the local CPU wheel; a looser requirement pulls a
    # several-GB CUDA build.
    'torch': ['torch==2.13.0', 'ml_collections'],
    'cli': ['mlcroissant'],  # Only the upstream `tfds` CLI needs it; `nevis build` does not.
    'test': ['pytest', 'pytest-xdist', 'dill', 'apache-beam>=2.60', 'imagehash', 'mlcroissant',
             'jax', 'flax', 'optax', 'ml_collections', 'grain>=0.2.18', 'torch==2.13.0'],
}
_EXTRAS['all'] = sorted({req for reqs in _EXTRAS.values() for req in reqs})

setuptools.setup(
    name='nevis',
    version='0.1.0',
    description="NEVIS'22 continual-learning benchmark as TensorFlow Datasets builders.",
    long_description=open('README.md').read(),
    long_description_content_type='text/markdown',
    python_requires='>=3.10',
    packages=setuptools.find_packages(
        include=['nevis_datasets*', 'nevis_streams*', 'nevis_bench*', 'baselines_jax*',
                 'baselines_torch*', 'beam_pipelines*']),
    package_data={'nevis_datasets': ['tasks/*/README.md', 'tasks/*/*.txt', 'tasks/*/*.tsv']},
    install_requires=_BASE,
    extras_require=_EXTRAS,
    entry_points={'console_scripts': ['nevis = nevis_bench.cli:main']},
)
