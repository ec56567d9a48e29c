"""NEVIS stream variants as ordered train and predict events over `nevis/<task>` splits.

Not written yet (its own issue); it will depend on `nevis_datasets` task ids only.
"""
