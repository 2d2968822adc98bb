// SPDX-License-Identifier: Apache-2.0
// Reads the autoscaler `render` produced, not a re-interpretation of the InferenceService.
#include "simulate/scaler.hpp"
#include "util/quantity.hpp"

#include <cctype>
#include <fmt/format.h>

namespace isvc::simulate {
namespace {

using Doc = emit::Doc;

const Doc* at(const Doc& d, const char* key) {
  if (!d.is_object()) {
    return nullptr;
  }
  auto it = d.find(key);
  return it == d.end() ? nullptr : &*it;
}

// Integers render as numbers; KEDA metadata values as strings ("5", "0.75", "1Gi").
double number(const Doc* d, double fallback) {
  if (d == nullptr) {
    return fallback;
  }
  if (d->is_number()) {
    return d->get<double>();
  }
  if (d->is_string()) {
    if (auto v = util::quantity_value(d->get<std::string>())) {
      return *v;
    }
  }
  return fallback;
}

// Go's strconv.ParseBool spellings of false.
bool go_false(const std::string& v) {
  return v == "0" || v == "f" || v == "F" || v == "false" || v == "False" || v == "FALSE";
}

Target target_of(const std::string& t) {
  if (t == "Value") {
    return Target::value;
  }
  return t == "Utilization" ? Target::utilization : Target::average_value;
}

Rules rules_from(const Doc* d, Rules rules) {
  if (d == nullptr) {
    return rules;
  }
  rules.window = static_cast<int>(number(at(*d, "stabilizationWindowSeconds"), rules.window));
  if (const Doc* s = at(*d, "selectPolicy"); s != nullptr && s->is_string()) {
    auto v = s->get<std::string>();
    rules.select = v == "Min"        ? Rules::Select::min
                   : v == "Disabled" ? Rules::Select::disabled
                                     : Rules::Select::max;
  }
  if (const Doc* ps = at(*d, "policies"); ps != nullptr && ps->is_array() && !ps->empty()) {
    rules.policies.clear();
    for (const auto& p : *ps) {
      const Doc* type = at(p, "type");
      rules.policies.push_back(
          Policy{type == nullptr || !type->is_string() || type->get<std::string>() == "Pods",
                 static_cast<int>(number(at(p, "value"), 0)),
                 static_cast<int>(number(at(p, "periodSeconds"), 15))});
    }
  }
  return rules;
}

void behavior_from(const Doc* behavior, Scaler& s) {
  s.behavior = behavior != nullptr && !behavior->is_null();
  s.up = rules_from(behavior != nullptr ? at(*behavior, "scaleUp") : nullptr, default_up());
  s.down = rules_from(behavior != nullptr ? at(*behavior, "scaleDown") : nullptr, default_down());
}

// KEDA's IsUsingModifiers (apis/keda/v1alpha1/scaledobject_types.go:297-300): any field of
// advanced.scalingModifiers set. Go's empty strings count as unset.
bool using_modifiers(const Doc& spec) {
  const Doc* adv = at(spec, "advanced");
  const Doc* sm = adv != nullptr ? at(*adv, "scalingModifiers") : nullptr;
  if (sm == nullptr || !sm->is_object()) {
    return false;
  }
  for (const auto& v : *sm) {
    if (!v.is_null() && !(v.is_string() && v.get<std::string>().empty())) {
      return true;
    }
  }
  return false;
}

bool keda_from(const Doc& spec, Scaler& s, std::string& error) {
  // pkg/scaling/modifiers/formula.go:93-131: with scalingModifiers KEDA evaluates an expr-lang
  // formula over the trigger values and serves one composite metric (scale_handler.go:971-1002
  // re-derives IsActive from it); the simulator does not evaluate expr-lang.
  if (using_modifiers(spec)) {
    error = "advanced.scalingModifiers is not simulated: KEDA serves one composite metric "
            "computed by its formula; simulate the triggers without it, or replay the formula's "
            "value as a single trigger";
    return false;
  }
  s.keda = true;
  s.min = static_cast<int>(number(at(spec, "minReplicaCount"), 0));
  s.max = static_cast<int>(number(at(spec, "maxReplicaCount"), 100));
  s.polling = static_cast<int>(number(at(spec, "pollingInterval"), 30));
  s.cooldown = static_cast<int>(number(at(spec, "cooldownPeriod"), 300));
  s.initial_cooldown = static_cast<int>(number(at(spec, "initialCooldownPeriod"), 0));
  s.idle = static_cast<int>(number(at(spec, "idleReplicaCount"), -1));
  if (const Doc* fb = at(spec, "fallback")) {
    s.fallback_failures = static_cast<int>(number(at(*fb, "failureThreshold"), 0));
    s.fallback_replicas = static_cast<int>(number(at(*fb, "replicas"), 0));
  }
  const Doc* hpa_cfg = nullptr;
  if (const Doc* adv = at(spec, "advanced")) {
    hpa_cfg = at(*adv, "horizontalPodAutoscalerConfig");
  }
  behavior_from(hpa_cfg != nullptr ? at(*hpa_cfg, "behavior") : nullptr, s);
  if (const Doc* trs = at(spec, "triggers"); trs != nullptr && trs->is_array()) {
    for (const auto& tr : *trs) {
      Trigger t;
      const Doc* md = at(tr, "metadata");
      const Doc* type = at(tr, "type");
      const Doc* name = at(tr, "name");
      const Doc* mt = at(tr, "metricType");
      t.type = type != nullptr && type->is_string() ? type->get<std::string>() : "";
      t.name = name != nullptr && name->is_string() ? name->get<std::string>() : "";
      // pkg/scalers/scaler.go:101-111 GetMetricTargetType: "" means AverageValue.
      t.target = target_of(mt != nullptr && mt->is_string() ? mt->get<std::string>() : "");
      if (md != nullptr) {
        const Doc* q = at(*md, "query");
        t.query = q != nullptr && q->is_string() ? q->get<std::string>() : "";
        t.threshold = number(at(*md, t.resource() ? "value" : "threshold"), 1);
        t.activation = number(at(*md, "activationThreshold"), 0);
        // prometheus_scaler.go:56 `default=true`; KEDA parses the string with strconv.ParseBool.
        const Doc* inv = at(*md, "ignoreNullValues");
        t.ignore_null = inv == nullptr || !inv->is_string() || !go_false(inv->get<std::string>());
      }
      s.triggers.push_back(t);
    }
  }
  return true;
}

Trigger hpa_metric(const Doc& m) {
  Trigger t;
  const Doc* type = at(m, "type");
  std::string kind = type != nullptr && type->is_string() ? type->get<std::string>() : "";
  const Doc* body = at(m, kind == "Resource" ? "resource"
                          : kind == "Pods"   ? "pods"
                          : kind == "Object" ? "object"
                                             : "external");
  const Doc* target = body != nullptr ? at(*body, "target") : nullptr;
  t.type = kind == "Resource" && body != nullptr && at(*body, "name") != nullptr &&
                   at(*body, "name")->is_string()
               ? at(*body, "name")->get<std::string>()
               : "external";
  if (target != nullptr) {
    const Doc* tt = at(*target, "type");
    t.target = target_of(tt != nullptr && tt->is_string() ? tt->get<std::string>() : "");
    t.threshold = number(at(*target, t.target == Target::utilization ? "averageUtilization"
                                     : t.target == Target::value     ? "value"
                                                                     : "averageValue"),
                         1);
  }
  if (const Doc* metric = body != nullptr ? at(*body, "metric") : nullptr) {
    const Doc* name = at(*metric, "name");
    t.query = name != nullptr && name->is_string() ? name->get<std::string>() : "";
  }
  return t;
}

void hpa_from(const Doc& spec, Scaler& s) {
  s.min = static_cast<int>(number(at(spec, "minReplicas"), 1));
  s.max = static_cast<int>(number(at(spec, "maxReplicas"), 1));
  behavior_from(at(spec, "behavior"), s);
  if (const Doc* ms = at(spec, "metrics"); ms != nullptr && ms->is_array()) {
    for (const auto& m : *ms) {
      s.triggers.push_back(hpa_metric(m));
    }
  }
}

// nvidia.com/gpu limit of the first container of the predictor (model or containers[0]).
double gpus(const Doc& isvc) {
  const Doc* spec = at(isvc, "spec");
  const Doc* pred = spec != nullptr ? at(*spec, "predictor") : nullptr;
  if (pred == nullptr) {
    return 0;
  }
  const Doc* c = at(*pred, "model");
  if (c == nullptr) {
    const Doc* cs = at(*pred, "containers");
    c = cs != nullptr && cs->is_array() && !cs->empty() ? &(*cs)[0] : nullptr;
  }
  const Doc* res = c != nullptr ? at(*c, "resources") : nullptr;
  const Doc* lim = res != nullptr ? at(*res, "limits") : nullptr;
  return lim != nullptr ? number(at(*lim, "nvidia.com/gpu"), 0) : 0;
}

} // namespace

std::string label_of(const Trigger& t) {
  if (!t.name.empty()) {
    return t.name;
  }
  auto ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':';
  };
  for (std::size_t i = 0; i < t.query.size(); ++i) {
    if (t.query[i] != '{' && t.query[i] != '[') {
      continue;
    }
    std::size_t b = i;
    while (b > 0 && ident(t.query[b - 1])) {
      --b;
    }
    if (b < i) {
      return t.query.substr(b, i - b);
    }
  }
  return t.type;
}

