"""The NEVIS benchmarker: learner interface, event loop, metrics, FLOPs accounting, resume.

Not written yet (its own issue); it will build on `nevis_streams` and never import a baseline.
"""
