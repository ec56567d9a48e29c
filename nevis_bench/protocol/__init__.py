"""The baselines' protocol, shared by the JAX and PyTorch baselines (protocol.md §3).

Framework-free pieces that both baselines must apply identically, so that a run differs only in
`--config`: the configs and their defaults (`configs`), the per-task search spaces (`hparams`),
the kNN transfer score of Dynamic (`knn`), the training rules (adaptive batch size, warm-up,
early stopping, choice of the start; `rules`) and analytic FLOPs to check the counters
(`analytic_flops`). The benchmarker never imports this package; baselines do.
"""
