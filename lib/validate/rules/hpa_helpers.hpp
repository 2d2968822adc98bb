// SPDX-License-Identifier: Apache-2.0
// Kubernetes field-error texts for hand-written HPAs: the API server reports
// `<path>: <Type>[: <value>][: <detail>]` (apimachinery field.Error), and the
// rules quote that form so a finding reads like the `kubectl apply` failure.
#pragma once

#include "util/strings.hpp"
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <initializer_list>
#include <string>
#include <string_view>

namespace isvc::validate::hpa {

/// True for an autoscaling/v2 HorizontalPodAutoscaler (behavior and metric specs are v2 only).
inline bool is_v2(const Subject& d) {
  return d.type.kind == "HorizontalPodAutoscaler" && d.type.api_version == "autoscaling/v2";
}

/// The value as the API server prints it: numbers bare, strings Go-%q quoted.
inline std::string bad_value(const model::Node& n) {
  if (!n.quoted && keda::integer(&n)) {
    return n.value;
  }
  return fmt::format("\"{}\"", n.value);
}

/// field.Invalid: `<path>: Invalid value: <value>: <detail>`.
inline std::string invalid(std::string_view path, const model::Node& n, std::string_view detail) {
  return fmt::format("{}: Invalid value: {}: {}", path, bad_value(n), detail);
}
/// field.Required: `<path>: Required value[: <detail>]`.
inline std::string required(std::string_view path, std::string_view detail) {
  return detail.empty() ? fmt::format("{}: Required value", path)
                        : fmt::format("{}: Required value: {}", path, detail);
}
/// field.Forbidden: `<path>: Forbidden: <detail>`.
inline std::string forbidden(std::string_view path, std::string_view detail) {
  return fmt::format("{}: Forbidden: {}", path, detail);
}
/// field.NotSupported: `<path>: Unsupported value: "<v>": supported values: "a", "b"`.
inline std::string not_supported(std::string_view path,
                                 const model::Node& n,
                                 std::initializer_list<std::string_view> allowed) {
  std::string list;
  for (auto a : allowed) {
    list += list.empty() ? "" : ", ";
    list += fmt::format("\"{}\"", a);
  }
  return fmt::format("{}: Unsupported value: \"{}\": supported values: {}", path, n.value, list);
}

/// Dotted path with indexes, as field.Path prints it: spec.metrics[0].pods.
inline std::string index(std::string_view path, std::size_t i) {
  return fmt::format("{}[{}]", path, i);
}
inline std::string child(std::string_view path, std::string_view key) {
  return fmt::format("{}.{}", path, key);
}

} // namespace isvc::validate::hpa
