#pragma once
/// \file
/// The quadratic assignment procedure (QAP): do two relations over the same stakeholders go
/// together beyond what their own structure would give? "Do those who trust each other
/// also inform each other?" is the correlation of the `trusts` and `informs` matrices, and
/// the QAP asks how often relabelling the stakeholders of one matrix at random gives a
/// correlation as large: the relabelling keeps everything about each relation (its
/// density, its degrees, its reciprocity, its clustering) and breaks only their alignment.
///
/// **The matrices** (`matrices_of`). Each layer becomes an n x n matrix over the same
/// stakeholders: entry (i, j) is 1 when some relation of the layer runs from i to j (binary,
/// the default) or the sum of their weights (weighted); 0 otherwise. Relations of a
/// stakeholder with itself are dropped and the diagonal is never read. Undirected, (i, j)
/// and (j, i) both hold the ties either way. The stakeholders are those of the layers:
/// every stakeholder of the network but objects (with objects when `include_objects`), the
/// same for every layer, so a stakeholder with no tie in one layer is a row of zeros there;
/// with `vertices = tied`, only the union of the stakeholders with a tie in at least one of
/// the layers, in network order.
///
/// **The statistic** (sna's `gcor`): Pearson's correlation of the off-diagonal entries,
/// all `n (n - 1)` ordered pairs when directed, the `n (n - 1) / 2` pairs i > j when
/// undirected:
///
///     r = sum (a_ij - mean a)(b_ij - mean b) / sqrt(sum (a_ij - mean a)^2 sum (b_ij - mean b)^2)
///
/// in [-1, 1]; NaN when either matrix is constant off the diagonal.
///
/// **The null** (sna's `qaptest` with `gcor`, Krackhardt 1987): the rows and columns of b
/// permuted together by a uniform random permutation p, b'_ij = b_p(i)p(j), and r computed
/// again; K such draws. When n! is at most the K draws asked, every permutation is taken
/// once instead (`exact`): the exact permutation distribution, n! draws, the identity among
/// them. P-values as `null_distribution.hpp` defines them.
///
/// References: Krackhardt, D. (1987). QAP partialling as a test of spuriousness. Social
/// Networks 9, 171-186. Hubert, L. J. (1987). Assignment Methods in Combinatorial Data
/// Analysis. Dekker. Butts, C. T. (2008), sna: `gcor`, `qaptest`, `rmperm`.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/stats/null_distribution.hpp"

namespace coproduction {

/// A relation over n stakeholders as a dense n x n matrix, row-major; the diagonal is
/// never read.
struct dyad_matrix {
  std::size_t n = 0;
  std::vector<double> values{};  ///< n * n entries, (i, j) at i * n + j

