// SPDX-License-Identifier: Apache-2.0
// What the rules ask of a parsed PromQL query (promql/parser.cpp builds the tree).
#include "promql/analyze.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace isvc::promql {
namespace {
const Expr& unparen(const Expr& e) {
  const Expr* cur = &e;
  while (cur->kind == Expr::Kind::paren && !cur->args.empty()) {
    cur = cur->args[0].get();
  }
  return *cur;
}

bool is_scalar(const Expr& e) {
  const Expr& u = unparen(e);
  if (u.kind == Expr::Kind::number) {
    return true;
  }
  if (u.kind == Expr::Kind::call && (u.name == "scalar" || u.name == "time" || u.name == "pi")) {
    return true;
  }
  if (u.kind == Expr::Kind::unary) {
    return is_scalar(*u.args[0]);
  }
  if (u.kind == Expr::Kind::binary) {
    return is_scalar(*u.args[0]) && is_scalar(*u.args[1]);
  }
  return false;
}

// First argument that is a vector (skips numeric parameters).
const Expr* vector_arg(const Expr& call) {
  for (const auto& a : call.args) {
    if (!is_scalar(*a) && a->kind != Expr::Kind::string) {
      return a.get();
    }
  }
  return nullptr;
}

void collect(const Expr& e, std::vector<const Expr*>& out) {
  if (e.kind == Expr::Kind::selector) {
    out.push_back(&e);
    return;
  }
  if (e.kind == Expr::Kind::matrix) {
    out.push_back(&e);
    return;
  }
  for (const auto& a : e.args) {
    collect(*a, out);
  }
}

// Every grouping label is fixed by an equality matcher in every selector of `arg`:
// sum by (model_name) (x{model_name="m"}) still has one series.
bool pinned(const Expr* arg, const std::vector<std::string>& labels) {
  if (arg == nullptr) {
    return false;
  }
  std::vector<const Expr*> sels;
  collect(*arg, sels);
  if (sels.empty()) {
    return false;
  }
  return std::all_of(labels.begin(), labels.end(), [&](const std::string& l) {
    return std::all_of(sels.begin(), sels.end(), [&](const Expr* s) {
      return std::any_of(s->matchers.begin(), s->matchers.end(),
                         [&](const Matcher& m) { return m.label == l && m.op == "="; });
    });
  });
}

bool positive_literal(const Expr& e) {
  const Expr& u = unparen(e);
  return u.kind == Expr::Kind::number && std::strtod(u.name.c_str(), nullptr) > 0;
}

bool guarded(const Expr& divisor) {
  const Expr& d = unparen(divisor);
  if (is_scalar(d)) {
    return true;
  }
  // count() is at least 1 or has no result (then the division has none either, never NaN).
  if (d.kind == Expr::Kind::aggregation && d.name == "count") {
    return true;
  }
  // 1 + x over counters/rates (never negative) cannot be 0.
  if (d.kind == Expr::Kind::binary && d.name == "+" &&
      (positive_literal(*d.args[0]) || positive_literal(*d.args[1]))) {
    return true;
  }
  if (d.kind == Expr::Kind::call && (d.name == "clamp_min" || d.name == "clamp")) {
    return true;
  }
  // x > 0 (filter, no bool) drops zero divisors.
  if (d.kind == Expr::Kind::binary && !d.bool_modifier && (d.name == ">" || d.name == "!=") &&
      is_scalar(*d.args[1])) {
    return true;
  }
  return false;
}

void divisions(const Expr& e, std::vector<std::size_t>& out) {
  if (e.kind == Expr::Kind::binary && e.name == "/" && !guarded(*e.args[1])) {
    out.push_back(e.offset);
  }
  for (const auto& a : e.args) {
    divisions(*a, out);
  }
}

bool mentions(std::string_view value, std::string_view owner) {
  return !owner.empty() && value.find(owner) != std::string_view::npos;
}

// The InferencePool the llm-d-epp preset reads is named after the InferenceService, while the
// owner of a ScaledObject's query is the Deployment <isvc>-predictor (KServe
// PredictorServiceName): inference_pool="<isvc>" names it too.
bool names_pool_of(const Matcher& m, std::string_view owner) {
  constexpr std::string_view k_suffix = "-predictor";
  if (m.label != "inference_pool" || m.op != "=" || owner.size() <= k_suffix.size() ||
      owner.substr(owner.size() - k_suffix.size()) != k_suffix) {
    return false;
  }
  return m.value == owner.substr(0, owner.size() - k_suffix.size());
}

} // namespace

