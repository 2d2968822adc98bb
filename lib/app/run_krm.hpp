// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kserve/config.hpp"

#include <istream>
#include <ostream>
#include <string>

namespace isvc::app {

/// Everything `isvc-scale krm` takes, already parsed from flags.
struct KrmRequest {
  /// Legacy kustomize exec plugin: the plugin config file kustomize passes as argv[1]; stdin
  /// and stdout are then plain YAML streams. Empty: a KRM function (ResourceList in and out).
  std::string exec_config;
  kserve::Config kserve;
};

/// Lints and renders the items: items are kept, rendered objects replace the ones an earlier
/// run made (same identity, label app.kubernetes.io/managed-by: isvc-scale) or are appended,
/// so a second run changes nothing. Findings go to `results` (KRM) or stderr (exec plugin).
/// Returns 0, 1 when a finding is an error, 2 for input that is no ResourceList or no YAML.
int run_krm(const KrmRequest& req, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace isvc::app
