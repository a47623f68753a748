"""Pure numerical core of the decision methods and weight elicitation.

Import the method modules directly, e.g. ``from partnerfit.mcda.topsis import topsis``.
This package initialiser deliberately imports nothing so that ``import partnerfit.mcda``
stays cheap.
"""
