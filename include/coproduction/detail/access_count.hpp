#pragma once
/// \file
/// Who is using a network: how many readers hold it, or that a change runs. Lock-free and
/// refusing rather than waiting: a read that arrives while a change runs, and a change that
/// arrives while anyone reads or changes, throw `concurrent_modification` and leave the
/// object as it was. `Network::read_guard` and the network's changes hold it; users include
/// `model/network.hpp`.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "coproduction/error.hpp"

namespace coproduction::detail {

/// The number of readers, or `changing`. Belongs to one object: never copied or moved (an
/// object that copies its contents starts the copy with no readers).
class access_count {
 public:
  access_count() = default;
  access_count(const access_count&) = delete;
  access_count& operator=(const access_count&) = delete;

  /// Counts one more reader. \throws concurrent_modification ("read") while a change runs.
  void begin_read() const {
    std::int64_t n = n_.load(std::memory_order_relaxed);
    do {
      if (n == changing)
        throw concurrent_modification(
            "read", "the network is being changed by another thread; read it once the change "
                    "is done");
    } while (!n_.compare_exchange_weak(n, n + 1, std::memory_order_acquire,
                                       std::memory_order_relaxed));
  }
  /// Counts one reader fewer.
  void end_read() const noexcept { n_.fetch_sub(1, std::memory_order_release); }

  /// Starts a change, taken only when nobody reads or changes, so a change never overlaps a
  /// guarded read or another change. \throws concurrent_modification (`what`) otherwise.
  void begin_change(const char* what) {
    std::int64_t idle = 0;
    if (!n_.compare_exchange_strong(idle, changing, std::memory_order_acquire,
                                    std::memory_order_relaxed))
      throw concurrent_modification(
          what, idle == changing
                    ? "another change of the network is running; change it once that is done"
                    : "the network is being read (" + std::to_string(idle) +
                          (idle == 1 ? " reader" : " readers") +
                          "); change it once the reading is done, or change a copy");
  }
  /// Ends the change `begin_change` started.
  void end_change() noexcept { n_.store(0, std::memory_order_release); }

  /// How many readers hold the object now (0 while a change runs).
  std::size_t readers() const noexcept {
    const std::int64_t n = n_.load(std::memory_order_acquire);
    return n > 0 ? static_cast<std::size_t>(n) : 0;
  }

 private:
  static constexpr std::int64_t changing = -1;
  mutable std::atomic<std::int64_t> n_{0};
};

}  // namespace coproduction::detail
