"""The Loss-balance charts: valid Vega-Lite, the right numbers, and a spec that does not move with the data."""

import json

import altair as alt
import numpy as np
import pytest

from explorer.topics.loss_balance.figures import (
    SMALLEST_KL,
    Chart,
    kl_bars_chart,
    latent_scatter_chart,
    loss_curves_chart,
    rate_distortion_chart,
)
from explorer.topics.loss_balance.settings import ACTIVE_KL

REFERENCE = [(8.0, 3.0, 160.0), (0.0, 280.0, 90.0), (1.0, 20.0, 104.0)]  # (β, KL, reconstruction), unsorted


def curves(epochs: int, scale: float = 1.0) -> dict[str, list[float]]:
    return {f"{split}_{part}": [scale * (base + epoch) for epoch in range(epochs)]
            for split in ("train", "test") for part, base in (("loss", 120.0), ("recon", 100.0), ("kl", 20.0))}


def validate(chart: Chart) -> None:
    """Against the Vega-Lite schema, with the data inlined the way the browser receives it."""
    assert "data" not in chart.spec  # the numbers travel beside the spec, never in it
    spec = json.loads(json.dumps(chart.spec | {"data": {"values": chart.data.to_dict("records")}}, default=str))
    (alt.LayerChart if "layer" in spec else alt.Chart).from_dict(spec, validate=True)


def test_loss_curves_weight_the_kl_by_beta_and_keep_every_epoch():
    chart = loss_curves_chart(curves(3), beta=4.0, epochs=15)
    validate(chart)
    assert len(chart.data) == 3 * 2 * 3  # parts x splits x epochs
    kl = chart.data[(chart.data.part == "β · KL") & (chart.data.split == "test")]
    assert kl.nats.tolist() == [80.0, 84.0, 88.0]  # 4 x (20, 21, 22)
    recon = chart.data[(chart.data.part == "reconstruction") & (chart.data.split == "train")]
    assert recon.nats.tolist() == [100.0, 101.0, 102.0]


def test_each_chart_keeps_its_spec_while_the_numbers_change():
    # What lets the browser update a chart in place: epoch after epoch only the data differs.
    rng = np.random.default_rng(0)
    assert loss_curves_chart(curves(1), 1.0, 15).spec == loss_curves_chart(curves(9, 0.5), 1.0, 15).spec
    assert kl_bars_chart(rng.random(16)).spec == kl_bars_chart(rng.random(16) * 5).spec
    labels = rng.integers(0, 10, 50)
    assert latent_scatter_chart(rng.random((50, 2)), labels, 16).spec == \
        latent_scatter_chart(rng.random((50, 2)) * 3, labels, 16).spec
    assert rate_distortion_chart(REFERENCE, [(30.0, 100.0)], 1.0).spec == \
        rate_distortion_chart(REFERENCE, [(30.0, 100.0), (25.0, 98.0)], 1.0, [(2.0, 12.0, 117.0)]).spec


def test_kl_bars_mark_collapsed_dimensions_and_sit_on_the_log_floor():
    chart = kl_bars_chart(np.array([2.5, 0.0, ACTIVE_KL / 2, 0.3]))
    validate(chart)
    assert chart.data.dimension.tolist() == ["1", "2", "3", "4"]  # dimension i of the code, counted from 1
    assert chart.data.state.tolist() == ["active", "collapsed", "collapsed", "active"]
    assert chart.data.kl.min() == SMALLEST_KL  # a KL of 0 cannot sit on a log axis


@pytest.mark.parametrize(("latent_dim", "x_title"), [(2, "dimension 1 of the code"), (16, "principal component 1")])
def test_the_scatter_has_one_point_per_code_coloured_by_digit(latent_dim, x_title):
    codes = np.arange(12, dtype=float).reshape(6, 2)
    chart = latent_scatter_chart(codes, np.array([0, 1, 2, 0, 1, 9]), latent_dim)
    validate(chart)
    assert chart.data[["x", "y"]].to_numpy().tolist() == codes.tolist()
    assert chart.data.digit.tolist() == ["0", "1", "2", "0", "1", "9"]
    assert chart.spec["encoding"]["x"]["title"] == x_title


def test_rate_distortion_orders_the_shipped_runs_and_marks_the_newest_epoch():
    chart = rate_distortion_chart(REFERENCE, [(40.0, 110.0), (30.0, 104.0)], 1.5, [(2.0, 12.0, 117.0)])
    validate(chart)
    shipped = chart.data[chart.data.series == "shipped runs"]
    assert shipped.label.tolist() == ["β=0", "β=1", "β=8"]  # along the curve, whatever order they came in
    live = chart.data[chart.data.series == "this run"]
    assert live.rate.tolist() == [40.0, 30.0] and live.newest.tolist() == [False, True]
    assert live.label.tolist() == ["β=1.5, epoch 1", "β=1.5, epoch 2"]
    assert chart.data[chart.data.series == "your earlier runs"].distortion.tolist() == [117.0]
    assert not chart.data[chart.data.series != "this run"].newest.any()


def test_rate_distortion_before_any_run_shows_only_the_shipped_curve():
    chart = rate_distortion_chart(REFERENCE, [], None)
    validate(chart)
    assert set(chart.data.series) == {"shipped runs"} and len(chart.data) == 3


def test_every_chart_has_text_a_class_can_read():
    """README, "Page anatomy": ticks, labels and titles of 14 px or more, in a dark grey."""
    rng = np.random.default_rng(0)
    charts = [loss_curves_chart(curves(2), 1.0, 15), kl_bars_chart(rng.random(16)),
              latent_scatter_chart(rng.random((5, 2)), np.arange(5), 16), rate_distortion_chart(REFERENCE, [], None)]
    for chart in charts:
        config = chart.spec["config"]
        for part in ("axis", "legend"):
            assert config[part]["labelFontSize"] >= 14 and config[part]["titleFontSize"] >= 14
        assert config["text"]["fontSize"] >= 14  # the β labels on the rate-distortion curve
