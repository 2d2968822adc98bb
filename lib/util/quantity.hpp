// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isvc::util {

/// Value of a Kubernetes resource.Quantity ("256Mi", "500m", "1e3"); nullopt
/// if it does not match the Quantity grammar.
std::optional<double> quantity_value(std::string_view text);

/// The canonical text Kubernetes serialises a Quantity with ("1024Mi" ->
/// "1Gi", "0.5" -> "500m", "1000" -> "1k"); nullopt if not a Quantity.
std::optional<std::string> canonical_quantity(std::string_view text);

} // namespace isvc::util
