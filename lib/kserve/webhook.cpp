// SPDX-License-Identifier: Apache-2.0
#include "kserve/webhook.hpp"

#include "kserve/component_meta.hpp"
#include "util/quantity.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>

namespace isvc::kserve {
namespace {

bool valid_isvc_name(const std::string& s) {
  // ^[a-z]([-a-z0-9]*[a-z0-9])?$
  if (s.empty() || s.front() < 'a' || s.front() > 'z') {
    return false;
  }
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return s.back() != '-';
}

// The mode validateAutoScalingCompExtension and validateCanarySpecs compare with
// "Standard": the stored annotation after the defaulter (legacy names rewritten,
// set from a Standard/ModelMesh ConfigMap default when absent), not
// GetDeploymentMode, so an unknown value such as "foo" takes the Knative branch.
std::string webhook_mode(const model::InferenceService& isvc, const Config& cfg) {
  const auto* a = isvc.annotation(k_deployment_mode);
  if (a != nullptr) {
    std::string known = normalize_deployment_mode(**a);
    return known.empty() ? **a : known;
  }
  std::string dflt = normalize_deployment_mode(cfg.default_deployment_mode);
  return dflt == "Standard" || dflt == "ModelMesh" ? dflt : "";
}

class Checker {
public:
  explicit Checker(std::vector<Violation>& out) : m_out(out) {}

