"""KTH-TIPS2-a (colour): 11 materials, label from the material folder."""
