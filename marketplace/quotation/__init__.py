"""The quotation: the document a quote is sent as, with its reference, issuer and terms."""
