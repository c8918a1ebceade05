#pragma once
/// \file
/// A null distribution drawn by seeded, independent draws, and the p-values read from it:
/// the engine under the conditional uniform graph tests (`cug_test.hpp`), the QAP
/// (`qap.hpp`) and the MRQAP (`mrqap.hpp`).
///
/// A run is set by the `resampling_options` of every resampling loop of the library
/// (`stats/resampling.hpp`: draws, seed, threads, stop check, a counter of finished draws).
/// Draw `k` of a run uses its own generator, `draw_generator(seed, k)` (`stats/rng.hpp`), so
/// a draw is the same whichever thread makes it and in whatever order: a run gives the same
/// draws, bit for bit, for every number of threads. The draws run on the library's thread
/// pool (`detail/parallel.hpp`); the calling thread polls the stop check every 50 ms (a
/// binding reads the counter of finished draws there for a progress display).
///
/// The p-values are those R's sna reports (`cug.test`, `qaptest`, `netlm`): the share of
/// the null draws at or above the observed value, `P(X >= obs) = #{k : x_k >= obs} / K`,
/// and at or below it, `P(X <= obs) = #{k : x_k <= obs} / K`. The observed value is not
/// counted among the draws (sna counts it neither), so a p-value can be 0; with exact
/// enumeration (every permutation once) the observed arrangement is itself one of the
/// draws. Two refinements, both stated where a p-value is shown:
///
/// - Ties up to rounding: a draw within `1e-9 * max(1, |obs|)` of the observed value counts
///   as equal to it (on both sides). A permutation that maps a matrix onto itself, or a
///   graph isomorphic to the observed one, gives the observed statistic in exact
///   arithmetic but may differ from it in the last bits after summing in another order;
///   sna compares bits and would count such a draw on one side only.
/// - A draw whose statistic is not a number (a centralization of a graph with no tie, a
///   correlation with a constant matrix) is left out of both the numerator and the
///   denominator, and `valid` says how many draws count; sna's `mean` would return NA.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "coproduction/detail/parallel.hpp"
#include "coproduction/error.hpp"
#include "coproduction/stats/resampling.hpp"
#include "coproduction/stats/rng.hpp"

namespace coproduction {

/// A statistic's observed value, its null draws and the p-values sna reports.
struct null_distribution {
  double observed = std::numeric_limits<double>::quiet_NaN();
  /// The statistic of every draw, in draw order (NaN where it is not a number).
  std::vector<double> draws{};
  /// Draws whose statistic is a number: the denominator of the p-values.
  std::size_t valid = 0;
  /// `#{x_k >= obs} / valid`: small when the observed value is unusually large.
  double p_greater_equal = std::numeric_limits<double>::quiet_NaN();
  /// `#{x_k <= obs} / valid`: small when the observed value is unusually small.
  double p_less_equal = std::numeric_limits<double>::quiet_NaN();
  /// `#{|x_k| >= |obs|} / valid`: the two-sided p-value of a statistic centred on 0 under
  /// the null (a correlation, a regression coefficient; sna's `Pr(>=|b|)`).
  double p_absolute = std::numeric_limits<double>::quiet_NaN();
};

namespace detail::null_models {

/// The generator of draw `draw` of a run seeded `seed` (`stats/rng.hpp`).
inline draw_generator generator_for(std::uint64_t seed, std::uint64_t draw) noexcept {
  return draw_generator(seed, draw);
}
/// 64 random bits.
inline std::uint64_t random_bits(draw_generator& rng) noexcept { return rng(); }
/// A uniform integer in `[0, bound)`, bound > 0, without modulo bias.
inline std::uint64_t random_below(draw_generator& rng, std::uint64_t bound) noexcept {
  return rng.below(bound);
}

/// Half-width of "equal up to rounding" around an observed value.
inline double tie_tolerance(double observed) noexcept {
  return 1e-9 * std::max(1.0, std::abs(observed));
}

/// The p-values of `draws` against `observed` (see the file comment); all NaN when the
/// observed value is NaN or no draw is a number. O(K).
inline null_distribution summarise(double observed, std::vector<double> draws) {
  null_distribution out;
  out.observed = observed;
  out.draws = std::move(draws);
  std::size_t valid = 0, above = 0, below = 0, farther = 0;
  const double tol = tie_tolerance(observed);
  const double magnitude = std::abs(observed);
  for (double x : out.draws) {
    if (std::isnan(x)) continue;
    ++valid;
    if (x >= observed - tol) ++above;
    if (x <= observed + tol) ++below;
    if (std::abs(x) >= magnitude - tol) ++farther;
  }
  out.valid = valid;
  if (valid > 0 && !std::isnan(observed)) {
    const double k = static_cast<double>(valid);
    out.p_greater_equal = static_cast<double>(above) / k;
    out.p_less_equal = static_cast<double>(below) / k;
    out.p_absolute = static_cast<double>(farther) / k;
  }
  return out;
}

/// Calls `body(workspace, k, halt)` for every draw k in `[0, run.draws)` on the thread pool,
/// one workspace per worker (`make_workspace()`); the body writes draw k's results where
/// only draw k writes, and checks `halt` between long steps. Counts the finished draws in
/// `*run.finished` when given (read by the stop check for a progress display).
///
/// Throws: the first exception of a body; `interrupted` when the stop check said stop.
template <class MakeWorkspace, class Body>
void run_draws(const resampling_options& run, MakeWorkspace make_workspace, Body body) {
  const std::size_t units = run.draws;
  if (units == 0) return;
  const unsigned workers = resolve_threads(run.threads, units);
  auto spaces = make_workspaces(workers, make_workspace);
  for_each_unit(units, workers, run.stop_requested,
                [&](unsigned w, std::size_t k, const std::atomic<bool>& halt) {
                  body(spaces[w], k, halt);
                  if (run.finished != nullptr)
                    run.finished->fetch_add(1, std::memory_order_relaxed);
                });
}

/// Throws `input_error` ("n") unless 1 to 2^40 draws are asked for.
inline void check_draws(const resampling_options& run) { detail::check_draws(run.draws, "n"); }

}  // namespace detail::null_models

}  // namespace coproduction
