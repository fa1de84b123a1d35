"""Autoencoder Explorer's library, in layers; each imports only itself and the ones before it in this list:

- core: foundations with no models in them (data, runtime, images, noise, pca, neighbours,
  projection, schedulers, sampling, colours, the server's line of heavy work);
- models: the networks behind one interface, running them on numpy arrays, the digit classifier's verdict;
- training: fit() by epochs, train_steps() by steps, live runs in a worker thread (at a lower OS priority);
- checkpoints: the shipped pretrained/ files, read (store) and written (writing), checked by the manifest;
- topics: one package per page, its logic beside its figures; one topic never imports another;
- ui: the only Streamlit code: cached loaders, shared widgets, error messages.
"""
