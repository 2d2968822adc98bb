// SPDX-License-Identifier: Apache-2.0
// spec.metrics as the API server validates it in Go (kubernetes
// pkg/apis/autoscaling/validation validateMetricSpec and the per-source
// validators), plus target.type/field disagreements the API server accepts
// but the HPA controller (pkg/controller/podautoscaler/horizontal.go) resolves
// differently from what the YAML says. The OpenAPI schema only has the
// required fields and the quantity pattern.
#include "util/quantity.hpp"
#include "validate/rules/hpa_helpers.hpp"

#include <vector>

namespace isvc::validate {
namespace {

using namespace keda;

struct Source {
  const char* key;  // YAML key of the source block
  const char* type; // spec.metrics[].type naming it
};
// Go's order (object, external, pods, resource, containerResource).
constexpr Source k_sources[] = {{"object", "Object"},
                                {"external", "External"},
                                {"pods", "Pods"},
                                {"resource", "Resource"},
                                {"containerResource", "ContainerResource"}};

bool set(const model::Node* n) { return n != nullptr && !n->is_null_value(); }

struct Where {
  std::string path; // field.Path text: spec.metrics[0].pods
  std::string ptr;  // JSON Pointer
  Where at(std::string_view key) const {
    return {hpa::child(path, key), util::pointer_join(ptr, key)};
  }
};

class Checker {
public:
  explicit Checker(Reporter& r) : m_r(r) {}
  /// Findings so far; the type/field pass runs only on metrics the API server accepts.
  std::size_t count() const { return m_count; }

  void report(model::Mark mark, const std::string& ptr, std::string msg) {
    m_r.at(mark, ptr, std::move(msg));
    ++m_count;
  }
  void report(const model::Node& n, const std::string& ptr, std::string msg) {
    report(n.mark, ptr, std::move(msg));
  }

  // validateMetricIdentifier / ValidateCrossVersionObjectReference name checks.
  void path_segment(const model::Node* n, const Where& w, std::string_view empty_detail) {
    if (n == nullptr || !n->is_scalar()) {
      return; // missing: schema-required
    }
    if (n->value.empty()) {
      report(*n, w.ptr, hpa::required(w.path, empty_detail) + "; give the metric or object a name");
      return;
    }
    if (n->value == "." || n->value == "..") {
      report(*n, w.ptr, hpa::invalid(w.path, *n, fmt::format("may not be '{}'", n->value)));
      return;
    }
    for (const char* bad : {"/", "%"}) {
      if (n->value.find(bad) != std::string::npos) {
        report(*n, w.ptr,
               hpa::invalid(w.path, *n, fmt::format("may not contain '{}'", bad)) +
                   "; the name becomes a path segment of the metrics API URL, put labels in "
                   "metric.selector instead");
      }
    }
  }

