"""The VQ-VAE page's widget and session-state keys, named once: view links and the tests know them by these names."""

STATE = "vq_state"  # the student's GridState: the tokens, the selected cell, the edits
DIGIT = "vq_digit"  # the test digit's number
USE_OWN = "vq_use_own"  # the toggle: encode the student's own digit instead
RANDOMISE, RESET = "vq_random", "vq_reset"
SWAP_A, SWAP_B, SWAP = "vq_swap_a", "vq_swap_b", "vq_swap"  # swap every code a for code b
CELL_CODE = "vq_cell_code"  # the number input of the selected cell's code index
CELL = "vq_cell"  # the select box of the selected cell: the grid's click, by keyboard
GRID_CHART, VECTOR_CHART, DISTANCE_CHART = "vq_grid_chart", "vq_vector", "vq_distances"
ENTRY = "vq_entry"  # Go deeper: the codebook entry whose patches are shown
USAGE_CHART, MAP_CHART, BITS_CHART = "vq_usage", "vq_map", "vq_bits"
SAMPLE_SEED, RESAMPLE = "vq_sample_seed", "vq_resample"  # Go deeper: the prior's sampled grids
