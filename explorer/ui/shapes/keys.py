"""The Shapes page's widget and session-state keys, each written once."""

BETA = "shapes_beta"
START = "shapes_start"
MATRIX = "shapes_matrix"
LIVE_BETA = "shapes_live_beta"
LIVE_EPOCHS = "shapes_live_epochs"
TRAIN = "shapes_train"
RUN = "shapes_run"  # this session's LiveRun (session_state: never shared with another student)
MIG_CHART = "shapes_mig_{}"  # + a redraw's number: a fresh key for each redraw within one script run
LIVE_MATRIX = "shapes_live_matrix_{}"
