"""The shipped pretrained/ folder: store reads and checks every file against the manifest; writing is the
build side (scripts/train_pretrained.py)."""
