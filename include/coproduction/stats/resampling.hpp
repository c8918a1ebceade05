#pragma once
/// \file
/// The loop every resampling method of the library runs: `draws` draws, each with its own
/// generator (`stats/rng.hpp`), spread over the library's thread pool (`detail/parallel.hpp`),
/// each writing one value to its own slot. Because a draw's numbers depend on the seed and
/// its index alone and every draw writes only its slot, the values are the same, bit for bit,
/// for a seed whatever the thread count and whichever thread ran which draw.
///
/// Stopping: the pool's calling thread polls `stop_requested` every 50 ms (so it may take
/// a language runtime's lock, as the Python bindings do for Ctrl-C), and `finished` counts
/// the draws done so far, for a progress display read from that same poll.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "coproduction/detail/parallel.hpp"
#include "coproduction/error.hpp"
#include "coproduction/stats/rng.hpp"

namespace coproduction {

/// What every resampling method takes.
struct resampling_options {
  /// Draws (resamples, permutations); at least 1.
  std::size_t draws = 2000;
  /// Seed of the generators; draw `d` uses `draw_generator(seed, d)`.
  std::uint64_t seed = 0;
  /// Worker threads (0: all cores). Results do not depend on it.
  unsigned threads = 0;
  /// Asked every 50 ms from the calling thread; returning true (or throwing) stops the loop
  /// with `interrupted`.
  stop_check stop_requested{};
  /// When set, counts the draws finished so far (relaxed increments), for a progress display
  /// that the stop check reads. Not counted: the jackknife of a BCa interval.
  std::atomic<std::size_t>* finished = nullptr;
};

namespace detail {

/// Refuses a number of draws below 1 or beyond `max_draws`, naming `where`.
/// Refuses `units` units (values, stakeholders, relations, decisions) of 2^32 or more, which
/// `draw_unit` cannot draw, naming `where`.
inline void check_units(std::size_t units, const char* where) {
  if (units >= (std::size_t{1} << 32))
    throw input_error(where, "at most 2^32 - 1 entries can be resampled, got " +
                                 std::to_string(units));
}

inline void check_draws(std::size_t draws, const char* where = "draws") {
  constexpr std::size_t max_draws = std::size_t{1} << 40;
  if (draws < 1) throw input_error(where, "needs at least 1 draw, got 0");
  if (draws > max_draws)
    throw input_error(where, "at most 2^40 draws, got " + std::to_string(draws));
}

/// `count` values, value `i` being `body(workspace, i)`, on `threads` threads (`make()` makes
/// one workspace per worker). Each unit is one value; `finished`, when given, is incremented
/// after each. Complexity: that of the bodies. Throws as `for_each_unit`.
template <class Make, class Body>
std::vector<double> parallel_values(std::size_t count, unsigned threads, const stop_check& stop,
                                    std::atomic<std::size_t>* finished, Make make, Body body) {
  std::vector<double> out(count, std::numeric_limits<double>::quiet_NaN());
  if (count == 0) return out;
  const unsigned workers = resolve_threads(threads, count);
  auto spaces = make_workspaces(workers, make);
  for_each_unit(count, workers, stop,
                [&](unsigned w, std::size_t i, const std::atomic<bool>&) {
                  out[i] = body(spaces[w], i);
                  if (finished != nullptr) finished->fetch_add(1, std::memory_order_relaxed);
                });
  return out;
}

}  // namespace detail

/// The value of every draw: entry `d` is `statistic(workspace, generator)` with the generator
/// `draw_generator(o.seed, d)`; `make()` makes one workspace per worker (scratch vectors
/// allocated once). Identical for every `o.threads`.
///
/// Complexity: `o.draws` calls of `statistic`, over `min(threads, draws)` threads.
/// Throws `input_error` ("draws") for 0 draws or more than 2^40; the first exception of a
/// `statistic`; `interrupted` when `o.stop_requested` asks.
template <class Make, class Statistic>
std::vector<double> resample(const resampling_options& o, Make make, Statistic statistic) {
  detail::check_draws(o.draws);
  return detail::parallel_values(o.draws, o.threads, o.stop_requested, o.finished, make,
                                 [&](auto& space, std::size_t d) {
                                   draw_generator g(o.seed, d);
                                   return statistic(space, g);
                                 });
}

/// The index of one unit drawn from `[0, units)`: `g.below32(units)` (`units < 2^32`, which
/// every resample here is: the draws are counted in 32 bits). O(1) expected.
inline std::uint32_t draw_unit(draw_generator& g, std::size_t units) {
  return g.below32(static_cast<std::uint32_t>(units));
}

/// The indices of one bootstrap resample of `units` units: `units` draws of `draw_unit`, in
/// order; the unit drawn `k`-th is `out[k]`. Every bootstrap of the library draws its
/// resample this way first, so a resample can be rebuilt from the seed and the draw index.
/// O(units).
template <class Index>
void draw_indices(draw_generator& g, std::size_t units, std::vector<Index>& out) {
  out.resize(units);
  for (std::size_t k = 0; k < units; ++k) out[k] = static_cast<Index>(draw_unit(g, units));
}

/// The resample of draw `d` as counts: `counts[j]` is how many times unit `j` was drawn by
/// `draw_indices`. O(units).
inline void draw_counts(draw_generator& g, std::size_t units, std::vector<std::uint32_t>& counts) {
  counts.assign(units, 0);
  for (std::size_t k = 0; k < units; ++k) ++counts[draw_unit(g, units)];
}

}  // namespace coproduction
