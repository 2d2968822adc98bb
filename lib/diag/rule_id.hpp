// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <fmt/format.h>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace isvc::diag {

/// Every rule id, from the one list (diag/rule_ids.inc), sorted.
inline constexpr std::string_view k_rule_ids[] = {
#define RULE(id, symbol) id,
#include "diag/rule_ids.inc"
#undef RULE
};

/// A rule id that is in the list. A literal is checked at compile time, so no layer can
/// report an id the registry does not hold; text from outside (a config file, a command
/// line) goes through find(). Default-constructed: no rule (a check trigger without finding).
class RuleId {
public:
  constexpr RuleId() = default;
  // NOLINTNEXTLINE(google-explicit-constructor): a literal is the natural spelling at call sites.
  consteval RuleId(const char* id) : m_id(listed(id)) {}

  /// The listed id equal to `text`, if any.
  static std::optional<RuleId> find(std::string_view text);

  constexpr std::string_view view() const { return m_id; }
  std::string str() const { return std::string(m_id); }
  constexpr bool empty() const { return m_id.empty(); }
  // NOLINTNEXTLINE(google-explicit-constructor): reads as the id wherever text is expected.
  constexpr operator std::string_view() const { return m_id; }

  // Against another id, a literal, or any text: exact matches for each, so neither clang nor
  // g++ finds two equally good conversions.
  friend constexpr bool operator==(RuleId a, RuleId b) { return a.m_id == b.m_id; }
  friend constexpr bool operator==(RuleId a, std::string_view b) { return a.m_id == b; }
  friend constexpr bool operator==(RuleId a, const char* b) { return a.m_id == b; }
  friend constexpr std::strong_ordering operator<=>(RuleId a, RuleId b) {
    return a.m_id.compare(b.m_id) <=> 0;
  }
  friend constexpr std::strong_ordering operator<=>(RuleId a, std::string_view b) {
    return a.m_id.compare(b) <=> 0;
  }
  friend std::ostream& operator<<(std::ostream& os, RuleId id) { return os << id.m_id; }

private:
  static consteval std::string_view listed(std::string_view id) {
    for (std::string_view known : k_rule_ids) {
      if (known == id) {
        return known;
      }
    }
    // Not a constant expression: the build fails where an unlisted id is written.
    throw "rule id is not in lib/diag/rule_ids.inc";
  }
  std::string_view m_id;
};

} // namespace isvc::diag

template <> struct fmt::formatter<isvc::diag::RuleId> : fmt::formatter<fmt::string_view> {
  auto format(isvc::diag::RuleId id, fmt::format_context& ctx) const {
    return fmt::formatter<fmt::string_view>::format(
        fmt::string_view(id.view().data(), id.view().size()), ctx);
  }
};
