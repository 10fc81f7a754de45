"""The table of bad input, one module per audience, for test_bad_input.py."""
