// SPDX-License-Identifier: Apache-2.0
// The one table of isvc-scale.io/ annotations: key, documentation, whether only a KEDA
// ScaledObject reads it, and its reader. Lint, render, the docs generator and the
// did-you-mean of isvc-unknown-annotation all read this table.
#include "plan/extensions.hpp"

#include "plan/annotation_values.hpp"
#include "plan/llm_d.hpp"
#include "promql/analyze.hpp"
#include "promql/presets.hpp"
#include "util/json_number.hpp"
#include "util/spellcheck.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iterator>
#include <optional>

namespace isvc::plan {
namespace {

void report(const model::InferenceService& isvc,
            const model::Field<std::string>& at,
            diag::RuleId rule,
            std::string message,
            std::string fix,
            diag::Sink& sink,
            diag::Severity severity = diag::Severity::error) {
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = at.mark;
  d.pointer = at.pointer;
  d.severity = severity;
  d.rule = rule;
  d.message = std::move(message);
  d.fix = std::move(fix);
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, *isvc.name};
  sink.add(std::move(d));
}

// Position of the annotation's key (not its value), for findings about the key.
model::Field<std::string> at_key(const model::InferenceService& isvc,
                                 const std::string& key,
                                 const model::Field<std::string>& value) {
  model::Field<std::string> f = value;
  const model::Node* md = isvc.root != nullptr ? isvc.root->get("metadata") : nullptr;
  const model::Node* ann = md != nullptr ? md->get("annotations") : nullptr;
  if (ann != nullptr && ann->is_map()) {
    f.mark = ann->key_mark(key);
  }
  return f;
}

// isvc-scale.io/podmonitor-labels: "k=v,k2=v2". Reports the first bad entry; empty map on error.
std::map<std::string, std::string> podmonitor_labels(const model::InferenceService& isvc,
                                                     const std::string& key,
                                                     const model::Field<std::string>& value,
                                                     diag::Sink& sink) {
  std::map<std::string, std::string> out;
  const char* fix = "Write labels as key=value pairs separated by commas, e.g. "
                    "release=kube-prometheus-stack; keys and values are Kubernetes label names.";
  auto fail = [&](std::string message) {
    report(isvc, value, "isvc-annotation-value", std::move(message), fix, sink);
    return std::map<std::string, std::string>{};
  };
  auto kv = util::split_key_values(*value);
  if (kv.bad) {
    return fail(fmt::format("{} entry \"{}\" is not key=value", key, *kv.bad));
  }
  for (const auto& [key_text, value_text] : kv.pairs) {
    std::string k(key_text);
    std::string v(value_text);
    if (auto why = label_key_problem(k)) {
      return fail(fmt::format("{} key \"{}\" is not a Kubernetes label key: {}", key, k, *why));
    }
    if (!v.empty() && !label_name(v)) {
      return fail(fmt::format("{} value \"{}\" of {} is not a Kubernetes label value: at most "
                              "63 characters of A-Z, a-z, 0-9, '-', '_' and '.', beginning and "
                              "ending with a letter or digit",
                              key, v, k));
    }
    if (managed_label(k)) {
      return fail(fmt::format("{} sets {}, a label isvc-scale sets itself on every rendered "
                              "object to name the tool and the component it belongs to",
                              key, k));
    }
    if (!out.emplace(k, v).second) {
      return fail(fmt::format("{} sets {} twice", key, k));
    }
  }
  return out;
}

constexpr std::int64_t k_int32_max = 2147483647;

// unit: what the number counts; min: the ScaledObject CRD's minimum for the field. Every
// one of these fields is an int32 in the ScaledObject CRD: the API server refuses more.
void as_int(const Reading& r,
            model::Field<std::int64_t>& out,
            const char* unit,
            std::int64_t min,
            const char* example) {
  auto v = util::parse_int(util::trim(*r.value));
  out.mark = r.value.mark;
  out.pointer = r.value.pointer;
  out.node = r.value.node;
  if (!v || *v < min) {
    report(r.isvc, r.value, "isvc-annotation-value",
           fmt::format("annotation {} must be a whole number of {} >= {}, not {}", r.key, unit, min,
                       util::quoted(*r.value)),
           fmt::format("Write an integer >= {} in quotes, e.g. \"{}\".", min, example), r.sink);
    return;
  }
  if (*v > k_int32_max) {
    report(r.isvc, r.value, "isvc-annotation-value",
           fmt::format("annotation {} is {}, more than the ScaledObject field allows (an int32, "
                       "at most {})",
                       r.key, *v, k_int32_max),
           fmt::format("Write an integer from {} to {}, e.g. \"{}\".", min, k_int32_max, example),
           r.sink);
    return;
  }
  out.value = *v;
  out.set = true;
}

// A value that fails `ok`: reported, and the field left unset so nothing renders from it.
void checked(const Reading& r,
             model::Field<std::string>& out,
             bool ok,
             std::string message,
             std::string fix) {
  out = r.value;
  if (!ok) {
    report(r.isvc, r.value, "isvc-annotation-value", std::move(message), fix, r.sink);
    out.set = false;
  }
}

void read_autoscaler(const Reading& r) {
  checked(r, r.ext.autoscaler, *r.value == "keda" || *r.value == "hpa",
          fmt::format("annotation {} must be \"keda\" or \"hpa\", not {}", r.key,
                      util::quoted(*r.value)),
          "Use keda (ScaledObject) or hpa (HorizontalPodAutoscaler).");
}
void read_polling_interval(const Reading& r) {
  as_int(r, r.ext.polling_interval, "seconds", 1, "30");
}
void read_cooldown_period(const Reading& r) {
  as_int(r, r.ext.cooldown_period, "seconds", 0, "300");
}
void read_initial_cooldown_period(const Reading& r) {
  as_int(r, r.ext.initial_cooldown_period, "seconds", 0, "300");
}
void read_fallback_failure_threshold(const Reading& r) {
  as_int(r, r.ext.fallback_failure_threshold, "failed metric reads", 0, "3");
}
void read_fallback_replicas(const Reading& r) {
  as_int(r, r.ext.fallback_replicas, "replicas", 0, "2");
}

void read_activation_query(const Reading& r) {
  r.ext.activation_query = r.value;
  auto parsed = promql::parse(*r.value);
  if (parsed.error) {
    report(r.isvc, r.value, "promql-parse-error",
           fmt::format("PromQL does not parse: {} (at offset {})", parsed.error->message,
                       parsed.error->offset),
           "Fix the query syntax; try it in the Prometheus UI.", r.sink);
  }
}

void read_activation_preset(const Reading& r) {
  const auto* preset = promql::find_preset(*r.value);
  std::vector<std::string_view> activation;
  for (const auto& p : promql::presets()) {
    if (p.role == "activation") {
      activation.push_back(p.name);
    }
  }
  // llm-d-epp is a load preset that wakes from zero with llm-d-router v0.9.0 or later; whether
  // the version allows it is plan::resolve_activation's call (it reads
  // isvc-scale.io/llm-d-version).
  bool usable = preset != nullptr && (preset->role == "activation" || activates_with_epp(*preset));
  checked(r, r.ext.activation_preset, usable,
          fmt::format("{} is not an activation preset{}{}", util::quoted(*r.value),
                      preset != nullptr ? " (it is a load preset)" : "",
                      util::did_you_mean(*r.value, activation)),
          fmt::format("Use one of: {}.", fmt::join(activation, ", ")));
}

void read_activation_threshold(const Reading& r) {
  checked(r, r.ext.activation_threshold, util::is_non_negative_json_number(util::trim(*r.value)),
          fmt::format("annotation {} must be a non-negative number, not {}", r.key,
                      util::quoted(*r.value)),
          "Write a number >= 0 in quotes, e.g. \"0\" or \"0.5\" (KEDA reads it as JSON).");
}
void read_activation_server_address(const Reading& r) { r.ext.activation_server_address = r.value; }
void read_podmonitor_labels(const Reading& r) {
  r.ext.podmonitor_labels = r.value;
  r.ext.podmonitor_label_map = podmonitor_labels(r.isvc, r.key, r.value, r.sink);
}
void read_scrape_interval(const Reading& r) {
  checked(r, r.ext.scrape_interval, prometheus_duration(util::trim(*r.value)),
          fmt::format("annotation {} must be a Prometheus duration such as 15s or 1m, not {}",
                      r.key, util::quoted(*r.value)),
          "Write a number with a unit (ms, s, m, h), e.g. \"15s\".");
}
void read_llm_d_version(const Reading& r) {
  checked(r, r.ext.llm_d_version, llm_d_version(*r.value).has_value(),
          fmt::format("annotation {} must be a release such as v0.9.0, not {}", r.key,
                      util::quoted(*r.value)),
          "Write the llm-d-router (EPP) image tag, e.g. \"v0.9.0\".");
}
void read_model_name(const Reading& r) { r.ext.model_name = r.value; }
void read_graphite_query_time(const Reading& r) { r.ext.graphite_query_time = r.value; }

void unknown_key(const Reading& r, std::string_view sub) {
  std::vector<std::string_view> names;
  for (const auto& k : extension_keys()) {
    names.push_back(k.key);
  }
  // The engine's own names for the KEDA fields are the likeliest slips.
  std::string hint = sub == "cooldown" ? std::string("cooldown-period") : util::closest(sub, names);
  report(r.isvc, at_key(r.isvc, r.key, r.value), "isvc-unknown-annotation",
         fmt::format(
             "unknown annotation {}{}", r.key,
             hint.empty() ? "" : fmt::format(" (did you mean '{}{}'?)", model::k_ext_prefix, hint)),
         "Use one of the annotations listed in `man isvc-scale` (EXTENSION ANNOTATIONS).", r.sink);
  // One close name, not yet used: `lint --fix` renames the key to it.
  std::string sole = sub == "cooldown" ? hint : util::sole_correction(sub, names);
  std::string renamed = std::string(model::k_ext_prefix) + sole;
  if (!sole.empty() && r.isvc.annotation(renamed) == nullptr) {
    r.sink.items().back().edit = diag::Edit::rename(at_key(r.isvc, r.key, r.value).mark, renamed);
  }
}

// What no single key's reader can see.
void check_combinations(const model::InferenceService& isvc,
                        const model::Extensions& ext,
                        diag::Sink& sink) {
  if (ext.activation_query && ext.activation_preset) {
    const auto& later = ext.activation_query.mark.line > ext.activation_preset.mark.line
                            ? ext.activation_query
                            : ext.activation_preset;
    report(isvc, later, "isvc-annotation-value",
           "isvc-scale.io/activation-preset and isvc-scale.io/activation-query are both set: "
           "which one wakes the service would be a guess",
           "Keep one of the two annotations.", sink);
  }
  const auto& max = isvc.predictor().max_replicas;
  if (ext.fallback_replicas && max && *ext.fallback_replicas > *max) {
    model::Field<std::string> at;
    at.mark = ext.fallback_replicas.mark;
    at.pointer = ext.fallback_replicas.pointer;
    report(isvc, at, "isvc-annotation-value",
           fmt::format("isvc-scale.io/fallback-replicas ({}) exceeds maxReplicas ({}): KEDA caps "
                       "the fallback at maxReplicaCount",
                       *ext.fallback_replicas, *max),
           "Lower isvc-scale.io/fallback-replicas to maxReplicas or less.", sink,
           diag::Severity::warning);
  }
}

} // namespace

