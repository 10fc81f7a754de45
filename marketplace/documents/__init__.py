"""Documents on RFQs and quotes: the blob store that keeps their bytes, and the checks on them."""
