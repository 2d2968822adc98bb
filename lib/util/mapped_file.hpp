// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace isvc::util {

/// A regular file mapped read-only. A reader that is done with a prefix gives its pages
/// back (release_before), so a large file's resident part follows the reader instead of
/// holding the whole file as a string would; what is read again is mapped in again.
class MappedFile {
public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  /// Maps the first `size` bytes of the open regular file `fd` (the caller still closes it;
  /// the mapping keeps the file). False, nothing mapped, if it cannot be: the caller then
  /// reads the file instead.
  bool map(int fd, std::size_t size);
  std::string_view view() const { return {m_data, m_size}; }
  bool mapped() const { return m_data != nullptr; }
  /// Drops the resident pages that lie wholly before byte `offset` and after the previous
  /// call's offset (pages read again behind it stay until the mapping goes).
  void release_before(std::size_t offset);

private:
  void reset();

  const char* m_data = nullptr;
  std::size_t m_size = 0;
  std::size_t m_released = 0; // bytes before this are already given back
};

} // namespace isvc::util
