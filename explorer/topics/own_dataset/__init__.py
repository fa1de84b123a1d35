"""The student's own small data set: an uploaded zip of pictures, array or IDX file read safely, made MNIST-like."""
