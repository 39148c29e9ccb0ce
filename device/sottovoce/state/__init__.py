"""Files under state_dir: atomic replacement and ownership that survives sudo."""
