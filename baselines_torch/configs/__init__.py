"""ml_collections configs: `nevis run --config baselines_torch/configs/<name>.py --stream S`.

The same names and hyper-parameters as `baselines_jax/configs/`; PyTorch-only settings
(`num_workers`, `mixed_precision`) go in an optional `torch` section
(`baselines_torch.train.Runtime`). Each file defines `get_config()` and
`make_learner()`. Tasks need ArrayRecord files: `nevis convert TASK`.
"""