  template <class F> void add(diag::RuleId check, const F& field, std::string message) {
    m_out.push_back(Violation{check, std::move(message), field.mark, field.pointer});
  }
  void add_at(diag::RuleId check, model::Mark mark, std::string pointer, std::string message) {
    m_out.push_back(Violation{check, std::move(message), mark, std::move(pointer)});
  }

private:
  std::vector<Violation>& m_out;
};

// validateScaleTarget(target)
bool check_scale_target(Checker& ck, const model::MetricTarget& t) {
  if (!t.type || t.type->empty()) {
    return true;
  }
  if (*t.type == "Utilization") {
    if (!t.average_utilization) {
      ck.add_at("kserve-keda-target", t.mark, t.pointer,
                "the AverageUtilization type should be set");
      return false;
    }
    if (*t.average_utilization < 1 || *t.average_utilization > 100) {
      ck.add("kserve-utilization-range", t.average_utilization,
             "the target utilization percentage should be a [1-100] integer");
      return false;
    }
  } else if (*t.type == "AverageValue" && !t.average_value) {
    ck.add_at("kserve-keda-target", t.mark, t.pointer, "the AverageValue type should be set");
    return false;
  } else if (*t.type == "Value" && !t.value) {
    ck.add_at("kserve-keda-target", t.mark, t.pointer, "the Value type should be set");
    return false;
  }
  return true;
}

// One Resource metric under KEDA; false: a violation (KServe stops at the first).
bool check_keda_resource(Checker& ck, const model::Metric& m) {
  const auto& r = m.resource;
  if (!r.present) {
    ck.add_at("kserve-keda-metric-source", m.mark, m.pointer,
              "metricSpec.Resource is not set for resource metric source type");
    return false;
  }
  const auto& t = r.target;
  const std::string ttype = t.type ? *t.type : "";
  if (*r.name == "cpu") {
    if (ttype != "Utilization") {
      if (t.type) {
        ck.add("kserve-keda-cpu-utilization", t.type,
               "the cpu target value type should be Utilization");
      } else {
        ck.add_at("kserve-keda-cpu-utilization", t.present ? t.mark : r.mark, t.pointer,
                  "the cpu target value type should be Utilization");
      }
      return false;
    }
  } else if (*r.name == "memory") {
    if (ttype != "AverageValue" && ttype != "Utilization") {
      ck.add_at("kserve-keda-memory-type", t.type ? t.type.mark : (t.present ? t.mark : r.mark),
                t.pointer, "the memory target value type should be AverageValue or Utilization");
      return false;
    }
    if (ttype == "AverageValue") {
      auto v = t.average_value ? util::quantity_value(*t.average_value) : std::optional<double>();
      if (!v || *v < 1024.0 * 1024.0) {
        ck.add_at("kserve-keda-memory-min", t.average_value ? t.average_value.mark : t.mark,
                  t.pointer, "the memory target value should be greater than 1 MiB");
        return false;
      }
    }
  } else {
    ck.add("kserve-keda-metric-source", r.name,
           fmt::format("resource type {} is not supported", *r.name));
    return false;
  }
  return check_scale_target(ck, t);
}

// One External or PodMetric metric under KEDA; false: a violation.
bool check_keda_query_metric(Checker& ck, const model::Metric& m, bool ext) {
  bool present = ext ? m.external.present : m.podmetric.present;
  const auto& query = ext ? m.external.query : m.podmetric.query;
  const auto& t = ext ? m.external.target : m.podmetric.target;
  model::Mark at = ext ? m.external.mark : m.podmetric.mark;
  if (!present) {
    ck.add_at("kserve-keda-metric-source", m.mark, m.pointer,
              ext ? "metricSpec.External is not set for external metric source type"
                  : "metricSpec.PodMetric is not set for pod metric source type");
    return false;
  }
  if (!query || query->empty()) {
    ck.add_at("kserve-empty-query", query.node != nullptr ? query.mark : at, query.pointer,
              "the query should not be empty");
    return false;
  }
  if (!t.value) {
    ck.add_at("kserve-empty-threshold", t.present ? t.mark : at, t.pointer,
              "the target threshold value should not be empty");
    return false;
  }
  return check_scale_target(ck, t);
}

void check_keda(Checker& ck, const model::Component& c) {
  if (c.scale_metric) {
    ck.add("kserve-keda-scalemetric", c.scale_metric, "ScaleMetric is not supported for KEDA");
    return;
  }
  for (const auto& m : c.autoscaling.metrics) {
    const std::string type = m.type ? *m.type : "";
    bool ok = true;
    if (type == "Resource") {
      ok = check_keda_resource(ck, m);
    } else if (type == "External" || type == "PodMetric") {
      ok = check_keda_query_metric(ck, m, type == "External");
    } else {
      ck.add_at("kserve-keda-metric-type", m.type ? m.type.mark : m.mark, m.type.pointer,
                fmt::format("unknown KEDA metric type with value [{}].Valid types are "
                            "Resource,External,PodMetric",
                            type));
      ok = false;
    }
    if (!ok) {
      return;
    }
  }
}

void check_hpa(Checker& ck, const model::Component& c) {
  std::string metric = c.scale_metric ? *c.scale_metric : "cpu";
  if (metric != "cpu" && metric != "memory") {
    ck.add("kserve-hpa-scalemetric", c.scale_metric,
           fmt::format("[{}] is not a supported metric", metric));
    return;
  }
  if (c.scale_target) {
    std::int64_t t = *c.scale_target;
    // Go precedence: (cpu && t < 1) || t > 100, so > 100 applies to memory too.
    if ((metric == "cpu" && t < 1) || t > 100) {
      ck.add("kserve-utilization-range", c.scale_target,
             "the target utilization percentage should be a [1-100] integer");
      return;
    }
    if (metric == "memory" && t < 1) {
      ck.add("kserve-hpa-memory-min", c.scale_target,
             "the target memory should be greater than 1 MiB");
      return;
    }
  }
  for (const auto& m : c.autoscaling.metrics) {
    const std::string type = m.type ? *m.type : "";
    if (type == "Resource") {
      if (!m.resource.present) {
        ck.add_at("kserve-hpa-metric-type", m.mark, m.pointer,
                  "metricSpec.Resource is not set for resource metric source type");
        return;
      }
    } else {
      ck.add_at("kserve-hpa-metric-type", m.type ? m.type.mark : m.mark, m.type.pointer,
                fmt::format("invalid HPA metric source type with value [{}],valid metric source "
                            "types are Resource",
                            type));
      return;
    }
  }
}

// validateScalingKPACompExtension: deploymentStrategy is refused before the metric.
void check_kpa(Checker& ck, const model::InferenceService& isvc, const model::Component& c) {
  const model::Node* spec = isvc.root != nullptr ? isvc.root->get("spec") : nullptr;
  const model::Node* comp = spec != nullptr ? spec->get(model::to_string(c.kind)) : nullptr;
  const model::Node* strategy = comp != nullptr ? comp->get("deploymentStrategy") : nullptr;
  if (strategy != nullptr && !strategy->is_null_value()) {
    ck.add_at("kserve-kpa-deployment-strategy", comp->key_mark("deploymentStrategy"),
              util::pointer_join(c.pointer, "deploymentStrategy"),
              "customizing deploymentStrategy is only supported for raw deployment mode");
    return;
  }
  std::string metric = c.scale_metric ? *c.scale_metric : "concurrency";
  if (metric != "concurrency" && metric != "rps") {
    ck.add("kserve-kpa-scalemetric", c.scale_metric,
           fmt::format("[{}] is not a supported metric", metric));
    return;
  }
  if (metric == "rps" && c.scale_target && *c.scale_target < 1) {
    ck.add("kserve-kpa-rps-target", c.scale_target, "the target for rps should be greater than 1");
  }
}

// ext.Validate(): utils.FirstNonNilError over validateContainerConcurrency,
// validateReplicas (itself first error only; nil minReplicas counts as 1), so
// at most one of these per component.
void check_extension(Checker& ck, const model::Component& c) {
  if (c.container_concurrency && *c.container_concurrency < 0) {
    ck.add("kserve-container-concurrency", c.container_concurrency,
           "parallelism cannot be less than 0");
    return;
  }
  std::int64_t min = c.min_replicas ? *c.min_replicas : 1;
  std::int64_t max = c.max_replicas ? *c.max_replicas : 0;
  if (min < 0) {
    ck.add("kserve-replicas", c.min_replicas, "'MinReplicas' cannot be less than 0");
  } else if (max < 0) {
    ck.add("kserve-replicas", c.max_replicas, "'MaxReplicas' cannot be less than 0");
  } else if (min > max && max != 0) {
    ck.add("kserve-replicas", c.min_replicas ? c.min_replicas : c.max_replicas,
           "'MinReplicas' cannot be greater than MaxReplicas");
  }
}

} // namespace

std::vector<Violation> validate(const model::InferenceService& isvc, const Config& cfg) {
  std::vector<Violation> out;
  Checker ck(out);
  if (isvc.name && !valid_isvc_name(*isvc.name)) {
    ck.add("kserve-name", isvc.name,
           fmt::format("the InferenceService \"{}\" is invalid: a InferenceService name must "
                       "consist of lower case alphanumeric characters or '-', and must start with "
                       "alphabetical character. (e.g. \"my-name\" or \"abc-123\", regex used for "
                       "validation is '{}')",
                       *isvc.name, "[a-z]([-a-z0-9]*[a-z0-9])?")); // IsvcNameFmt
  }
  const auto* cls = isvc.annotation(k_autoscaler_class);
  if (cls != nullptr && **cls != "hpa" && **cls != "external" && **cls != "keda" &&
      **cls != "none") {
    ck.add("kserve-autoscaler-class", *cls,
           fmt::format("[{}] is not a supported autoscaler class type", **cls));
  }
  // validateMultiNodeVariables: a multi-node predictor only runs without an autoscaler.
  const auto& pred = isvc.predictor();
  if (pred.present && pred.has_worker_spec && pred.has_model &&
      (cls == nullptr || **cls != "none")) {
    // The raw annotation value: empty when absent (no "hpa" default here).
    std::string value = cls != nullptr ? **cls : "";
    if (cls != nullptr) {
      ck.add("kserve-multinode-class", *cls,
             fmt::format("the InferenceService \"{}\" is invalid: Multinode only supports 'none' "
                         "autoscaler({})",
                         *isvc.name, value));
    } else {
      ck.add_at(
          "kserve-multinode-class", pred.mark, pred.pointer,
          fmt::format("the InferenceService \"{}\" is invalid: Multinode only supports 'none' "
                      "autoscaler({})",
                      *isvc.name, value));
    }
  }
  std::string mode = webhook_mode(isvc, cfg);
  const auto* knative_class = isvc.annotation("autoscaling.knative.dev/class");
  for (const auto& c : isvc.components) {
    if (!c.present) {
      continue;
    }
    check_extension(ck, c);
    if (mode == "Standard") {
      if (cls != nullptr && **cls == "hpa") {
        check_hpa(ck, c);
      } else if (cls != nullptr && **cls == "keda") {
        check_keda(ck, c);
      }
    } else if (knative_class != nullptr && **knative_class == "hpa.autoscaling.knative.dev") {
      check_hpa(ck, c);
    } else {
      check_kpa(ck, isvc, c);
    }
  }
  // validateCanarySpecs, after the components.
  if (!isvc.canaries.empty()) {
    if (mode != "Standard") {
      ck.add_at("kserve-canary", isvc.canaries.front().mark, isvc.canaries.front().pointer,
                "canary is only supported in Standard deployment mode");
    }
    std::int64_t stable_min = isvc.predictor().min_replicas ? *isvc.predictor().min_replicas : 1;
    for (const auto& c : isvc.canaries) {
      const std::string name = c.name ? *c.name : "";
      for (const auto& [field, mark] : c.forbidden) {
        ck.add_at(
            "kserve-canary", mark, util::pointer_join(c.pointer + "/predictor", field),
            fmt::format("canary \"{}\" must not set {} (canary uses fixed replicas)", name, field));
      }
      if (c.min_replicas && *c.min_replicas > stable_min) {
        ck.add("kserve-canary", c.min_replicas,
               fmt::format("canary \"{}\" minReplicas ({}) must not exceed stable predictor "
                           "minReplicas ({})",
                           name, *c.min_replicas, stable_min));
      }
    }
  }
  return out;
}

std::vector<std::int64_t> canary_replicas(const model::InferenceService& isvc) {
  std::vector<std::int64_t> out;
  std::int64_t stable_min = isvc.predictor().min_replicas ? *isvc.predictor().min_replicas : 1;
  for (const auto& c : isvc.canaries) {
    if (c.min_replicas) {
      out.push_back(*c.min_replicas);
    } else {
      std::int64_t pct = c.traffic_percent ? *c.traffic_percent : 0;
      out.push_back((stable_min * pct + 99) / 100); // ceil(stableMin * percent / 100)
    }
  }
  return out;
}

} // namespace isvc::kserve
