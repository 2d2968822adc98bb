// SPDX-License-Identifier: Apache-2.0
#include "app/dir_lock.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

namespace isvc::app {

DirLock::DirLock(const std::string& dir) {
  std::string path = (std::filesystem::path(dir) / ".isvc-scale.lock").string();
  // O_NOFOLLOW: a planted symlink must not make us create or lock another file.
  m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (m_fd < 0) {
    throw Error(fmt::format("cannot open the lock file {}: {}", path, std::strerror(errno)));
  }
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(m_fd);
    m_fd = -1;
    if (e == EWOULDBLOCK) {
      throw Error(
          fmt::format("another run is writing to {} (it holds {}); nothing written", dir, path));
    }
    throw Error(fmt::format("cannot lock {}: {}", path, std::strerror(e)));
  }
}

DirLock::~DirLock() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

} // namespace isvc::app
