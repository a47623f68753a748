"""The scoring engine: numpy, pure functions, vectorised over candidates."""
