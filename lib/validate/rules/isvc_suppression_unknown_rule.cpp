// SPDX-License-Identifier: Apache-2.0
// ignore-check.isvc-scale.io/<rule> annotations that suppress nothing: a misspelt id silently
// leaves the finding in place (or, worse, the author believes it is handled).
#include "util/spellcheck.hpp"
#include "util/strings.hpp"
#include "validate/rule.hpp"

#include <fmt/format.h>
#include <string>
#include <vector>

namespace isvc::validate {
namespace {

constexpr std::string_view k_prefix = "ignore-check.isvc-scale.io/";

void check(const Subject& d, Reporter& r) {
  const auto* meta = d.root().get("metadata");
  const auto* ann = meta != nullptr ? meta->get("annotations") : nullptr;
  if (ann == nullptr || !ann->is_map()) {
    return;
  }
  for (std::size_t i = 0; i < ann->keys.size(); ++i) {
    const auto& [key, mark] = ann->keys[i];
    if (!util::starts_with(key, k_prefix)) {
      continue;
    }
    std::string id = key.substr(k_prefix.size());
    std::string ptr = util::pointer_join("/metadata/annotations", key);
    if (id != "all" && find_rule(id) == nullptr) {
      std::vector<std::string_view> ids;
      for (const Rule* rule : rules()) {
        ids.push_back(rule->id);
      }
      r.at(mark, ptr,
           fmt::format("{} names no rule{}, so it suppresses nothing", key,
                       util::did_you_mean(id, ids)));
      continue;
    }
    const auto& value = ann->items[i];
    if (value.is_scalar() && util::trim(value.value).empty()) {
      r.at(mark, ptr,
           fmt::format("{} has no reason: say why the finding does not apply, so the next reader "
                       "can tell a judgement from a silenced mistake",
                       key));
    }
  }
}

} // namespace

extern const Rule k_rule_isvc_suppression_unknown_rule = {
    "isvc-suppression-unknown-rule",
    diag::Severity::warning,
    Applies::any,
    "suppression annotation that names no rule, or gives no reason",
    "ignore-check.isvc-scale.io/<rule>: \"<reason>\" silences one rule on one object. A misspelt "
    "rule id matches nothing, so the finding it was meant to silence stays (or was never "
    "reported) while the annotation suggests it was reviewed; an empty reason hides why. "
    "`all` silences every rule on the object.",
    "Use a rule id from `isvc-scale rules list` (the message names the closest) and write the "
    "reason as the value.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\n  annotations:\n    "
    "ignore-check.isvc-scale.io/keda-name-to-long: \"generated name\"\nspec:\n  scaleTargetRef:\n"
    "    name: d\n  minReplicaCount: 1\n  triggers:\n  - type: cpu\n    metricType: "
    "Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
