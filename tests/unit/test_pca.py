import numpy as np
import pytest

from explorer.core.pca import fit_pca, pca_inverse, pca_project, pca_reconstruct


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(0)
    return (rng.normal(size=(200, 6)) @ rng.normal(size=(6, 6))).astype(np.float32)


def test_components_are_orthonormal_and_sorted(points):
    basis = fit_pca(points, 6)
    np.testing.assert_allclose(basis.components @ basis.components.T, np.eye(6), atol=1e-5)
    assert np.all(np.diff(basis.explained_variance) <= 0)


def test_full_rank_reconstruction_is_exact(points):
    basis = fit_pca(points, 6)
    np.testing.assert_allclose(pca_inverse(basis, pca_project(basis, points, 6)), points, atol=1e-4)


def test_inverse_is_exact_on_the_subspace(points):
    basis = fit_pca(points, 4)
    coords = np.random.default_rng(1).normal(size=(10, 2)).astype(np.float32)
    np.testing.assert_allclose(pca_project(basis, pca_inverse(basis, coords), 2), coords, atol=1e-4)


def test_fewer_components_lose_more(points):
    basis = fit_pca(points, 6)
    errors = [((pca_inverse(basis, pca_project(basis, points, k)) - points) ** 2).mean() for k in range(1, 7)]
    assert all(a > b for a, b in zip(errors, errors[1:], strict=False))


def test_matches_scikit_learn_up_to_sign(points):
    from sklearn.decomposition import PCA

    ours = fit_pca(points, 3)
    theirs = PCA(n_components=3).fit(points)
    np.testing.assert_allclose(np.abs(ours.components), np.abs(theirs.components_), atol=1e-4)
    np.testing.assert_allclose(ours.explained_variance, theirs.explained_variance_, rtol=1e-4)


def test_refit_gives_the_same_signs(points):
    np.testing.assert_array_equal(fit_pca(points, 3).components, fit_pca(points.copy(), 3).components)


def test_image_reconstruction_keeps_shape_and_range():
    images = np.random.default_rng(2).random((30, 1, 28, 28)).astype(np.float32)
    basis = fit_pca(images, 5)
    recon = pca_reconstruct(basis, images, 5)
    assert recon.shape == images.shape
    assert recon.min() >= 0.0 and recon.max() <= 1.0


def test_k_out_of_range_is_refused(points):
    with pytest.raises(ValueError, match="between 1 and 3"):
        pca_project(fit_pca(points, 3), points, 4)
