"""The attestation of a prior France Rénov' appointment (content, composer, PDF)."""
