"""How sure a number is: the bootstrap, permutation tests, conditional uniform graph tests,
degree-preserving rewiring, QAP and MRQAP.

Every loop runs in the C++ core over the registry of measures (any measure of the package
can be resampled or tested by name), on all cores with the GIL released; Ctrl-C stops it
within a fraction of a second, and a progress bar appears when a call takes more than a few
seconds. Each draw has its own generator, derived from the seed and the draw's index alone,
so a result is the same, bit for bit, for a seed on any machine and any number of threads;
the seed is part of every result (``rng=result.seed`` repeats it).

Results show as a line of text, as a table in a notebook, and draw their distribution with
``.plot(ax=)``. The notebook "How sure are we?" (``docs/uncertainty.md``) shows each on the
example data.

- :func:`bootstrap`: an interval for any measure of a network, resampling its stakeholders
  (the vertex bootstrap of Snijders and Borgatti 1999), decisions or relations; or for a
  statistic of a sample of values.
- :func:`permutation_test`, :func:`paired_permutation_test`: could a gap between two groups
  (of decision power, say) be chance? Exact when the relabellings are few.
- :func:`cug_test`: is a layer's measure unusual among the graphs of the same size, number
  of ties, dyad census or degrees (R sna's ``cug.test``)?
- :func:`rewire`: degree-preserving rewiring of a layer, with its mixing diagnostic.
- :func:`qap_test`, :func:`mrqap`: do two layers go together (sna's ``qaptest`` and
  ``netlm`` with double semi-partialling)?
"""

from __future__ import annotations

from typing import List

from ._stats_null_models import (CUG_GIVEN, CugResult, MrqapResult, QapResult, RewiringResult,
                                 cug_test, layer_matrices, mrqap, qap_test, rewire)
from ._stats_resampling import (ALTERNATIVES, BOOTSTRAP_STATISTICS, GROUP_STATISTICS,
                                INTERVAL_METHODS, UNITS, bootstrap, paired_permutation_test,
                                permutation_test)
from ._stats_result import BootstrapResult, NullTest, PermutationResult

__all__ = [
    "bootstrap",
    "permutation_test",
    "paired_permutation_test",
    "cug_test",
    "rewire",
    "qap_test",
    "mrqap",
    "layer_matrices",
    "BootstrapResult",
    "PermutationResult",
    "CugResult",
    "QapResult",
    "MrqapResult",
    "RewiringResult",
    "NullTest",
    "UNITS",
    "INTERVAL_METHODS",
    "BOOTSTRAP_STATISTICS",
    "GROUP_STATISTICS",
    "ALTERNATIVES",
    "CUG_GIVEN",
]


def __dir__() -> List[str]:
    return list(__all__)
