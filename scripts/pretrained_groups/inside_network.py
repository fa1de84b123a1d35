"""The Inside the network page's pair: a fully connected AE and a conv AE at the same k, trained alike.

Both see the training images exactly as they are (no random shifts): the page measures what each
architecture does with a shifted digit, and shifted training images would teach both to cope, mixing
what the data taught into what the wiring does. For that contrast the group also measures the Bottleneck
page's conv AE at the same k, which was trained with random shifts (GROUPS builds bottleneck first)."""

from __future__ import annotations

from explorer.checkpoints.store import PretrainedStore
from explorer.models import MLPAE, ConvAE, ConvAEConfig, MLPAEConfig
from explorer.topics.inside_network.shift import shift_error_curve
from explorer.training.fit import TrainConfig
from scripts.pretrained_groups.common import BuildContext, log

K = 16  # the code size of both models, and of the Bottleneck page's model they are set beside
TRAIN = TrainConfig(epochs=25, batch_size=64, lr=2e-3, seed=0, max_shift=0)  # the same for both


def build(ctx: BuildContext) -> dict:
    builders = {"mlp": ("inside_mlp_ae", lambda: MLPAE(MLPAEConfig(latent_dim=K))),
                "conv": ("inside_conv_ae", lambda: ConvAE(ConvAEConfig(latent_dim=K)))}
    models, curve = {}, {}
    for role, (name, make) in builders.items():
        models[name] = ctx.train(name, make, TRAIN)
        models[name]["metrics"]["parameters"] = sum(p.numel() for p in ctx.trained[name].parameters())
        curve[role] = shift_error_curve(ctx.trained[name], ctx.data.test_images)
        log.info("%s: %d parameters, test MSE by shift %s", name, models[name]["metrics"]["parameters"],
                 ", ".join(f"{mse:.4f}" for mse in curve[role].mse))
    store = PretrainedStore(ctx.out)
    shifted_name = store.group("bottleneck")["ae_models"][str(K)]
    curve["shift_trained"] = shift_error_curve(store.load_model(shifted_name), ctx.data.test_images)
    info = {"k": K, "mlp": "inside_mlp_ae", "conv": "inside_conv_ae", "max_shift": TRAIN.max_shift,
            "shift_trained": shifted_name,
            "shift_curve": {"shifts": curve["mlp"].shifts} | {f"{role}_mse": c.mse for role, c in curve.items()}}
    return {"models": models, "info": info}
