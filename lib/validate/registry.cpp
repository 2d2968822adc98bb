// SPDX-License-Identifier: Apache-2.0
// The rule table, built from the one list of ids (diag/rule_ids.inc), sorted by id (ninja's
// kTools idea). A rule is one file under rules/ plus one row in that list; no static
// self-registration, and no id can be reported that has no row here.
#include "validate/rule.hpp"

namespace isvc::validate {

#define RULE(id, symbol) extern const Rule k_rule_##symbol;
#include "diag/rule_ids.inc"
#undef RULE

const std::vector<const Rule*>& rules() {
  static const std::vector<const Rule*> k_rules = {
#define RULE(id, symbol) &k_rule_##symbol,
#include "diag/rule_ids.inc"
#undef RULE
  };
  return k_rules;
}

} // namespace isvc::validate
