#pragma once
/// \file
/// The limits on memory and work that the exact power computations check before they start,
/// and the `limit_exceeded` refusals (error.hpp) they throw above them: each refusal gives
/// the estimate, the limit, and the way out (a larger `max_coalitions`, or Monte Carlo
/// sampling). Estimates saturate at 2^64 - 1 rather than overflow: they only need comparing
/// with a limit.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <new>
#include <string>

#include "coproduction/error.hpp"

namespace coproduction {

/// Largest number of players for which indices are computed by enumerating all 2^n
/// coalitions (Deegan-Packel, Holler, Johnston on a general game; any index on a
/// `simple_game`). 2^25 coalitions take 4 MiB as a bit table and about a second to scan.
inline constexpr std::size_t max_enumeration_players = 25;

/// Default limit on the minimal winning coalitions `minimal_winning_coalitions` lists
/// (`max_coalitions`): 10^6, 8 MB in C++ and 64 MB as the Python table of 64 holders.
inline constexpr std::uint64_t default_max_listed_coalitions = 1'000'000;

/// Default limit on the minimal winning coalitions that `for_each_minimal_winning`,
/// `deegan_packel` and `holler` visit (`max_coalitions`): 10^8, a few seconds of one core.
/// They keep no list, so only the time grows with the count.
inline constexpr std::uint64_t default_max_visited_coalitions = 100'000'000;

/// Largest memory the exact dynamic programmes over vote totals (`banzhaf`, `shapley_shubik`,
/// `owen`, `banzhaf_owen` of a `weighted_game`) may take for their tables: 1 GiB, about 33
/// million vote totals for Banzhaf and Shapley-Shubik (32 bytes a total). Checked before
/// anything is allocated; above it they throw `limit_exceeded` ("weights").
inline constexpr std::uint64_t max_exact_table_bytes = std::uint64_t{1} << 30;

/// Largest work of the same dynamic programmes, in table cells (players times vote totals,
/// times the quadrature nodes for Shapley-Shubik and Owen): 10^12, minutes of one core.
/// Checked before the computation starts; above it they throw `limit_exceeded` ("weights").
inline constexpr std::uint64_t max_exact_table_cells = 1'000'000'000'000;

namespace detail {

/// `a · b` and `a + b`, or 2^64 - 1 when that overflows: estimates of work and memory only
/// need to be compared with a limit.
inline std::uint64_t saturated_product(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  return __builtin_mul_overflow(a, b, &out) ? std::numeric_limits<std::uint64_t>::max() : out;
}
inline std::uint64_t saturated_sum(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  return __builtin_add_overflow(a, b, &out) ? std::numeric_limits<std::uint64_t>::max() : out;
}

/// `1234567` as `"1,234,567"`.
inline std::string grouped(std::uint64_t x) {
  std::string digits = std::to_string(x), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// A number of bytes in binary units, e.g. `"1.5 GiB"`.
inline std::string byte_size(std::uint64_t bytes) {
  if (bytes == std::numeric_limits<std::uint64_t>::max()) return "more than 16 EiB";
  static constexpr const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double x = static_cast<double>(bytes);
  std::size_t u = 0;
  while (x >= 1024 && u + 1 < std::size(units)) {
    x /= 1024;
    ++u;
  }
  if (u == 0) return std::to_string(bytes) + " bytes";
  const long tenths = std::lround(x * 10);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " " + units[u];
}

/// The way out offered whenever an exact computation is refused for its size.
inline constexpr const char* monte_carlo_way_out =
    "estimate it by Monte Carlo sampling instead (method=\"monte_carlo\" in coproduction.power; "
    "the *_monte_carlo functions in C++)";

/// Refuses an exact dynamic programme over vote totals whose tables would hold `totals`
/// vote totals in `bytes` and whose work is `cells` table cells, above
/// `max_exact_table_bytes` or `max_exact_table_cells`.
/// \throws limit_exceeded ("weights").
inline void check_exact_tables(const std::string& index, std::uint64_t totals,
                               std::uint64_t bytes, std::uint64_t cells) {
  if (bytes > max_exact_table_bytes)
    throw limit_exceeded("weights", "bytes", bytes, max_exact_table_bytes,
                         "the exact " + index + " of this game needs tables of " +
                             grouped(totals) + " vote totals, " + byte_size(bytes) + " (" +
                             grouped(bytes) + " bytes), above the limit of " +
                             byte_size(max_exact_table_bytes) + "; " + monte_carlo_way_out);
  if (cells > max_exact_table_cells)
    throw limit_exceeded("weights", "table cells", cells, max_exact_table_cells,
                         "the exact " + index + " of this game would fill " + grouped(cells) +
                             " table cells (players x vote totals, per quadrature node), above "
                             "the limit of " + grouped(max_exact_table_cells) +
                             " (minutes of computing); " + monte_carlo_way_out);
}

/// Runs `compute()`, turning a failed allocation (the machine has less free memory than the
/// `bytes` the tables were estimated at) into `limit_exceeded`, so that `std::bad_alloc`
/// never leaves the library.
template <class Compute>
auto guard_allocation(const std::string& index, std::uint64_t bytes, Compute&& compute)
    -> decltype(compute()) {
  try {
    return compute();
  } catch (const std::bad_alloc&) {
    throw limit_exceeded("weights", "bytes", bytes, max_exact_table_bytes,
                         "could not allocate the " + byte_size(bytes) + " the exact " + index +
                             " of this game needs: the machine has less free memory; " +
                             monte_carlo_way_out);
  }
}

}  // namespace detail
}  // namespace coproduction
