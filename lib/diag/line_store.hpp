// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::diag {

/// The source lines of one file that findings point at (text output's caret lines), kept
/// after the file's text is gone. Lines come nearly always in increasing order (a file's
/// documents are linted in order), so they sit back to back in blocks of up to 64 KiB (a growing
/// std::string kept up to twice their size) with a sorted index of 16 bytes a line; a line a
/// little out of order goes into the index, and one far behind the last (a cross-document
/// finding on an earlier document) to a map. A std::map<line, std::string> was about 180
/// bytes a line.
class LineStore {
public:
  LineStore() = default;
  LineStore(LineStore&&) noexcept = default;
  LineStore& operator=(LineStore&&) noexcept = default;
  LineStore(const LineStore& other) { merge_copy(other); }
  LineStore& operator=(const LineStore& other);
  ~LineStore() = default;

  /// Keeps `text` as line `line` unless that line is kept already.
  void add(std::uint32_t line, std::string_view text);
  /// Line `line`'s text, or empty if it was not kept.
  std::string_view get(std::uint32_t line) const;
  bool has(std::uint32_t line) const;
  /// Takes every line of `other` this store does not have.
  void merge(LineStore&& other);
  bool empty() const { return m_index.empty() && m_late.empty(); }

private:
  struct Entry {
    std::uint32_t line;
    std::uint32_t size;
    const char* text; // in one of m_blocks
  };
  const Entry* find(std::uint32_t line) const;
  /// A copy of `text` in the blocks.
  const char* keep(std::string_view text);
  void merge_copy(const LineStore& other);
  /// How far from the end of the index a line may go in instead of to m_late.
  static constexpr std::ptrdiff_t k_near = 64;
  static constexpr std::size_t k_max_block = 64 * 1024;

  std::vector<std::unique_ptr<char[]>> m_blocks;
  std::vector<std::unique_ptr<char[]>> m_long; // lines over a quarter block, one each
  char* m_free = nullptr;                      // the rest of the last block
  std::size_t m_left = 0;
  std::size_t m_block = 128;  // the last block's size
  std::vector<Entry> m_index; // line strictly increasing
  std::map<std::uint32_t, std::string> m_late;
};

} // namespace isvc::diag
