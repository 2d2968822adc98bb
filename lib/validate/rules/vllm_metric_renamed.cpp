// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"
#include "validate/rules/query_sites.hpp"

#include <array>
#include <cctype>
#include <fmt/format.h>
#include <vector>

namespace isvc::validate {
namespace {

struct Rename {
  std::string_view old_name;
  std::string_view new_name;
  std::string_view history;
  /// A prometheus_client Counter: the exposition, and so Prometheus, has it as <name>_total.
  bool counter = false;
};

// vLLM's policy: deprecated in X.Y, hidden in X.Y+1, removed in X.Y+2. Sources: vllm
// vllm/v1/metrics/loggers.py:209-236 (0.9 "Deprecated in 0.9 - Renamed as ...": the gauge
// gpu_cache_usage_perc and the counters gpu_prefix_cache_queries/_hits).
constexpr std::array<Rename, 4> k_renames = {{
    {"vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc",
     "deprecated in vLLM 0.10, hidden in 0.11, since removed", false},
    {"vllm:time_per_output_token_seconds", "vllm:inter_token_latency_seconds",
     "deprecated in vLLM 0.11, hidden in 0.12, removed in 0.13", false},
    {"vllm:gpu_prefix_cache_queries", "vllm:prefix_cache_queries",
     "deprecated with the KV-cache rename, since removed", true},
    {"vllm:gpu_prefix_cache_hits", "vllm:prefix_cache_hits",
     "deprecated with the KV-cache rename, since removed", true},
}};

// vLLM's counters as its source names them (vllm/v1/metrics/loggers.py:252, 260, 271, 278, 286,
// 295). prometheus_client drops a trailing _total from a Counter's name and adds it back to
// the series it exposes (vllm docs/design/metrics.md, "Metric Naming" 3), so Prometheus
// stores vllm:prompt_tokens_total and a query on vllm:prompt_tokens returns nothing.
constexpr std::array<std::string_view, 6> k_counters = {
    "vllm:prefix_cache_queries", "vllm:prefix_cache_hits", "vllm:num_preemptions",
    "vllm:prompt_tokens",        "vllm:generation_tokens", "vllm:request_success",
};

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}

// Offsets of `name` in `text` as a whole metric name, followed by nothing or one of
// `suffixes` (each "" or starting with '_').
template <std::size_t N>
std::vector<std::size_t> occurrences(const std::string& text,
                                     std::string_view name,
                                     const std::array<std::string_view, N>& suffixes) {
  std::vector<std::size_t> out;
  for (std::size_t pos = text.find(name); pos != std::string::npos;
       pos = text.find(name, pos + 1)) {
    if (pos > 0 && name_char(text[pos - 1])) {
      continue;
    }
    std::size_t end = pos + name.size();
    for (auto suffix : suffixes) {
      std::size_t stop = end + suffix.size();
      if (text.compare(end, suffix.size(), suffix) == 0 &&
          (stop >= text.size() || !name_char(text[stop]))) {
        out.push_back(pos);
        break;
      }
    }
  }
  return out;
}

constexpr std::array<std::string_view, 4> k_histogram_suffixes = {"", "_bucket", "_sum", "_count"};
constexpr std::array<std::string_view, 2> k_counter_suffixes = {"_total", "_created"};
constexpr std::array<std::string_view, 1> k_bare = {""};

void renamed(const QuerySite& s, Reporter& r) {
  for (const auto& rn : k_renames) {
    auto at = rn.counter ? occurrences(s.text, rn.old_name, k_counter_suffixes)
                         : occurrences(s.text, rn.old_name, k_histogram_suffixes);
    if (rn.counter) { // the bare source name too (the _total check below would send it here)
      auto bare = occurrences(s.text, rn.old_name, k_bare);
      at.insert(at.end(), bare.begin(), bare.end());
    }
    for (std::size_t pos : at) {
      std::string stored = std::string(rn.new_name) + (rn.counter ? "_total" : "");
      auto& f = r.at(
          s.at(pos), s.pointer,
          fmt::format("{} was renamed to {} ({}): on current vLLM the query returns nothing and "
                      "KEDA reads 0",
                      rn.old_name, rn.new_name, rn.history),
          fmt::format("Use {}.", stored));
      bool bare = s.text.compare(pos + rn.old_name.size(), 6, "_total") != 0;
      if (!s.preset && !(rn.counter && bare)) {
        f.edit = diag::Edit::replace(s.mark, std::string(rn.old_name), std::string(rn.new_name));
      }
    }
  }
}

void counter_without_total(const QuerySite& s, Reporter& r) {
  for (auto name : k_counters) {
    std::string stored = std::string(name) + "_total";
    auto at = occurrences(s.text, name, k_bare);
    for (std::size_t pos : at) {
      auto& f = r.at(s.at(pos), s.pointer,
                     fmt::format("{} is a counter: Prometheus stores it as {} (the exposition "
                                 "adds _total), so the query returns nothing and KEDA reads 0",
                                 name, stored),
                     fmt::format("Use {}.", stored));
      // Every occurrence becomes _total; only safe when none has it already.
      if (!s.preset && s.text.find(stored) == std::string::npos) {
        f.edit = diag::Edit::replace(s.mark, std::string(name), stored);
      }
    }
  }
}

void check(const Subject& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    renamed(s, r);
    counter_without_total(s, r);
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
    "vLLM metric that was renamed and later removed, or a counter without _total",
    "vLLM renamed vllm:gpu_cache_usage_perc to vllm:kv_cache_usage_perc, "
    "vllm:time_per_output_token_seconds to vllm:inter_token_latency_seconds and "
    "vllm:gpu_prefix_cache_queries/_hits (stored as ..._total) to vllm:prefix_cache_queries/_hits; "
    "after the hiding release the old series are gone. vLLM's counters (vllm:prompt_tokens, "
    "vllm:generation_tokens, vllm:request_success, ...) are stored by Prometheus with _total. "
    "Either way the query returns an empty result and KEDA treats it as 0, so the trigger "
    "silently stops scaling.",
    "Use the new metric name (vllm:kv_cache_usage_perc, vllm:inter_token_latency_seconds, "
    "vllm:prefix_cache_queries_total) and counters with _total (vllm:prompt_tokens_total).",
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
