// SPDX-License-Identifier: Apache-2.0
#include "kserve/keda_auth.hpp"

#include "util/strings.hpp"

#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <vector>

namespace isvc::kserve {

std::optional<std::string> auth_modes_problem(std::string_view modes) {
  constexpr std::array<std::string_view, 6> k_modes = {"apiKey", "basic",  "tls",
                                                       "bearer", "custom", "oauth"};
  constexpr std::array<std::string_view, 3> k_exclusive = {"bearer", "basic", "oauth"};
  std::vector<std::string_view> exclusive;
  std::string_view rest = modes;
  while (true) {
    std::size_t comma = rest.find(',');
    std::string_view item = util::trim(rest.substr(0, comma));
    if (!item.empty()) {
      bool known = false;
      for (auto m : k_modes) {
        known = known || m == item;
      }
      if (!known) {
        return fmt::format("authModes \"{}\": \"{}\" is not one of {}", modes, item,
                           fmt::join(k_modes, ", "));
      }
      for (auto m : k_exclusive) {
        if (m == item) {
          exclusive.push_back(item);
        }
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    rest = rest.substr(comma + 1);
  }
  if (exclusive.size() > 1) {
    return fmt::format("authModes \"{}\" combines {}: KEDA allows only one of bearer, basic and "
                       "oauth (\"must contain only one of [bearer basic oauth]\")",
                       modes, fmt::join(exclusive, " and "));
  }
  return std::nullopt;
}

} // namespace isvc::kserve
