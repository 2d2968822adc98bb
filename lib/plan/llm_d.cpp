// SPDX-License-Identifier: Apache-2.0
#include "plan/llm_d.hpp"

#include <cctype>
#include <string_view>

namespace isvc::plan {
namespace {

// Reads 1-4 digits at `at`; -1 when there are none. A scan instead of std::regex: the
// annotation value is user text of any length, and libstdc++'s regex executor recurses
// once per character (a 200 KB pre-release suffix overflowed the stack).
int digits(std::string_view s, std::size_t& at) {
  std::size_t start = at;
  int n = 0;
  while (at < s.size() && at - start < 4 && std::isdigit(static_cast<unsigned char>(s[at]))) {
    n = n * 10 + (s[at++] - '0');
  }
  bool more = at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]));
  return at == start || more ? -1 : n;
}

bool prerelease(std::string_view s) {
  return s.size() > 1 && s[0] == '-' &&
         s.substr(1).find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
                                       "wxyz.") == std::string_view::npos;
}

} // namespace

// v?MAJOR.MINOR[.PATCH][-PRERELEASE], each number 1-4 digits, the suffix [0-9A-Za-z.]+.
std::optional<std::pair<int, int>> llm_d_version(const std::string& text) {
  std::string_view s(text);
  std::size_t at = !s.empty() && s[0] == 'v' ? 1 : 0;
  int major = digits(s, at);
  if (major < 0 || at >= s.size() || s[at++] != '.') {
    return std::nullopt;
  }
  int minor = digits(s, at);
  if (minor < 0) {
    return std::nullopt;
  }
  if (at < s.size() && s[at] == '.' && digits(s, ++at) < 0) {
    return std::nullopt;
  }
  if (at < s.size() && !prerelease(s.substr(at))) {
    return std::nullopt;
  }
  return std::make_pair(major, minor);
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
