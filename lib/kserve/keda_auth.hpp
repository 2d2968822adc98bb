// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isvc::kserve {

/// Why KEDA's prometheus scaler refuses `authModes` (a comma-separated list, elements trimmed,
/// each one of apiKey basic tls bearer custom oauth, at most one of bearer basic oauth:
/// pkg/scalers/authentication Config.Modes), or nullopt if it accepts it.
std::optional<std::string> auth_modes_problem(std::string_view modes);

} // namespace isvc::kserve
