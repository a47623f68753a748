"""partnerfit: choose strategic partners with staged, explainable scoring."""

__version__ = "0.1.0"
