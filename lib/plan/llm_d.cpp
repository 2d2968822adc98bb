// SPDX-License-Identifier: Apache-2.0
#include "plan/llm_d.hpp"

#include <regex>

namespace isvc::plan {

std::optional<std::pair<int, int>> llm_d_version(const std::string& text) {
  static const std::regex k_release(R"(v?(\d{1,4})\.(\d{1,4})(\.\d{1,4})?(-[0-9A-Za-z.]+)?)");
  std::smatch m;
  if (!std::regex_match(text, m, k_release)) {
    return std::nullopt;
  }
  return std::make_pair(std::stoi(m[1].str()), std::stoi(m[2].str()));
}

bool epp_queues_at_zero(const std::string& release) {
  auto v = llm_d_version(release);
  return v && *v >= std::make_pair(0, 9);
}

bool epp_queues_at_zero(const model::Extensions& ext) {
  return ext.llm_d_version && epp_queues_at_zero(*ext.llm_d_version);
}

bool activates_with_epp(const promql::Preset& p) { return p.name == k_epp_preset; }

const char* const k_epp_too_old =
    "activation preset \"llm-d-epp\" needs isvc-scale.io/llm-d-version v0.9.0 or later: older "
    "llm-d EPPs report the flow-control queue only while a backend is ready, so at zero pods "
    "KEDA reads nothing and the service never wakes";
const char* const k_epp_too_old_fix =
    "Set isvc-scale.io/llm-d-version to the llm-d-router release (v0.9.0 or later, flowControl "
    "feature gate on), or use isvc-scale.io/activation-preset istio or vllm-router.";

} // namespace isvc::plan
