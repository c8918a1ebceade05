#pragma once
/// \file
/// The library's thread pool: a loop over units of work on `threads` std::threads that
/// workers claim as they become free, stops early when a `stop_check` asks, and rethrows a
/// worker's exception on the calling thread; and a deterministic sum over it, whose result is
/// the same, bit for bit, for every number of threads and every run.
///
/// Floating-point sums depend on their order, so a sum whose terms are added as workers
/// happen to finish changes with the thread count and the timing. `ordered_sum` instead cuts
/// the units into a fixed number of blocks that depends on the problem's size alone, sums
/// each block into its own vector (a worker claims whole blocks, in any order) and adds the
/// blocks in block order at the end.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "coproduction/error.hpp"

namespace coproduction::detail {

/// Units of `chunk` items that cover `items`.
inline std::size_t chunk_count(std::size_t items, std::size_t chunk) {
  return (items + chunk - 1) / chunk;
}

/// The number of workers for `units` units of work: `threads`, or the hardware's concurrency
/// when 0, and never more than the units or fewer than one.
inline unsigned resolve_threads(unsigned threads, std::size_t units) {
  unsigned t = threads != 0 ? threads : std::thread::hardware_concurrency();
  if (t == 0) t = 1;
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(t, units)));
}

/// Calls `body(worker, unit, halt)` once for every unit in `[0, units)`, on `workers` threads.
/// Workers claim the next unit as they become free, so a thread slowed by other work on the
/// machine does not hold the others up; `halt` turns true when the computation should stop
/// early, and a long unit checks it between steps. With a `stop` check, the calling thread
/// only waits and polls it every 50 ms (so the check may take a language runtime's lock);
/// without one and with a single worker, the units run on the calling thread.
///
/// Throws: the first exception of a worker; `interrupted` when `stop` returned true (or
/// threw).
template <class Body>
void for_each_unit(std::size_t units, unsigned workers, const stop_check& stop, Body&& body) {
  std::atomic<std::size_t> next_unit{0};
  std::atomic<bool> halt{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto work = [&](unsigned w) {
    try {
      while (!halt.load(std::memory_order_relaxed)) {
        const std::size_t unit = next_unit.fetch_add(1, std::memory_order_relaxed);
        if (unit >= units) return;
        body(w, unit, halt);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      halt.store(true);
    }
  };

  bool stopped = false;
  if (workers <= 1 && !stop) {
    work(0);
  } else {
    std::mutex done_mutex;
    std::condition_variable done_cv;
    unsigned done = 0;
    std::vector<std::thread> pool;
    pool.reserve(workers);
    try {
      for (unsigned w = 0; w < workers; ++w)
        pool.emplace_back([&, w] {
          work(w);
          std::lock_guard<std::mutex> lock(done_mutex);
          ++done;
          done_cv.notify_one();
        });
    } catch (...) {  // a thread could not be started: stop the others, then report
      halt.store(true);
      for (auto& t : pool) t.join();
      throw;
    }
    {
      std::unique_lock<std::mutex> lock(done_mutex);
      while (done < pool.size()) {
        done_cv.wait_for(lock, std::chrono::milliseconds(50),
                         [&] { return done == pool.size(); });
        if (done < pool.size() && stop && !stopped) {
          lock.unlock();
          bool asked = false;
          try {
            asked = stop();
          } catch (...) {
            asked = true;
          }
          lock.lock();
          if (asked) {
            stopped = true;
            halt.store(true);
          }
        }
      }
    }
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  if (stopped) throw interrupted();
}

/// One workspace per worker, each made by `make()`: allocated once, before the loop.
template <class Make>
auto make_workspaces(unsigned workers, Make make) {
  std::vector<decltype(make())> spaces;
  spaces.reserve(workers);
  for (unsigned w = 0; w < workers; ++w) spaces.push_back(make());
  return spaces;
}

/// The number of blocks `ordered_sum` cuts `units` into for sums of `length` doubles: at most
/// 64, at most one per unit, and at most 2^23 doubles (64 MiB) of block vectors in all.
/// Depends on the sizes alone, never on the thread count.
inline std::size_t accumulation_blocks(std::size_t units, std::size_t length) {
  const std::size_t by_memory = (std::size_t{1} << 23) / std::max<std::size_t>(length, 1);
  return std::max<std::size_t>(1, std::min<std::size_t>({64, by_memory, units}));
}

/// Sums what every unit of `[0, units)` adds into a vector of `length` doubles:
/// `body(workspace, unit, acc)` adds unit's terms into `acc`. The units go in order within
/// fixed blocks (`accumulation_blocks`), each block into its own vector, and the blocks are
/// added in order, so the result is the same bit for bit for every `threads` and every run.
/// `halt` is checked between units. `make_workspace()` makes one workspace per worker.
///
/// Complexity: the body's, plus O(blocks * length) to add the blocks.
/// Throws: as `for_each_unit`.
template <class MakeWorkspace, class Body>
std::vector<double> ordered_sum(std::size_t units, std::size_t length, unsigned threads,
                                const stop_check& stop, MakeWorkspace make_workspace,
                                Body body) {
  std::vector<double> total(length, 0.0);
  if (units == 0) return total;
  const std::size_t blocks = accumulation_blocks(units, length);
  const unsigned workers = resolve_threads(threads, blocks);
  auto spaces = make_workspaces(workers, make_workspace);
  std::vector<std::vector<double>> partial(blocks, std::vector<double>(length, 0.0));
  for_each_unit(blocks, workers, stop,
                [&](unsigned w, std::size_t block, const std::atomic<bool>& halt) {
                  double* acc = partial[block].data();
                  const std::size_t first = block * units / blocks;
                  const std::size_t last = (block + 1) * units / blocks;
                  for (std::size_t u = first; u < last; ++u) {
                    if (halt.load(std::memory_order_relaxed)) return;
                    body(spaces[w], u, acc);
                  }
                });
  for (const auto& block : partial)
    for (std::size_t v = 0; v < length; ++v) total[v] += block[v];
  return total;
}

}  // namespace coproduction::detail
