import pytest

from explorer.topics.bottleneck.figures import error_curve_figure

KS = [2, 4, 8]


def test_error_curve_has_both_curves_and_marks_the_chosen_k():
    fig = error_curve_figure(KS, [0.05, 0.03, 0.02], [0.06, 0.05, 0.04], current_k=4)
    names = [trace.name for trace in fig.data]
    assert names[:3] == ["Autoencoder", "PCA (linear)", "k = 4"]
    assert list(fig.data[2].x) == [4, 4]
    assert list(fig.data[3].y) == [0.03, 0.05]  # the ring sits on both curves at k
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    assert not fig.layout.shapes  # shapes would need log10 coordinates on log axes


def test_error_curve_refuses_a_k_it_does_not_have():
    with pytest.raises(ValueError):
        error_curve_figure(KS, [0.05, 0.03, 0.02], [0.06, 0.05, 0.04], current_k=16)


def test_log_ticks_cover_the_range_with_1_2_5_steps():
    from explorer.topics.bottleneck.figures import log_ticks

    assert log_ticks(0.0032, 0.056) == pytest.approx([0.002, 0.005, 0.01, 0.02, 0.05, 0.1])
    assert log_ticks(0.02, 0.05) == pytest.approx([0.02, 0.05])
