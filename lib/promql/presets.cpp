// SPDX-License-Identifier: Apache-2.0
#include "promql/presets.hpp"

#include "parse/yaml_loader.hpp"
#include "promql/analyze.hpp"
#include "promql/shape.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <set>

namespace isvc::embedded {
extern const std::pair<std::string_view, std::string_view> k_preset_files[];
extern const std::size_t k_preset_files_count;
} // namespace isvc::embedded

namespace isvc::promql {
namespace {

std::string field(const model::Node& root, const char* key) {
  const auto* n = root.get(key);
  return n != nullptr && n->is_scalar() ? n->value : std::string();
}

std::vector<Preset> load() {
  std::vector<Preset> out;
  for (std::size_t i = 0; i < embedded::k_preset_files_count; ++i) {
    const auto& [path, text] = embedded::k_preset_files[i];
    diag::Sink sink;
    auto file = parse::load_yaml(std::string(path), std::string(text), sink);
    // A broken template is a build defect, caught by the preset tests.
    if (!sink.items().empty() || file.docs.empty()) {
      throw Error("invalid preset template " + std::string(path));
    }
    const auto& root = file.docs.front().root;
    Preset p{field(root, "name"),       field(root, "role"),      field(root, "summary"),
             field(root, "metricType"), field(root, "threshold"), field(root, "query"),
             field(root, "notes"),      field(root, "withdrawn"), {},
             field(root, "window")};
    if (const auto* labels = root.get("labels"); labels != nullptr && labels->is_seq()) {
      for (const auto& l : labels->items) {
        p.labels.push_back(l.value);
      }
    }
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const Preset& a, const Preset& b) { return a.name < b.name; });
  return out;
}

// Inside a PromQL double-quoted string only \ and " need escaping.
std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

void replace_all(std::string& s, std::string_view from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// The preset's window, or k_min_scrapes_per_window scrape intervals if that is longer.
std::string window_for(const std::string& dflt, double scrape_seconds) {
  double need = scrape_seconds * k_min_scrapes_per_window;
  auto have = duration_seconds(dflt);
  if (!have || need <= *have) {
    return dflt;
  }
  auto whole = static_cast<long long>(need);
  return whole == need ? std::to_string(whole) + "s"
                       : std::to_string(static_cast<long long>(need * 1000)) + "ms";
}

} // namespace

const std::vector<Preset>& presets() {
  static const std::vector<Preset> k_presets = load();
  return k_presets;
}

const Preset* find_preset(std::string_view name) {
  for (const auto& p : presets()) {
    if (p.name == name) {
      return &p;
    }
  }
  return nullptr;
}

namespace {

// Metric names read by the activation presets, collected once from the templates themselves.
const std::set<std::string>& activation_metrics() {
  static const std::set<std::string> k_names = [] {
    std::set<std::string> names;
    for (const auto& p : presets()) {
      if (p.role != "activation") {
        continue;
      }
      auto parsed = parse(expand(p, PresetVars{"ns", "isvc", "isvc-predictor", "model", "0"}));
      if (parsed.expr) {
        for (const Expr* s : selectors(*parsed.expr)) {
          names.insert(s->name);
        }
      }
    }
    return names;
  }();
  return k_names;
}

} // namespace

bool wakes_from_zero(std::string_view query) {
  auto parsed = parse(query);
  if (!parsed.expr || is_latency_quantile(*parsed.expr)) {
    return false;
  }
  const auto& known = activation_metrics();
  auto sels = selectors(*parsed.expr);
  return std::any_of(sels.begin(), sels.end(),
                     [&](const Expr* s) { return known.count(s->name) != 0; });
}

std::vector<std::string_view> preset_names() {
  std::vector<std::string_view> out;
  for (const auto& p : presets()) {
    out.push_back(p.name);
  }
  return out;
}

std::string expand(const Preset& p, const PresetVars& vars) {
  std::string q = p.query;
  replace_all(q, "{{namespace}}", escape(vars.ns));
  replace_all(q, "{{isvc}}", escape(vars.isvc));
  replace_all(q, "{{component}}", escape(vars.component));
  replace_all(q, "{{model}}", escape(vars.model));
  // Pods of a KServe Standard Deployment are <component>-<hash>-<hash>; PodMonitor targets
  // carry `pod` (prometheus-operator pkg/prometheus/promcfg.go:1611-1612 relabels
  // __meta_kubernetes_pod_name to pod).
  replace_all(q, "{{engine_match}}",
              vars.engine_model.empty() ? "pod=~\"" + escape(vars.component) + "-.*\""
                                        : "model_name=\"" + escape(vars.engine_model) + "\"");
  replace_all(q, "{{threshold}}", vars.threshold);
  replace_all(q, "{{window}}", window_for(p.window, vars.scrape_seconds));
  return q;
}

bool uses_engine_match(const Preset& p) {
  return p.query.find("{{engine_match}}") != std::string::npos;
}

std::string activation_query(const std::string& query, const std::string& threshold) {
  // Judged on the tree, not the text: `sum(rate(x[1m]) > bool 0)` holds "> bool" yet counts
  // the series above 0 (seed 003), so it is compared again to read 0/1.
  auto parsed = parse(query);
  if (parsed.expr && is_zero_one(*parsed.expr)) {
    return query;
  }
  if (parsed.expr && returns_single_series(*parsed.expr)) {
    return "(" + query + ") > bool " + threshold;
  }
  return "sum(" + query + ") > bool " + threshold;
}

} // namespace isvc::promql
