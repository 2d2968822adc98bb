// SPDX-License-Identifier: Apache-2.0
#include "diag/line_store.hpp"

#include <algorithm>

namespace isvc::diag {

namespace {

// The first entry of `index` at or after `line`.
template <class Index> auto at_or_after(Index& index, std::uint32_t line) {
  return std::lower_bound(index.begin(), index.end(), line,
                          [](const auto& e, std::uint32_t l) { return e.line < l; });
}

} // namespace

const LineStore::Entry* LineStore::find(std::uint32_t line) const {
  auto it = at_or_after(m_index, line);
  return it != m_index.end() && it->line == line ? &*it : nullptr;
}

bool LineStore::has(std::uint32_t line) const {
  return find(line) != nullptr || m_late.count(line) != 0;
}

void LineStore::add(std::uint32_t line, std::string_view text) {
  auto it = at_or_after(m_index, line);
  if ((it != m_index.end() && it->line == line) || m_late.count(line) != 0) {
    return;
  }
  // In order, or a line of the document being linted (a cross rule's spot before its
  // findings' lines): at most a short move. Further back (a cross-document finding): the map.
  if (m_index.end() - it <= k_near) {
    m_index.insert(it, {line, static_cast<std::uint32_t>(text.size()), keep(text)});
  } else {
    m_late.try_emplace(line, text);
  }
}

std::string_view LineStore::get(std::uint32_t line) const {
  if (const Entry* e = find(line)) {
    return {e->text, e->size};
  }
  auto it = m_late.find(line);
  return it != m_late.end() ? std::string_view(it->second) : std::string_view();
}

const char* LineStore::keep(std::string_view text) {
  if (text.size() > k_max_block / 4) { // a long line gets a block of its own
    m_long.push_back(std::make_unique_for_overwrite<char[]>(text.size()));
    std::copy(text.begin(), text.end(), m_long.back().get());
    return m_long.back().get();
  }
  if (text.size() > m_left) {
    // Blocks double from 256 bytes: most files keep a line or two (10,000 files of 64 KiB
    // blocks were 59 MiB of touched pages), a big stream's blocks soon reach full size.
    m_block = std::max(text.size(), std::min(k_max_block, m_block * 2));
    m_blocks.push_back(std::make_unique_for_overwrite<char[]>(m_block));
    m_free = m_blocks.back().get();
    m_left = m_block;
  }
  char* at = m_free;
  std::copy(text.begin(), text.end(), at);
  m_free += text.size();
  m_left -= text.size();
  return at;
}

void LineStore::merge(LineStore&& other) {
  if (empty()) {
    *this = std::move(other);
    return;
  }
  merge_copy(other);
}

void LineStore::merge_copy(const LineStore& other) {
  for (const Entry& e : other.m_index) {
    add(e.line, {e.text, e.size});
  }
  for (const auto& [line, text] : other.m_late) {
    add(line, text);
  }
}

LineStore& LineStore::operator=(const LineStore& other) {
  if (this != &other) {
    *this = LineStore(other);
  }
  return *this;
}

} // namespace isvc::diag
