"""IAPR TC-12 (segmented and annotated, SAIAPR TC-12) as multi-label classification."""
