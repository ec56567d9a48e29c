"""Tuberculosis (TB) chest X-ray database (Rahman et al. 2020): normal or tuberculosis."""
