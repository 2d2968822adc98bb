// SPDX-License-Identifier: Apache-2.0
#include "diag/rule_id.hpp"

#include <algorithm>
#include <iterator>

namespace isvc::diag {

static_assert(std::is_sorted(std::begin(k_rule_ids), std::end(k_rule_ids)) &&
                  std::adjacent_find(std::begin(k_rule_ids), std::end(k_rule_ids)) ==
                      std::end(k_rule_ids),
              "lib/diag/rule_ids.inc must be sorted and without repeats");

std::optional<RuleId> RuleId::find(std::string_view text) {
  const auto* it = std::lower_bound(std::begin(k_rule_ids), std::end(k_rule_ids), text);
  if (it == std::end(k_rule_ids) || *it != text) {
    return std::nullopt;
  }
  RuleId id;
  id.m_id = *it;
  return id;
}

} // namespace isvc::diag