  // validateMetricTarget.
  void target_values(const model::Node& t, const Where& w) {
    if (const auto* ty = t.get("type"); ty != nullptr && ty->is_scalar()) {
      if (ty->value.empty()) {
        report(*ty, w.at("type").ptr,
               hpa::required(w.at("type").path, "must specify a metric target type"));
      } else if (ty->value != "Utilization" && ty->value != "Value" &&
                 ty->value != "AverageValue") {
        report(*ty, w.at("type").ptr,
               hpa::invalid(w.at("type").path, *ty,
                            "must be either Utilization, Value, or AverageValue") +
                   " (case-sensitive)");
      }
    }
    for (const char* key : {"value", "averageValue"}) {
      const auto* q = t.get(key);
      if (!set(q) || !q->is_scalar()) {
        continue;
      }
      // Not a Quantity at all is schema-pattern's finding.
      auto v = util::quantity_value(q->value);
      if (v && *v <= 0) {
        // The API server prints the Quantity struct here; the quoted text is what was written.
        report(*q, w.at(key).ptr,
               hpa::invalid(w.at(key).path, *q, "must be positive") +
                   "; a target of zero or below cannot be divided into");
      }
    }
    if (const auto* u = t.get("averageUtilization"); integer(u) && *integer(u) < 1) {
      report(*u, w.at("averageUtilization").ptr,
             hpa::invalid(w.at("averageUtilization").path, *u, "must be greater than 0") +
                 "; averageUtilization is a percentage of the pods' requests, e.g. 80");
    }
  }

private:
  Reporter& m_r;
  std::size_t m_count = 0;
};

// What the controller does with a target whose type names a field that is not set (or
// Utilization outside resource metrics), and the type that matches what it does.
struct Consequence {
  std::string what;
  std::string type;
};

Consequence consequence(std::string_view src, bool value, bool avg) {
  if (src == "Object") {
    // computeStatusForObjectMetric switches on target.type.
    return {"on Object metrics the HPA controller picks the target field by target.type, so "
            "this metric never yields a replica count (the HPA reports ScalingActive False, "
            "FailedGetObjectMetric)",
            value ? "Value" : "AverageValue"};
  }
  if (src == "Pods") {
    return {"the HPA controller ignores target.type on Pods metrics and scales on averageValue",
            "AverageValue"};
  }
  if (src == "External") {
    return {avg ? "the HPA controller ignores target.type on External metrics and scales on "
                  "averageValue (the metric divided by the replicas)"
                : "the HPA controller ignores target.type on External metrics and scales on "
                  "value (the metric as a whole, not per replica)",
            avg ? "AverageValue" : "Value"};
  }
  return {fmt::format("the HPA controller ignores target.type on {} metrics and scales on {}", src,
                      avg ? "averageValue (raw usage per pod)"
                          : "averageUtilization (percent of the pods' requests)"),
          avg ? "AverageValue" : "Utilization"};
}

void check_source(
    Checker& c, std::string_view type, const model::Node& b, const Where& w, Reporter& r) {
  const bool resource = type == "Resource" || type == "ContainerResource";
  if (type == "Object" || type == "External" || type == "Pods") {
    c.path_segment(at(at(&b, "metric"), "name"), w.at("metric").at("name"),
                   "must specify a metric name");
  }
  if (type == "Object") {
    const Where o = w.at("describedObject");
    c.path_segment(at(at(&b, "describedObject"), "kind"), o.at("kind"), "");
    c.path_segment(at(at(&b, "describedObject"), "name"), o.at("name"), "");
  }
  if (resource) {
    if (const auto* n = b.get("name"); n != nullptr && n->is_scalar() && n->value.empty()) {
      c.report(*n, w.at("name").ptr,
               hpa::required(w.at("name").path, "must specify a resource name") +
                   "; use cpu or memory");
    }
  }
  if (type == "ContainerResource") {
    if (const auto* n = b.get("container"); n != nullptr && n->is_scalar() && n->value.empty()) {
      c.report(*n, w.at("container").ptr,
               hpa::required(w.at("container").path, "must specify a container") +
                   "; name the container whose usage counts");
    }
  }
  const auto* t = b.get("target");
  if (t == nullptr || !t->is_map()) {
    return; // schema-required / schema-type
  }
  const Where tw = w.at("target");
  const std::size_t before = c.count();
  c.target_values(*t, tw);
  const bool value = set(t->get("value"));
  const bool avg = set(t->get("averageValue"));
  const bool util = set(t->get("averageUtilization"));
  if (type == "Object" && !value && !avg) {
    c.report(*t, tw.at("averageValue").ptr,
             hpa::required(tw.at("averageValue").path,
                           "must set either a target value or averageValue") +
                 "; set value (type: Value) or averageValue (type: AverageValue)");
  } else if (type == "External" && !value && !avg) {
    c.report(*t, tw.at("averageValue").ptr,
             hpa::required(tw.at("averageValue").path,
                           "must set either a target value for metric or a per-pod target") +
                 "; set value (type: Value) or averageValue (type: AverageValue)");
  } else if (type == "External" && value && avg) {
    c.report(*t->get("value"), tw.at("value").ptr,
             hpa::forbidden(tw.at("value").path,
                            "may not set both a target value for metric and a per-pod target") +
                 "; keep value (type: Value) or averageValue (type: AverageValue)");
  } else if (type == "Pods" && !avg) {
    c.report(
        *t, tw.at("averageValue").ptr,
        hpa::required(tw.at("averageValue").path, "must specify a positive target averageValue") +
            "; Pods metrics take type: AverageValue with averageValue");
  } else if (resource && !util && !avg) {
    c.report(*t, tw.at("averageUtilization").ptr,
             hpa::required(tw.at("averageUtilization").path,
                           "must set either a target raw value or a target utilization") +
                 "; set averageUtilization (type: Utilization) or averageValue (type: "
                 "AverageValue)");
  } else if (resource && util && avg) {
    c.report(*t->get("averageValue"), tw.at("averageValue").ptr,
             hpa::forbidden(tw.at("averageValue").path,
                            "may not set both a target raw value and a target utilization") +
                 "; keep averageUtilization (type: Utilization) or averageValue (type: "
                 "AverageValue)");
  }
  if (c.count() != before) {
    return;
  }
  // Accepted by the API server; does target.type say what the controller will do?
  const auto* ty = t->get("type");
  if (ty == nullptr || !ty->is_scalar()) {
    return;
  }
  const std::string& tt = ty->value;
  bool mismatch = tt == "Utilization" ? !resource || !util
                  : tt == "Value"     ? !value
                                      : tt == "AverageValue" && !avg;
  if (!mismatch) {
    return;
  }
  auto [what, fix] = consequence(type, value, avg);
  std::string said = tt == "Utilization" && !resource
                         ? fmt::format("target.type Utilization is only for Resource and "
                                       "ContainerResource metrics, not {}",
                                       type)
                         : fmt::format("target.type is {} but target.{} is not set", tt,
                                       tt == "Utilization" ? "averageUtilization"
                                       : tt == "Value"     ? "value"
                                                           : "averageValue");
  r.at(ty->mark, tw.at("type").ptr,
       fmt::format("{}: {}; the API server accepts this, but {}", tw.at("type").path, said, what),
       fmt::format("Set target.type: {} to match the field that is set.", fix));
}

void check(const Subject& d, Reporter& r) {
  if (!hpa::is_v2(d)) {
    return;
  }
  const auto* ms = at(spec(d), "metrics");
  if (ms == nullptr || !ms->is_seq()) {
    return;
  }
  Checker c(r);
  for (std::size_t i = 0; i < ms->items.size(); ++i) {
    const auto& m = ms->items[i];
    const Where w{hpa::index("spec.metrics", i), util::pointer_join("/spec/metrics", i)};
    const auto* t = m.get("type");
    if (!m.is_map() || t == nullptr || !t->is_scalar()) {
      continue; // schema-required / schema-type
    }
    if (t->value.empty()) {
      c.report(*t, w.at("type").ptr,
               hpa::required(w.at("type").path, "must specify a metric source type"));
      continue;
    }
    const Source* src = nullptr;
    for (const auto& s : k_sources) {
      if (t->value == s.type) {
        src = &s;
      }
    }
    if (src == nullptr) {
      c.report(*t, w.at("type").ptr,
               hpa::not_supported(w.at("type").path, *t,
                                  {"ContainerResource", "External", "Object", "Pods", "Resource"}) +
                   " (case-sensitive)");
      continue;
    }
    for (const auto& s : k_sources) {
      if (&s != src && set(m.get(s.key))) {
        c.report(m.key_mark(s.key), w.at(s.key).ptr,
                 hpa::forbidden(w.at(s.key).path, "must populate the given metric source only") +
                     fmt::format("; type is {}, remove {}", src->type, s.key));
      }
    }
    const auto* block = m.get(src->key);
    if (!set(block)) {
      c.report(*t, w.at(src->key).ptr,
               hpa::required(w.at(src->key).path,
                             "must populate information for the given metric source") +
                   fmt::format("; add the {}: block", src->key));
      continue;
    }
    // Go validates the first block present in its order; with extra blocks (already
    // reported) this checks the one the type names, the block that stays after the fix.
    if (block->is_map()) {
      check_source(c, src->type, *block, w.at(src->key), r);
    }
  }
}

} // namespace

extern const Rule k_rule_hpa_metric_invalid = {
    "hpa-metric-invalid",
    diag::Severity::error,
    Applies::hpa,
    "HPA metric spec the API server rejects or the controller reads differently",
    "The autoscaling/v2 OpenAPI schema only marks required fields; the API server checks the "
    "rest in Go (validateMetricSpec): a known metric type with exactly its own source block, "
    "metric and object names usable as URL path segments, a known target type, positive "
    "value/averageValue, averageUtilization > 0, and the target fields each source needs "
    "(Pods: averageValue; Object: value or averageValue; External: one of the two; Resource "
    "and ContainerResource: averageUtilization or averageValue, not both). It does not check "
    "that target.type matches the field set: on Object metrics the controller then cannot "
    "compute the metric, and on the others it ignores target.type and scales on whichever "
    "field is set, which for External turns a per-replica target into a total or back.",
    "Give each metric its type's source block only, a positive target and the field its "
    "target.type names (Utilization: averageUtilization, Value: value, AverageValue: "
    "averageValue).",
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  "
    "scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: d\n  maxReplicas: "
    "3\n  metrics:\n  - type: External\n    pods:\n      metric:\n        name: q\n      "
    "target:\n        type: AverageValue\n        averageValue: \"5\"\n",
    check,
};

} // namespace isvc::validate
