"""The Latent map page's widget and session-state keys, named once: view links, lesson links and the tests know
them by these names."""

K = "latent_k"  # the code size
METHOD = "latent_projection"  # the map: the latent plane, PCA, UMAP or t-SNE
SHOW_RANDOM = "latent_show_random"  # the random codes' crosses on the maps
NEW_DRAWS, SHIPPED_DRAWS = "latent_fresh", "latent_reset_draws"  # the two buttons that change the random codes
FRESH_SEED = "latent_fresh_seed"  # the fresh draws' seed; None: the shipped draws
MOVED_TO_PCA = "latent_moved_to_pca"  # fresh draws switched a UMAP or t-SNE map to PCA: say so once
SELECTION = "latent_selection"  # the last click, copied out of the chart's event at once
WALK_A, WALK_B = "latent_interp_a", "latent_interp_b"  # the walk's two ends: bundled image numbers
WALK_FOLLOWS = "latent_walk_follows"  # the click the walk's ends last followed
WALK_CHART, WALK_GIF = "latent_walk_chart", "latent_walk"
LIVE_DECODE = "latent_live_decode"  # the live decode under the cursor, on the exact maps


def chart_key(kind: str) -> str:
    """The map of model `kind` ("ae" or "vae")."""
    return f"latent_chart_{kind}"


def walk_choice_key(k: str) -> str:
    """The measured walks offered for code size `k`."""
    return f"latent_walk_pair_{k}"
