"""ml_collections configs: `nevis run --config baselines_jax/configs/<name>.py --stream S`.

Each file defines `get_config()` and `make_learner()`.
"""
