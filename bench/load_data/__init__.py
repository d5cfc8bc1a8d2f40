"""What a large city's centre accumulates in ten years, for the benchmark. Each module's
``generate(rng, years, stdout)`` adds its part in bulk, deterministically for a seed, and
does nothing when its part is there already."""

from bench.load_data import contests, core, events, publications

# In the order they depend on each other; each name seeds its generator's random numbers.
GENERATORS = [
    ("imc_portal.load_data", core.generate),
    ("events.load_data", events.generate),
    ("contests.load_data", contests.generate),
    ("publications.load_data", publications.generate),
]
