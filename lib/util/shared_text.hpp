// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstddef>
#include <fmt/format.h>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace isvc::util {

/// Text that many findings carry alike, held once: a rule's fix borrowed from the rule table
/// (which lives as long as the program), or a file's name made once per file and shared by
/// every finding in it. A copy shares, never copies the characters; the text never changes.
/// A stream of 64k documents has 64k findings, and a std::string each for the file, the fix,
/// the apiVersion and the kind was 256 bytes of heap a finding.
class SharedText {
public:
  SharedText() = default;
  /// A copy of `text`, in one allocation that every copy of this SharedText shares.
  explicit SharedText(std::string_view text);
  // NOLINTBEGIN(google-explicit-constructor): assigned like the std::string it replaces.
  SharedText(const std::string& text) : SharedText(std::string_view(text)) {}
  SharedText(const char* text) : SharedText(std::string_view(text)) {}
  // NOLINTEND(google-explicit-constructor)

  /// Refers to `forever` without copying it: a literal or a rule table's text.
  static SharedText borrow(std::string_view forever) {
    SharedText t;
    t.m_view = forever;
    return t;
  }
  /// `text` borrowed from the table of apiVersions and kinds lint knows when it is one of
  /// them (nearly every finding's object), else a copy of its own.
  static SharedText known(std::string_view text);

  std::string_view view() const { return m_view; }
  // NOLINTNEXTLINE(google-explicit-constructor): reads as the string it is.
  operator std::string_view() const { return m_view; }
  std::string str() const { return std::string(m_view); }
  bool empty() const { return m_view.empty(); }
  std::size_t size() const { return m_view.size(); }
  const char* data() const { return m_view.data(); }

  friend bool operator==(const SharedText& a, const SharedText& b) { return a.m_view == b.m_view; }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.m_view == b; }
  friend bool operator==(const SharedText& a, const std::string& b) { return a.m_view == b; }
  friend bool operator==(const SharedText& a, const char* b) { return a.m_view == b; }
  friend std::strong_ordering operator<=>(const SharedText& a, const SharedText& b) {
    return a.m_view <=> b.m_view;
  }
  friend std::string operator+(std::string a, const SharedText& b) { return a.append(b.m_view); }
  friend std::string operator+(const SharedText& a, std::string_view b) {
    return std::string(a.m_view).append(b);
  }
  friend std::ostream& operator<<(std::ostream& out, const SharedText& t) {
    return out << t.m_view;
  }

private:
  std::shared_ptr<const char[]> m_own; // null when borrowed or empty
  std::string_view m_view;             // into m_own, or borrowed
};

} // namespace isvc::util

template <> struct fmt::formatter<isvc::util::SharedText> : fmt::formatter<std::string_view> {
  template <class Ctx> auto format(const isvc::util::SharedText& t, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(t.view(), ctx);
  }
};
