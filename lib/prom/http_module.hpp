// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prom/client.hpp"

#include <string>
#include <utility>
#include <vector>

namespace isvc::prom {

/// The entry point of isvc-scale-http.so (lib/prom/http_module.cpp), same contract as
/// api_get (prom/http.hpp). Both sides are built from this tree with one compiler and one
/// libstdc++, so the C++ types cross the boundary as they are.
using ApiGetFn = bool (*)(const Endpoint& ep,
                          const std::string& path,
                          const std::vector<std::pair<std::string, std::string>>& query,
                          std::string& body,
                          std::string& error);

/// The module's file name and its exported symbol.
inline constexpr const char* k_http_module = "isvc-scale-http.so";
inline constexpr const char* k_http_symbol = "isvc_prom_api_get";

bool module_api_get(const Endpoint& ep,
                    const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& query,
                    std::string& body,
                    std::string& error);

} // namespace isvc::prom