  double operator()(std::size_t i, std::size_t j) const noexcept { return values[i * n + j]; }
  bool operator==(const dyad_matrix&) const = default;
};

/// Which stakeholders the matrices of layers are over.
enum class matrix_vertices {
  all,   ///< every stakeholder of the layers (all but objects, unless include_objects)
  tied,  ///< those with a tie in at least one of the layers
};

/// How layers become matrices.
struct matrix_options {
  bool directed = true;          ///< false: (i, j) and (j, i) both hold the ties either way
  bool weighted = false;         ///< sum of the relations' weights instead of 1 per tie
  bool include_objects = false;  ///< objects (kind `object`) are stakeholders of the matrices
  matrix_vertices vertices = matrix_vertices::all;
};

/// The matrices of several layers over one set of stakeholders.
struct layer_matrices {
  std::vector<Network::vertex_type> vertices{};  ///< the network vertex of each row
  std::vector<dyad_matrix> matrices{};           ///< one per layer, in the layers' order
};

/// A QAP test's outcome.
struct qap_result {
  /// The observed correlation, the correlation of every draw, the p-values.
  null_distribution null{};
  bool exact = false;  ///< every permutation taken once (n! draws)
  bool directed = true;
  std::size_t vertices = 0;  ///< n
  std::size_t dyads = 0;     ///< off-diagonal entries compared
};

namespace detail::null_models {

/// Matrix cells (all matrices together) above which a QAP or MRQAP is refused: 2^27
/// doubles, 1 GiB.
inline constexpr std::uint64_t max_matrix_cells = std::uint64_t{1} << 27;

inline void check_cells(std::uint64_t n, std::uint64_t matrices) {
  const std::uint64_t cells = n * n * matrices;
  if (n > 0 && cells / n / n != matrices) throw limit_exceeded("vertices", "matrix cells",
                                                               ~std::uint64_t{0}, max_matrix_cells,
                                                               "too many stakeholders");
  if (cells > max_matrix_cells)
    throw limit_exceeded("vertices", "matrix cells", cells, max_matrix_cells,
                         std::to_string(matrices) + " matrices of " + std::to_string(n) + " x " +
                             std::to_string(n) + " stakeholders need " + std::to_string(cells) +
                             " cells, more than the limit of " +
                             std::to_string(max_matrix_cells) +
                             "; restrict the layers' stakeholders (vertices=\"tied\")");
}

/// n! when it is at most `limit`, else 0 (n! is never 0).
inline std::uint64_t factorial_up_to(std::size_t n, std::uint64_t limit) noexcept {
  std::uint64_t f = 1;
  for (std::size_t i = 2; i <= n; ++i) {
    if (f > limit / i) return 0;
    f *= i;
  }
  return f <= limit ? f : 0;
}

/// The k-th permutation of 0 .. n-1 in lexicographic order (k < n!), by its factorial-base
/// digits (the Lehmer code); k = 0 is the identity. O(n^2).
inline void nth_permutation(std::size_t n, std::uint64_t k, std::vector<std::uint32_t>& p) {
  std::vector<std::uint32_t> pool(n);
  std::iota(pool.begin(), pool.end(), 0u);
  std::vector<std::uint64_t> digits(n, 0);
  for (std::size_t radix = 1; radix <= n; ++radix) {  // digit of position n - radix
    digits[n - radix] = k % radix;
    k /= radix;
  }
  p.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto d = static_cast<std::size_t>(digits[i]);
    p[i] = pool[d];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(d));
  }
}

/// A uniform random permutation of 0 .. n-1 from `rng` (Fisher-Yates, from the top). O(n).
template <class Rng>
void random_permutation(std::size_t n, Rng& rng, std::vector<std::uint32_t>& p) {
  p.resize(n);
  std::iota(p.begin(), p.end(), 0u);
  for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[random_below(rng, i)]);
}

/// The permutation of draw k: the k-th in lexicographic order when exact, else the random
/// permutation of the generator of (seed, k).
inline void draw_permutation(std::size_t n, bool exact, std::uint64_t seed, std::uint64_t k,
                             std::vector<std::uint32_t>& p) {
  if (exact) {
    nth_permutation(n, k, p);
    return;
  }
  auto rng = generator_for(seed, k);
  random_permutation(n, rng, p);
}

/// The off-diagonal entries compared: `n (n - 1)` or `n (n - 1) / 2`.
inline std::size_t dyad_count(std::size_t n, bool directed) noexcept {
  const std::size_t pairs = n < 2 ? 0 : n * (n - 1);
  return directed ? pairs : pairs / 2;
}

/// Calls `f(i, j)` for every dyad in order: (i, j), i != j, row by row when directed; the
/// pairs i > j, row by row, when undirected.
template <class F>
void for_each_dyad(std::size_t n, bool directed, F&& f) {
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < (directed ? n : i); ++j)
      if (i != j) f(i, j);
}

/// Throws `input_error` (`where`) unless `m` is square with `n` rows and every entry a
/// finite number.
inline void check_matrix(const dyad_matrix& m, std::size_t n, const char* where) {
  if (m.n != n || m.values.size() != n * n)
    throw input_error(where, "must be a " + std::to_string(n) + " x " + std::to_string(n) +
                                 " matrix (" + std::to_string(n * n) + " entries), got " +
                                 std::to_string(m.values.size()) + " entries");
  for (std::size_t c = 0; c < m.values.size(); ++c)
    if (!std::isfinite(m.values[c]))
      throw input_error(where, "entry (" + std::to_string(c / n) + ", " + std::to_string(c % n) +
                                   ") is not a finite number");
}

