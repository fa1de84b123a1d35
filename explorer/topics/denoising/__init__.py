"""Denoising page: noisy digits through a plain and a denoising autoencoder (logic), and the PSNR chart (figures)."""
