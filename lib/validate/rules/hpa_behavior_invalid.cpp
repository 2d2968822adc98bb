// SPDX-License-Identifier: Apache-2.0
// spec.behavior as the API server validates it in Go (kubernetes
// pkg/apis/autoscaling/validation validateScalingRules / validateScalingPolicy);
// the OpenAPI schema has none of these bounds or enums, only required fields.
#include "validate/rules/hpa_helpers.hpp"

#include <algorithm>

namespace isvc::validate {
namespace {

using namespace keda;

constexpr std::int64_t k_max_stabilization_window = 3600; // MaxStabilizationWindowSeconds
constexpr std::int64_t k_max_period = 1800;               // MaxPeriodSeconds

void check_policy(const model::Node& p,
                  const std::string& path,
                  const std::string& ptr,
                  Reporter& r) {
  // A missing type/value/periodSeconds is schema-required's finding; only set values here.
  if (const auto* t = p.get("type"); t != nullptr && t->is_scalar()) {
    if (t->value != "Pods" && t->value != "Percent") {
      r.at(t->mark, util::pointer_join(ptr, "type"),
           hpa::not_supported(hpa::child(path, "type"), *t, {"Percent", "Pods"}) +
               "; use Pods (a number of pods) or Percent (of the current replicas)");
    }
  }
  if (const auto* v = p.get("value"); integer(v) && *integer(v) <= 0) {
    r.at(v->mark, util::pointer_join(ptr, "value"),
         hpa::invalid(hpa::child(path, "value"), *v, "must be greater than zero") +
             "; to stop scaling in this direction use selectPolicy: Disabled");
  }
  if (const auto* s = p.get("periodSeconds"); integer(s)) {
    if (*integer(s) <= 0) {
      r.at(s->mark, util::pointer_join(ptr, "periodSeconds"),
           hpa::invalid(hpa::child(path, "periodSeconds"), *s, "must be greater than zero") +
               "; use 1..1800 seconds");
    } else if (*integer(s) > k_max_period) {
      r.at(s->mark, util::pointer_join(ptr, "periodSeconds"),
           hpa::invalid(hpa::child(path, "periodSeconds"), *s,
                        fmt::format("must be less than or equal to {}", k_max_period)) +
               "; use at most 1800 seconds (30 minutes)");
    }
  }
}

void check_rules(const model::Node& rules,
                 const std::string& path,
                 const std::string& ptr,
                 Reporter& r) {
  if (const auto* w = rules.get("stabilizationWindowSeconds"); integer(w)) {
    std::string wp = util::pointer_join(ptr, "stabilizationWindowSeconds");
    std::string field = hpa::child(path, "stabilizationWindowSeconds");
    if (*integer(w) < 0) {
      r.at(w->mark, wp,
           hpa::invalid(field, *w, "must be greater than or equal to zero") +
               "; use 0 (no stabilization) up to 3600 seconds");
    } else if (*integer(w) > k_max_stabilization_window) {
      r.at(w->mark, wp,
           hpa::invalid(
               field, *w,
               fmt::format("must be less than or equal to {}", k_max_stabilization_window)) +
               "; use at most 3600 seconds (one hour)");
    }
  }
  if (const auto* sp = rules.get("selectPolicy");
      sp != nullptr && sp->is_scalar() && !sp->is_null_value()) {
    if (sp->value != "Max" && sp->value != "Min" && sp->value != "Disabled") {
      r.at(sp->mark, util::pointer_join(ptr, "selectPolicy"),
           hpa::not_supported(hpa::child(path, "selectPolicy"), *sp, {"Disabled", "Max", "Min"}) +
               "; the values are case-sensitive");
    }
  }
  const auto* ps = rules.get("policies");
  if (ps == nullptr || !ps->is_seq()) {
    // Absent or null: the defaulter fills in the Kubernetes default policies.
    return;
  }
  std::string pp = hpa::child(path, "policies");
  std::string pptr = util::pointer_join(ptr, "policies");
  if (ps->items.empty()) {
    // Only an explicit [] survives defaulting (copyHPAScalingRules copies non-nil slices).
    r.at(ps->mark, pptr,
         hpa::required(pp, "must specify at least one Policy") +
             "; list a policy, or drop `policies: []` (left out, it gets the default "
             "policies; selectPolicy: Disabled needs no list)");
    return;
  }
  for (std::size_t i = 0; i < ps->items.size(); ++i) {
    if (ps->items[i].is_map()) {
      check_policy(ps->items[i], hpa::index(pp, i), util::pointer_join(pptr, i), r);
    }
  }
}

void check_behavior(const model::Node* behavior, const std::string& path, Reporter& r) {
  if (behavior == nullptr || !behavior->is_map()) {
    return;
  }
  for (const char* side : {"scaleUp", "scaleDown"}) {
    const auto* rules = behavior->get(side);
    if (rules != nullptr && rules->is_map()) {
      std::string ptr = util::pointer_join(path, side);
      std::string dotted = ptr.substr(1);
      std::replace(dotted.begin(), dotted.end(), '/', '.');
      check_rules(*rules, dotted, ptr, r);
    }
  }
}

void check(const Subject& d, Reporter& r) {
  if (hpa::is_v2(d)) {
    check_behavior(at(spec(d), "behavior"), "/spec/behavior", r);
  } else if (is_keda(d, "ScaledObject")) {
    // KEDA copies it verbatim into the HPA it creates, which the API server then rejects.
    check_behavior(at(at(at(spec(d), "advanced"), "horizontalPodAutoscalerConfig"), "behavior"),
                   "/spec/advanced/horizontalPodAutoscalerConfig/behavior", r);
  }
}

} // namespace

extern const Rule k_rule_hpa_behavior_invalid = {
    "hpa-behavior-invalid",
    diag::Severity::error,
    Applies::any,
    "HPA behavior values the API server rejects",
    "The autoscaling/v2 OpenAPI schema only says which behavior fields exist; the API server "
    "checks the values in Go (validateScalingRules, validateScalingPolicy): "
    "stabilizationWindowSeconds in 0..3600, selectPolicy one of Max, Min, Disabled, at least "
    "one policy when `policies` is given (an explicit empty list is not defaulted), and each "
    "policy of type Pods or Percent with value > 0 and periodSeconds in 1..1800. kubectl apply "
    "fails, so the old HPA (or none) stays in place. A ScaledObject's "
    "spec.advanced.horizontalPodAutoscalerConfig.behavior is checked the same way: KEDA copies "
    "it into its HPA, whose creation then fails and the ScaledObject never becomes ready.",
    "Keep stabilizationWindowSeconds in 0..3600 and periodSeconds in 1..1800, use value > 0, "
    "type Pods or Percent and selectPolicy Max, Min or Disabled.",
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  "
    "scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: d\n  maxReplicas: "
    "3\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 7200\n",
    check,
};

} // namespace isvc::validate
