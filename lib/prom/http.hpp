// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prom/client.hpp"

#include <string>
#include <utility>
#include <vector>

namespace isvc::prom {

/// GET `path` (e.g. /api/v1/query) under the endpoint's URL with the endpoint's headers,
/// token, TLS settings and timeout. Returns false with `error` set when there is no API
/// answer (unreachable, not http(s), a status other than 200/400/422).
bool api_get(const Endpoint& ep,
             const std::string& path,
             const std::vector<std::pair<std::string, std::string>>& query,
             std::string& body,
             std::string& error);

} // namespace isvc::prom
