#pragma once
/// \file
/// How a measure reads the edges of a layer: with or without weights, what a weight means,
/// and what to do with several relations between the same pair. Shared by every measure of
/// `metrics/`, so a `consults` and an `informs` relation between two stakeholders are read the
/// same way whichever measure reads them.

namespace coproduction {

/// Tag for "no weight map": every edge has strength and length 1.
struct unweighted_t {
  explicit unweighted_t() = default;
};
/// Pass as the weight map to compute an unweighted measure.
inline constexpr unweighted_t unweighted{};

/// What an edge weight means. Relations carry strengths (bigger = closer: more contact, more
/// trust, more money), so by default a path's length is the sum of `1 / weight` over its
/// edges (Newman 2001; Brandes 2001; Opsahl, Agneessens & Skvoretz 2010). Data whose weights
/// are already lengths (a cost, a delay) say `distance`; then degree, eigenvector and PageRank
/// use `1 / weight` as the strength, so every measure reads the same data the same way.
enum class weight_meaning {
  strength,  ///< weight is a tie strength; length = 1 / weight
  distance,  ///< weight is a length; strength = 1 / weight
};

/// What to do with several edges between the same ordered pair (or, when direction is ignored,
/// the same unordered pair), e.g. a `consults` and an `informs` relation in one layer.
enum class parallel_edges {
  merge,  ///< one edge whose strength is the sum of the strengths (lengths combine as 1 / sum)
  keep,   ///< every edge counts: in degree, and as a separate shortest path (igraph's convention)
};

}  // namespace coproduction
