// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>
#include <vector>

namespace isvc::check {

/// A finding `isvc-scale check` reports; sorted by id like lib/validate/registry.cpp.
/// Separate from lint's registry: these need a live Prometheus, so lint never runs them.
struct CheckRule {
  std::string_view id;
  std::string_view summary;
};

const std::vector<CheckRule>& rules();

} // namespace isvc::check
