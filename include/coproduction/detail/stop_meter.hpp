#pragma once
/// \file
/// Polling for a stop by the amount of work done: a long computation asks its `stop_check`
/// (error.hpp) every few milliseconds of work, however that work is cut into steps, and the
/// same work asks the same number of times (so a stopped run is reproducible).

#include <cstdint>

#include "coproduction/error.hpp"

namespace coproduction::detail {

/// Asks a `stop_check` each time `period` units of work (table cells, visited coalitions)
/// have been done since the last time, so that the polls are a few milliseconds apart
/// however the work is cut into steps, and deterministic: the same work asks the same number
/// of times.
class stop_meter {
 public:
  stop_meter(const stop_check& stop, std::uint64_t period)
      : stop_(stop ? &stop : nullptr), period_(period) {}
  /// \throws interrupted when the request, asked now, returns true.
  void add(std::uint64_t work) {
    done_ += work;
    if (done_ < period_) return;
    done_ = 0;
    if (stop_ && (*stop_)()) throw interrupted();
  }

 private:
  const stop_check* stop_;
  std::uint64_t period_;
  std::uint64_t done_ = 0;
};

/// Work between two polls: about 10 ms of a convolution over vote totals (2^25 cell
/// updates), of a scan of coalitions (2^22) or of the search for minimal winning coalitions
/// (2^18 visits).
inline constexpr std::uint64_t cells_per_poll = std::uint64_t{1} << 25;
inline constexpr std::uint64_t coalitions_per_poll = std::uint64_t{1} << 22;
inline constexpr std::uint64_t visits_per_poll = std::uint64_t{1} << 18;

}  // namespace coproduction::detail
