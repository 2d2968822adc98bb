// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {

void report_webhook(const Subject& d, Reporter& r, std::string_view check) {
  if (d.violations == nullptr) {
    return;
  }
  for (const auto& v : *d.violations) {
    if (v.check == check) {
      r.at(v.mark, v.pointer, v.message);
    }
  }
}

} // namespace isvc::validate
