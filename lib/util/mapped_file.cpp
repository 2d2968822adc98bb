// SPDX-License-Identifier: Apache-2.0
#include "util/mapped_file.hpp"

#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace isvc::util {

MappedFile::~MappedFile() { reset(); }

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_released(std::exchange(other.m_released, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    reset();
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
    m_released = std::exchange(other.m_released, 0);
  }
  return *this;
}

void MappedFile::reset() {
  if (m_data != nullptr) {
    ::munmap(const_cast<char*>(m_data), m_size);
  }
  m_data = nullptr;
  m_size = 0;
  m_released = 0;
}

bool MappedFile::map(int fd, std::size_t size) {
  reset();
  if (size == 0) {
    return false;
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) {
    return false;
  }
  m_data = static_cast<const char*>(p);
  m_size = size;
  // Read front to back (yaml-cpp's scanner): more read-ahead, pages dropped sooner.
  ::madvise(p, m_size, MADV_SEQUENTIAL);
  return true;
}

void MappedFile::release_before(std::size_t offset) {
  if (m_data == nullptr) {
    return;
  }
  auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::size_t end = (offset < m_size ? offset : m_size) / page * page;
  // In steps of at least 1 MiB: one call per document of a stream would be 64k calls.
  if (end < m_released + (std::size_t{1} << 20) && end < m_size / page * page) {
    return;
  }
  if (end <= m_released) {
    return;
  }
  // A read-only private file mapping: MADV_DONTNEED only unmaps the clean pages, a later
  // read faults them in again from the file (madvise(2)).
  ::madvise(const_cast<char*>(m_data) + m_released, end - m_released, MADV_DONTNEED);
  m_released = end;
}

} // namespace isvc::util
