"""The benchmark and the scale-out proof (see bench/README.md): `make bench`, `make bench-short`."""
