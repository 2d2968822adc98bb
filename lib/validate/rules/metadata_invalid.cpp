// SPDX-License-Identifier: Apache-2.0
// The object metadata the API server rejects before any webhook runs, and that no schema
// catches: label keys (apimachinery pkg/apis/meta/v1/validation ValidateLabels ->
// ValidateLabelName -> IsQualifiedName), annotation keys (pkg/api/validation/objectmeta.go
// ValidateAnnotations: IsQualifiedName of the lowercased key) and the annotations' total size
// (ValidateAnnotationsSize: keys plus values over TotalAnnotationSizeLimitB, 256 KiB). The CRD
// schemas' propertyNames pattern on label keys is dropped at build time (valijson reports nothing
// for it, validate/schema_guard.hpp), so this rule is what reports a bad key.
#include "plan/annotation_values.hpp"
#include "util/strings.hpp"
#include "validate/rules/keda_helpers.hpp"
#include "validate/schema.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace isvc::validate {
namespace {

constexpr std::size_t k_annotation_bytes = 256 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// Keys are quoted in the message as kubectl prints them, cut short when huge.
std::string shown(std::string_view key) {
  return key.size() <= 80 ? std::string(key) : std::string(key.substr(0, 77)) + "...";
}

void check_keys(const model::Node& map, std::string_view field, bool case_blind, Reporter& r) {
  for (const auto& [key, mark] : map.keys) {
    auto why = plan::label_key_problem(case_blind ? lower(key) : key);
    if (!why) {
      continue;
    }
    r.at(mark, util::pointer_join(fmt::format("/metadata/{}", field), key),
         fmt::format("metadata.{}: Invalid value: \"{}\": {} key must be a qualified name: {}; "
                     "the API server rejects the object",
                     field, shown(key), field == "labels" ? "a label" : "an annotation", *why));
  }
}

void check(const Subject& d, Reporter& r) {
  if (!Schemas::get().knows(d.type)) {
    return; // only the kinds lint checks
  }
  const auto* meta = keda::metadata(d);
  const auto* labels = keda::at(meta, "labels");
  if (labels != nullptr && labels->is_map()) {
    check_keys(*labels, "labels", false, r);
  }
  const auto* ann = keda::at(meta, "annotations");
  if (ann == nullptr || !ann->is_map()) {
    return;
  }
  check_keys(*ann, "annotations", true, r);
  std::size_t total = 0;
  for (std::size_t i = 0; i < ann->keys.size(); ++i) {
    total += ann->keys[i].first.size() + ann->items[i].value.size();
  }
  if (total > k_annotation_bytes) {
    r.at(meta->key_mark("annotations"), "/metadata/annotations",
         fmt::format("metadata.annotations: Too long: may not be more than {} bytes (keys and "
                     "values add up to {}); the API server rejects the object",
                     k_annotation_bytes, total));
  }
}

} // namespace

extern const Rule k_rule_metadata_invalid = {
    "metadata-invalid",
    diag::Severity::error,
    Applies::any,
    "label or annotation key, or annotations' total size, the API server rejects",
    "The API server validates every object's metadata before admission webhooks and schemas: a "
    "label key and an annotation key must be a qualified name (an optional DNS subdomain prefix "
    "and '/', then at most 63 of A-Z, a-z, 0-9, '-', '_' and '.' beginning and ending with a "
    "letter or digit; annotation keys are compared lowercased), and all annotations together "
    "may hold at most 256 KiB. kubectl apply fails for the whole object.",
    "Rename the key (a prefix such as example.com/ is lowercase), or move large values out of "
    "annotations.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\n  labels:\n    "
    "\"team name\": ml\nspec:\n  scaleTargetRef:\n    name: d\n  minReplicaCount: 1\n  "
    "triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
