"""Regression evaluation: fixed question sets, metrics and their aggregation.

Importing this package is cheap; numpy is imported only when aggregating.
"""
