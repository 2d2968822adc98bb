// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prom/client.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace isvc::cli {

/// Binds --prometheus URL and how to reach it (--bearer-token-file, --header, --ca-file,
/// --insecure-skip-tls-verify, --timeout) to `ep`, the same for every command that queries a
/// Prometheus. Returns what to call once flags are parsed: it reads the token file and splits
/// the headers into `ep` (throws util::Error for a bad one).
std::function<void()> add_prometheus_options(CLI::App* sub,
                                             prom::Endpoint& ep,
                                             const std::string& url_help,
                                             bool required);

} // namespace isvc::cli
