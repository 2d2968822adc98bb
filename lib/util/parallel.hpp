// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace isvc::util {

/// Number of worker threads for `-j 0` (all cores).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Runs fn(i) for i in [0, n) on up to `jobs` threads. Each index is handled
/// exactly once; callers write results into slot i so output order is input order.
template <class Fn> void parallel_for(std::size_t n, unsigned jobs, Fn&& fn) {
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(n)));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < n; ++i) {
      fn(i);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  pool.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) {
        fn(i);
      }
    });
  }
  for (auto& th : pool) {
    th.join();
  }
}

} // namespace isvc::util
