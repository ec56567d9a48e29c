"""LFW-a (aligned LFW) as face identification."""
