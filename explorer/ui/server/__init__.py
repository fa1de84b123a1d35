"""What one server holds for all of its sessions beyond the cached resources: its start-up work and its store of
slow results."""
