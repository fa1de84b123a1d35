"""The Loss-balance page's widget and session-state keys, each written once."""

BETA = "lb_beta"
START = "lb_start"
LATENT = "lb_latent"
EPOCHS = "lb_epochs"
DATASET = "lb_dataset"
TRAIN = "lb_train"
CODE_WALK_GIF = "lb_code_walk"
SWEEP_GIF = "lb_sweep"
RUN = "lb_run"  # this session's current LiveRun (never shared: session_state is per browser tab)
EARLIER = "lb_earlier"  # (β, KL, reconstruction) of this session's previous runs
PENDING = "lb_pending"  # a setting moved: start a new run in this script run
RUNS_STARTED = "lb_runs_started"  # numbers each run: its walk's sliders start fresh


def walk_slider(run_number: int, dim: int) -> str:
    return f"lb_walk_{run_number}_{dim}"