const std::vector<ExtensionKey>& extension_keys() {
  static const std::vector<ExtensionKey> k_keys = {
      {"activation-preset", "named activation source from templates/ (scale-to-zero)",
       "A named activation source from the built-in presets (templates/presets/): vllm-router, "
       "istio or envoy-gateway, scoped to this InferenceService. llm-d-epp, a load preset, wakes "
       "a service only with isvc-scale.io/llm-d-version v0.9.0 or later: older EPPs report their "
       "queue only while a backend is ready.",
       true, read_activation_preset},
      {"activation-query", "PromQL whose value is > 0 while requests arrive (scale-to-zero)",
       "PromQL that is above the activation threshold while requests arrive, on a metric that "
       "exists while no pod runs (router, gateway, queue). A query already written as "
       "'... > bool N' is used as is; otherwise it becomes 'sum(<query>) > bool <threshold>'.",
       true, read_activation_query},
      {"activation-server-address", "Prometheus URL for the activation query",
       "Prometheus URL for the activation query (default: the first prometheus metric's "
       "serverAddress).",
       true, read_activation_server_address},
      {"activation-threshold", "activation fires while the activation query is above this",
       "The activation query fires while it is above this value (default 0).", true,
       read_activation_threshold},
      {"autoscaler", "engine in --mode external: keda or hpa",
       "keda or hpa: the object render --mode external renders. Also read from a component's "
       "annotations, where it wins over the InferenceService's.",
       false, read_autoscaler},
      {"cooldown-period", "KEDA cooldownPeriod in seconds (default 300)",
       "KEDA cooldownPeriod, seconds (KEDA default 300): how long after the last active poll a "
       "service at its minimum scales to zero.",
       true, read_cooldown_period},
      {"fallback-failure-threshold", "KEDA fallback.failureThreshold",
       "KEDA fallback.failureThreshold: after this many failed metric reads, hold "
       "isvc-scale.io/fallback-replicas replicas. Set both.",
       true, read_fallback_failure_threshold},
      {"fallback-replicas", "KEDA fallback.replicas",
       "KEDA fallback.replicas: the replicas held after isvc-scale.io/fallback-failure-threshold "
       "failed metric reads. Set both.",
       true, read_fallback_replicas},
      {"graphite-query-time", "KEDA graphite queryTime (default -1min)",
       "KEDA graphite queryTime (default -1min).", false, read_graphite_query_time},
      {"initial-cooldown-period", "KEDA initialCooldownPeriod in seconds (default 0)",
       "KEDA initialCooldownPeriod, seconds (default 0): grace after creation before the first "
       "scale to zero.",
       true, read_initial_cooldown_period},
      {"llm-d-version", "llm-d-router (EPP) release in front of the InferencePool, e.g. v0.9.0",
       "The llm-d-router (llm-d-inference-scheduler) release whose endpoint picker serves the "
       "InferencePool named after this InferenceService. From v0.9.0 its flow control holds "
       "requests while the pool has no endpoint, and llm_d_epp_flow_control_queue_size counts "
       "them, so isvc-scale.io/activation-preset: llm-d-epp can wake the service from zero (the "
       "EPP's flowControl feature gate must be on).",
       true, read_llm_d_version},
      {"model-name", "API model name clients send, for the router preset (default: from args)",
       "The model name clients send (the production-stack router's model label, read by the "
       "vllm-router preset; default: --served-model-name or --model_name in the predictor's "
       "args, else the InferenceService name). vLLM's own model_name label, which the vllm-* "
       "load presets match, is derived from the runtime and args (--served-model-name, "
       "--model_id) and is not this annotation.",
       false, read_model_name},
      {"podmonitor-labels", "labels for the PodMonitor, k=v,k2=v2",
       "Labels for the PodMonitor, k=v,k2=v2 (kube-prometheus-stack selects release=<helm "
       "release>). Keys and values must be Kubernetes label keys and values; "
       "app.kubernetes.io/managed-by, serving.kserve.io/inferenceservice and component are "
       "isvc-scale's own and cannot be set.",
       false, read_podmonitor_labels},
      {"polling-interval", "KEDA pollingInterval in seconds (default 30)",
       "KEDA pollingInterval, seconds (KEDA default 30).", true, read_polling_interval},
      {"scrape-interval", "PodMonitor scrape interval, e.g. 15s",
       "PodMonitor scrape interval, e.g. 15s.", false, read_scrape_interval},
  };
  return k_keys;
}

const ExtensionKey* find_extension_key(std::string_view sub) {
  const auto& keys = extension_keys();
  auto it =
      std::find_if(keys.begin(), keys.end(), [&](const ExtensionKey& k) { return k.key == sub; });
  return it == keys.end() ? nullptr : &*it;
}

model::Extensions read_extensions(const model::InferenceService& isvc, diag::Sink& sink) {
  model::Extensions ext;
  for (const auto& [key, value] : isvc.annotations) {
    if (!util::starts_with(key, model::k_ext_prefix)) {
      continue;
    }
    std::string_view sub = std::string_view(key).substr(model::k_ext_prefix.size());
    Reading r{isvc, key, value, ext, sink};
    if (const auto* k = find_extension_key(sub)) {
      k->read(r);
    } else {
      unknown_key(r, sub);
    }
  }
  check_combinations(isvc, ext, sink);
  return ext;
}

} // namespace isvc::plan
