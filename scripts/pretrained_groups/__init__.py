"""Each group is one folder of pretrained/, built by one module's build(ctx) -> {"models", "info"}."""

from scripts.pretrained_groups import bottleneck, loss_balance

GROUPS = {
    "bottleneck": bottleneck.build,
    "loss_balance": loss_balance.build,
}
