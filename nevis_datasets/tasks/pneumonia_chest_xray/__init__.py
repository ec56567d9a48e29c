"""Pneumonia chest X-rays (Kermany et al. 2018): pediatric chest X-rays, normal or pneumonia."""
