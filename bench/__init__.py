"""Benchmark tooling, apart from the code that serves requests: the ten-year data set
(``load_data``, ``manage.py generate_load_data``), the public pages to measure (``pages``,
``manage.py bench``), and ``run.sh`` (``make bench``) with its results."""
