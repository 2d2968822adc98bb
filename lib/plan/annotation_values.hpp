// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isvc::plan {

/// prometheus-operator's Duration (PodMonitor endpoints[].interval), non-empty.
bool prometheus_duration(std::string_view s);

/// A Kubernetes label name / value: at most 63 of [A-Za-z0-9._-], alphanumeric at both ends.
bool label_name(std::string_view s);

/// Why `key` is not a Kubernetes label key, or nullopt.
std::optional<std::string> label_key_problem(std::string_view key);

/// Labels every rendered object carries (render::managed_labels), not settable by annotation.
bool managed_label(std::string_view key);

} // namespace isvc::plan