bool returns_single_series(const Expr& e) {
  const Expr& u = unparen(e);
  switch (u.kind) {
  case Expr::Kind::number:
  case Expr::Kind::string:
    return true;
  case Expr::Kind::selector:
  case Expr::Kind::matrix:
  case Expr::Kind::subquery:
    return false;
  case Expr::Kind::aggregation: {
    bool grouped_away = !u.has_grouping || (!u.without && u.grouping.empty()) ||
                        (!u.without && pinned(u.args.back().get(), u.grouping));
    if (u.name == "topk" || u.name == "bottomk" || u.name == "limitk") {
      // topk(1, x) keeps one series (per group).
      const Expr& k = unparen(*u.args[0]);
      return u.args.size() == 2 && k.kind == Expr::Kind::number && k.name == "1" && grouped_away;
    }
    if (u.name == "limit_ratio" || u.name == "count_values") {
      return false;
    }
    return grouped_away;
  }
  case Expr::Kind::call: {
    if (u.name == "scalar" || u.name == "vector" || u.name == "time" || u.name == "pi" ||
        u.name == "absent" || u.name == "absent_over_time") {
      return true;
    }
    if (u.name == "histogram_quantile" && u.args.size() == 2) {
      const Expr& inner = unparen(*u.args[1]);
      const Expr* agg = &inner;
      // rate() etc. may sit outside the aggregation: histogram_quantile(q, rate(sum by (le)(...)))
      while (agg->kind == Expr::Kind::call && !agg->args.empty()) {
        agg = &unparen(*agg->args[0]);
      }
      if (agg->kind == Expr::Kind::aggregation && !agg->without && agg->has_grouping) {
        return agg->grouping.size() == 1 && agg->grouping[0] == "le";
      }
      return false;
    }
    const Expr* v = vector_arg(u);
    return v == nullptr || returns_single_series(*v);
  }
  case Expr::Kind::binary:
    return (is_scalar(*u.args[0]) || returns_single_series(*u.args[0])) &&
           (is_scalar(*u.args[1]) || returns_single_series(*u.args[1]));
  case Expr::Kind::unary:
  case Expr::Kind::paren:
    return returns_single_series(*u.args[0]);
  }
  return false;
}

std::vector<const Expr*> selectors(const Expr& e) {
  std::vector<const Expr*> out;
  collect(e, out);
  return out;
}

bool is_scoped(const Expr& e, std::string_view ns, std::string_view owner, std::string_view model) {
  static constexpr std::array<std::string_view, 4> k_ns_labels = {
      "namespace", "destination_service_namespace", "destination_workload_namespace",
      "exported_namespace"};
  static constexpr std::array<std::string_view, 13> k_owner_labels = {"pod",
                                                                      "deployment",
                                                                      "service",
                                                                      "job",
                                                                      "app",
                                                                      "destination_service_name",
                                                                      "destination_workload",
                                                                      "destination_service",
                                                                      "inference_pool",
                                                                      "route",
                                                                      "envoy_cluster_name",
                                                                      "kserve_component",
                                                                      "server"};
  auto sels = selectors(e);
  if (sels.empty()) {
    return false;
  }
  for (const Expr* s : sels) {
    bool ns_ok = false;
    bool owner_ok = false;
    for (const auto& m : s->matchers) {
      if ((m.op != "=" && m.op != "=~") || m.value.empty() ||
          (m.op == "=~" && (m.value == ".*" || m.value == ".+"))) {
        continue; // model_name="" or =~".*" selects nothing specific
      }
      bool ns_label =
          std::find(k_ns_labels.begin(), k_ns_labels.end(), m.label) != k_ns_labels.end();
      if (ns_label) {
        ns_ok = ns_ok || ns.empty() || m.value == ns || (m.op == "=~" && mentions(m.value, ns));
      }
      if ((m.label == "model_name" || m.label == "model") && (model.empty() || m.value == model)) {
        owner_ok = true;
      }
      owner_ok = owner_ok || names_pool_of(m, owner);
      if (std::find(k_owner_labels.begin(), k_owner_labels.end(), m.label) !=
              k_owner_labels.end() &&
          mentions(m.value, owner)) {
        owner_ok = true;
        // Envoy cluster names embed the namespace: httproute/<ns>/<route>/...
        if (m.label == "envoy_cluster_name" && !ns.empty() &&
            m.value.find("/" + std::string(ns) + "/") != std::string::npos) {
          ns_ok = true;
        }
      }
    }
    if (!ns_ok || !owner_ok) {
      return false;
    }
  }
  return true;
}

std::vector<std::size_t> unguarded_divisions(const Expr& e) {
  std::vector<std::size_t> out;
  divisions(e, out);
  return out;
}

bool is_latency_quantile(const Expr& e) {
  const Expr& u = unparen(e);
  if (u.kind == Expr::Kind::call &&
      (u.name == "histogram_quantile" || u.name == "quantile_over_time")) {
    return true;
  }
  if (u.kind == Expr::Kind::aggregation && !u.args.empty()) {
    return is_latency_quantile(*u.args.back());
  }
  return false;
}

std::string top_aggregation(const Expr& e) {
  const Expr& u = unparen(e);
  return u.kind == Expr::Kind::aggregation ? u.name : std::string();
}

bool reads_only_pod_metrics(const Expr& e, bool epp_queues_at_zero) {
  auto sels = selectors(e);
  if (sels.empty()) {
    return false;
  }
  return std::all_of(sels.begin(), sels.end(), [epp_queues_at_zero](const Expr* s) {
    if (util::starts_with(s->name, "vllm:")) {
      return s->name != "vllm:num_incoming_requests_total"; // lives in the router
    }
    // Before llm-d-router v0.9.0 the EPP reports flow-control series only with a ready backend
    // (llm-d/llm-d #2492); from v0.9.0 its queue holds the requests that wait at zero pods.
    if (epp_queues_at_zero && (s->name == "llm_d_epp_flow_control_queue_size" ||
                               s->name == "inference_extension_flow_control_queue_size")) {
      return false;
    }
    return util::starts_with(s->name, "llm_d_epp_flow_control_") ||
           util::starts_with(s->name, "inference_extension_flow_control_");
  });
}

} // namespace isvc::promql
