// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <new>
#include <string>
#include <thread>
#include <vector>

namespace isvc::util {

/// Number of worker threads for `-j 0` (all cores).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Runs fn(i) for i in [0, n) on up to `jobs` threads. Each index is handled
/// exactly once; callers write results into slot i so output order is input order.
/// An exception (std::bad_alloc included) never leaves a worker thread, where it would
/// call std::terminate: it is kept in slot i of the result (null where fn(i) returned)
/// for the caller to report against item i; the other items still run.
template <class Fn>
[[nodiscard]] std::vector<std::exception_ptr> parallel_for(std::size_t n, unsigned jobs, Fn&& fn) {
  std::vector<std::exception_ptr> failed(n);
  auto run = [&](std::size_t i) {
    try {
      fn(i);
    } catch (...) {
      failed[i] = std::current_exception();
    }
  };
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(n)));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < n; ++i) {
      run(i);
    }
    return failed;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  pool.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) {
        run(i);
      }
    });
  }
  for (auto& th : pool) {
    th.join();
  }
  return failed;
}

/// What an exception_ptr from parallel_for holds, for a message.
inline std::string describe(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "unknown failure";
  }
}

} // namespace isvc::util
