"""Synthetic COVID-19 Chest X-ray Dataset (synthetic COVID-19 X-rays, by source class)."""
