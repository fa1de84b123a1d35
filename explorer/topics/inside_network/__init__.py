"""Inside the network: a conv autoencoder layer by layer, and a fully connected one beside it under shifts."""
