// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"
#include "validate/rules/query_sites.hpp"

#include <array>
#include <fmt/format.h>

namespace isvc::validate {
namespace {

struct Rename {
  std::string_view old_name;
  std::string_view new_name;
  std::string_view history;
};

// vLLM's policy: deprecated in X.Y, hidden in X.Y+1, removed in X.Y+2.
constexpr std::array<Rename, 4> k_renames = {{
    {"vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc",
     "deprecated in vLLM 0.10, hidden in 0.11, since removed"},
    {"vllm:time_per_output_token_seconds", "vllm:inter_token_latency_seconds",
     "deprecated in vLLM 0.11, hidden in 0.12, removed in 0.13"},
    {"vllm:gpu_prefix_cache_queries", "vllm:prefix_cache_queries",
     "deprecated with the KV-cache rename, since removed"},
    {"vllm:gpu_prefix_cache_hits", "vllm:prefix_cache_hits",
     "deprecated with the KV-cache rename, since removed"},
}};

void check(const Document& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    for (const auto& rn : k_renames) {
      // Match whole names (histogram suffixes _bucket/_sum/_count included).
      for (std::size_t pos = s.text.find(rn.old_name); pos != std::string::npos;
           pos = s.text.find(rn.old_name, pos + 1)) {
        std::size_t end = pos + rn.old_name.size();
        char next = end < s.text.size() ? s.text[end] : ' ';
        if (std::isalnum(static_cast<unsigned char>(next)) ||
            (next == '_' && s.text.compare(end, 7, "_bucket") != 0 &&
             s.text.compare(end, 4, "_sum") != 0 && s.text.compare(end, 6, "_count") != 0)) {
          continue;
        }
        auto& f = r.at(
            s.at(pos), s.pointer,
            fmt::format("{} was renamed to {} ({}): on current vLLM the query returns nothing and "
                        "KEDA reads 0",
                        rn.old_name, rn.new_name, rn.history),
            fmt::format("Use {}.", rn.new_name));
        if (!s.preset) {
          f.edit = diag::Edit::replace(s.mark, std::string(rn.old_name), std::string(rn.new_name));
        }
      }
    }
  }
  if (d.isvc == nullptr) {
    return;
  }
  for (const auto& c : d.isvc->components) {
    for (const auto& m : c.autoscaling.metrics) {
      for (const auto& n : m.podmetric.metric_names) {
        for (const auto& rn : k_renames) {
          if (*n == rn.old_name) {
            r.at(n, fmt::format("{} was renamed to {} ({})", rn.old_name, rn.new_name, rn.history),
                 fmt::format("Use {}.", rn.new_name))
                .edit = diag::Edit::replace(n.mark, *n, std::string(rn.new_name));
          }
        }
      }
    }
  }
}

} // namespace

extern const Rule k_rule_vllm_metric_renamed = {
    "vllm-metric-renamed",
    diag::Severity::warning,
    Applies::any,
    "vLLM metric that was renamed and later removed",
    "vLLM renamed vllm:gpu_cache_usage_perc to vllm:kv_cache_usage_perc and "
    "vllm:time_per_output_token_seconds to vllm:inter_token_latency_seconds; after the hiding "
    "release the old series are gone, the query returns an empty result and KEDA treats it as 0, "
    "so the trigger silently stops scaling.",
    "Use the new metric name (vllm:kv_cache_usage_perc, vllm:inter_token_latency_seconds).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metricType: Value\n"
    "    metadata:\n      serverAddress: http://p:9090\n"
    "      query: avg(vllm:gpu_cache_usage_perc)\n      threshold: \"0.8\"\n",
    check,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
