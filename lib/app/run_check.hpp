// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prom/client.hpp"
#include "render/render.hpp"

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace isvc::app {

/// Everything `isvc-scale check` takes, already parsed from flags.
struct CheckRequest {
  std::vector<std::string> paths;
  prom::Endpoint endpoint;
  /// Evaluation time for every query (RFC 3339 or Unix seconds); "" = the server's now.
  std::string at;
  /// Replicas running now; unset = each object's minimum (where it rests).
  std::optional<int> replicas;
  render::Options options;
  bool json = false;
  /// What findings call the input read from `-` (--stdin-filename).
  std::string stdin_name = "<stdin>";
};

/// Renders every InferenceService (--mode external), takes ScaledObjects and HPAs given
/// as input as they are, evaluates each Prometheus trigger against the server and writes
/// the report to `out`. Returns 0 clean, 1 findings (or render refusals), 2 unreadable or
/// unparsable input.
int run_check(const CheckRequest& req, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace isvc::app