/// The correlation of a with b permuted by p, from a's off-diagonal entries that are not 0
/// (their positions and their values) and b centred on its off-diagonal mean: the sum of
/// a (b' - mean b) over all dyads is the covariance's numerator because the permuted
/// off-diagonal entries of b are b's own, so the centred ones still sum to 0.
struct correlation_kernel {
  std::size_t n = 0;
  std::vector<std::uint32_t> row, col;  // a's non-zero dyads
  std::vector<double> a;                // their values
  std::vector<double> b_centred;        // n x n
  double scale = std::numeric_limits<double>::quiet_NaN();  // sqrt(SS_a SS_b)

  correlation_kernel(const dyad_matrix& am, const dyad_matrix& bm, bool directed) : n(am.n) {
    const std::size_t count = dyad_count(n, directed);
    double sum_a = 0, sum_b = 0;
    for_each_dyad(n, directed, [&](std::size_t i, std::size_t j) {
      sum_a += am(i, j);
      sum_b += bm(i, j);
    });
    const double mean_a = sum_a / static_cast<double>(count);
    const double mean_b = sum_b / static_cast<double>(count);
    double ss_a = 0, ss_b = 0;
    b_centred.assign(n * n, 0.0);
    for_each_dyad(n, directed, [&](std::size_t i, std::size_t j) {
      ss_a += (am(i, j) - mean_a) * (am(i, j) - mean_a);
      ss_b += (bm(i, j) - mean_b) * (bm(i, j) - mean_b);
      if (am(i, j) != 0.0) {
        row.push_back(static_cast<std::uint32_t>(i));
        col.push_back(static_cast<std::uint32_t>(j));
        a.push_back(am(i, j));
      }
    });
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (i != j) b_centred[i * n + j] = bm(i, j) - mean_b;
    if (count > 0 && ss_a > 0 && ss_b > 0) scale = std::sqrt(ss_a * ss_b);
  }

  double operator()(const std::vector<std::uint32_t>& p) const noexcept {
    double cross = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
      cross += a[k] * b_centred[std::size_t{p[row[k]]} * n + p[col[k]]];
    return cross / scale;
  }
};

}  // namespace detail::null_models

/// The matrices of `layers` of `net` over one set of stakeholders (see the file comment).
///
/// Complexity: O(L (n^2 + stakeholders + relations)) for L layers.
/// Throws `input_error` ("layer") for a type no relation has, ("layers") for no layer;
/// `limit_exceeded` ("vertices") when the matrices would pass 2^27 cells in all.
inline layer_matrices matrices_of(const Network& net, std::span<const layer> layers,
                                  const matrix_options& options) {
  if (layers.empty()) throw input_error("layers", "at least one layer is needed");
  std::vector<layer_edges> edges;
  edges.reserve(layers.size());
  for (const layer& l : layers) edges.push_back(edges_of(net, l, options.include_objects));
  const std::size_t all = edges.front().vertices.size();
  // Each position's row: every position, or those with a tie (not to itself) in some layer.
  std::vector<char> kept(all, options.vertices == matrix_vertices::all ? 1 : 0);
  if (options.vertices == matrix_vertices::tied)
    for (const layer_edges& e : edges)
      for (std::size_t i = 0; i < e.source.size(); ++i)
        if (e.source[i] != e.target[i]) kept[e.source[i]] = kept[e.target[i]] = 1;
  layer_matrices out;
  std::vector<std::size_t> row(all, 0);
  for (std::size_t v = 0; v < all; ++v)
    if (kept[v]) {
      row[v] = out.vertices.size();
      out.vertices.push_back(edges.front().vertices[v]);
    }
  const std::size_t n = out.vertices.size();
  detail::null_models::check_cells(n, layers.size());
  for (const layer_edges& e : edges) {
    dyad_matrix m{n, std::vector<double>(n * n, 0.0)};
    for (std::size_t i = 0; i < e.source.size(); ++i) {
      if (e.source[i] == e.target[i]) continue;
      const std::size_t r = row[e.source[i]], c = row[e.target[i]];
      if (options.weighted) {
        m.values[r * n + c] += e.weight[i];
        if (!options.directed) m.values[c * n + r] += e.weight[i];
      } else {
        m.values[r * n + c] = 1.0;
        if (!options.directed) m.values[c * n + r] = 1.0;
      }
    }
    out.matrices.push_back(std::move(m));
  }
  return out;
}

