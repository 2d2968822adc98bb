// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace isvc::app {

/// An exclusive flock(2) on `<dir>/.isvc-scale.lock`, held while `render --output-dir`
/// writes and renames its files, so two runs into one directory cannot mix their
/// objects. Throws util::Error at once (no waiting) if another process holds it.
/// The lock file stays; the kernel drops the lock when the process ends.
class DirLock {
public:
  explicit DirLock(const std::string& dir);
  ~DirLock();
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

private:
  int m_fd = -1;
};

} // namespace isvc::app
