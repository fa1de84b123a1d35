"""Foundations every layer uses, with no model in them: data sets, devices and seeds, pictures, noise,
PCA, nearest neighbours, 2-D maps of codes, diffusion schedules and the sampling loop, colours, and a
student's picture made MNIST-like (digitize), and the server's line of heavy work (work_line, heavy_job,
priority)."""