/// Pearson's correlation of the off-diagonal entries of `a` and `b` (sna's `gcor`): every
/// ordered pair when `directed`, the pairs i > j otherwise. Range [-1, 1]; NaN when either
/// matrix is constant off the diagonal or n < 2.
///
/// Complexity: O(n^2). Throws `input_error` ("b") when the matrices differ in size, ("a")
/// or ("b") for an entry that is not a finite number.
inline double matrix_correlation(const dyad_matrix& a, const dyad_matrix& b, bool directed) {
  detail::null_models::check_matrix(a, a.n, "a");
  detail::null_models::check_matrix(b, a.n, "b");
  const detail::null_models::correlation_kernel kernel(a, b, directed);
  std::vector<std::uint32_t> identity(a.n);
  std::iota(identity.begin(), identity.end(), 0u);
  return kernel(identity);
}

/// The permutation of the stakeholders in draw `draw` of a QAP or MRQAP run seeded `seed`
/// on n stakeholders (random; an exact run takes the draw-th permutation in lexicographic
/// order instead): entry i is the row of the original matrix that becomes row i. O(n).
inline std::vector<std::uint32_t> qap_permutation(std::size_t n, std::uint64_t seed,
                                                  std::uint64_t draw) {
  std::vector<std::uint32_t> p;
  detail::null_models::draw_permutation(n, false, seed, draw, p);
  return p;
}

/// The QAP test of the correlation of `a` and `b` (see the file comment): `run.draws`
/// permutations of b's rows and columns together, or all n! when n! <= `run.draws`.
///
/// Complexity: O(n^2) to prepare, then O(n + nnz(a)) per draw, over `run.threads` threads.
/// Throws `input_error` as `matrix_correlation`, ("n") for no draws; `interrupted` when
/// `run.stop_requested` said stop.
inline qap_result qap_test(const dyad_matrix& a, const dyad_matrix& b, bool directed,
                           const resampling_options& run) {
  using namespace detail::null_models;
  check_matrix(a, a.n, "a");
  check_matrix(b, a.n, "b");
  check_draws(run);
  const std::size_t n = a.n;
  const correlation_kernel kernel(a, b, directed);
  qap_result result;
  result.directed = directed;
  result.vertices = n;
  result.dyads = dyad_count(n, directed);
  const std::uint64_t all = factorial_up_to(n, run.draws);
  result.exact = all != 0;
  resampling_options draws_run = run;
  if (result.exact) draws_run.draws = all;

  std::vector<std::uint32_t> identity(n);
  std::iota(identity.begin(), identity.end(), 0u);
  const double observed = kernel(identity);
  std::vector<double> draws(draws_run.draws);
  run_draws(
      draws_run, [] { return std::vector<std::uint32_t>(); },
      [&](std::vector<std::uint32_t>& p, std::size_t k, const std::atomic<bool>&) {
        draw_permutation(n, result.exact, run.seed, k, p);
        draws[k] = kernel(p);
      });
  result.null = summarise(observed, std::move(draws));
  return result;
}

/// The QAP test of the correlation of layers `a` and `b` of `net`, their matrices made by
/// `matrices_of(net, {a, b}, options)`.
///
/// Complexity and throws: as `matrices_of` and the matrix overload.
inline qap_result qap_test(const Network& net, const layer& a, const layer& b,
                           const matrix_options& options, const resampling_options& run) {
  const layer layers[] = {a, b};
  const layer_matrices m = matrices_of(net, layers, options);
  return qap_test(m.matrices[0], m.matrices[1], options.directed, run);
}

}  // namespace coproduction
