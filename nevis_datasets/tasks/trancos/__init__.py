"""TRANCOS (vehicle counting in traffic-camera images, as 10 count classes)."""
