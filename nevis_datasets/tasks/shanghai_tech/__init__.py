"""ShanghaiTech (crowd counting, parts A and B, as 10 count classes)."""