Rules default_up() {
  return Rules{0, Rules::Select::max, {Policy{true, 4, 15}, Policy{false, 100, 15}}};
}

Rules default_down() { return Rules{300, Rules::Select::max, {Policy{false, 100, 15}}}; }

bool scaler_from_objects(const std::vector<emit::Object>& objects,
                         Scaler& out,
                         std::string& error) {
  bool found = false;
  for (const auto& o : objects) {
    const Doc* kind = at(o.body, "kind");
    std::string k = kind != nullptr && kind->is_string() ? kind->get<std::string>() : "";
    const Doc* spec = at(o.body, "spec");
    if (k == "InferenceService") {
      out.gpus_per_pod = gpus(o.body);
    } else if (!found && spec != nullptr &&
               (k == "ScaledObject" || k == "HorizontalPodAutoscaler")) {
      const Doc* md = at(o.body, "metadata");
      const Doc* name = md != nullptr ? at(*md, "name") : nullptr;
      out.name = name != nullptr && name->is_string() ? name->get<std::string>() : "";
      if (k == "HorizontalPodAutoscaler") {
        hpa_from(*spec, out);
      } else if (!keda_from(*spec, out, error)) {
        return false;
      }
      found = true;
    }
  }
  if (!found) {
    error = "render produced no ScaledObject or HorizontalPodAutoscaler to simulate";
  } else if (out.triggers.empty()) {
    error = fmt::format("{} has no triggers or metrics to simulate", out.name);
    found = false;
  }
  return found;
}

} // namespace isvc::simulate
