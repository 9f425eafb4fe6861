"""Production settings, with the bare view of ``benchmarks.bench_pages`` beside the site."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.pages_urls"
