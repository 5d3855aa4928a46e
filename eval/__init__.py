"""Benchmarks for thalign: builders with gold, scorers, baselines, results. Imports align; never imported by it."""
