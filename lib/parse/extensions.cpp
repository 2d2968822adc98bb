// SPDX-License-Identifier: Apache-2.0
#include "parse/extensions.hpp"

#include "promql/analyze.hpp"
#include "promql/presets.hpp"
#include "util/spellcheck.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iterator>
#include <optional>

namespace isvc::parse {
namespace {

void report(const model::InferenceService& isvc,
            const model::Field<std::string>& at,
            const char* rule,
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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Consumes [0-9]+ at s[i]; false when there is no digit.
bool digits(std::string_view s, std::size_t& i) {
  std::size_t from = i;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
  }
  return i > from;
}

// KEDA reads activationThreshold with json.Unmarshal: JSON number grammar without a sign,
// (0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? (Go encoding/json scanner.go). Hand-written:
// no std::regex on unbounded input (its recursion overflows the stack on a 32 KB value).
bool non_negative_json_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (i >= s.size() || !is_digit(s[i]) || !digits(s, i)) {
    return false;
  }
  if (i < s.size() && s[i] == '.' && !digits(s, ++i)) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    if (!digits(s, i)) {
      return false;
    }
  }
  return i == s.size();
}

// prometheus-operator's Duration pattern (PodMonitor endpoints[].interval), non-empty:
// 0|(N y)?(N w)?(N d)?(N h)?(N m)?(N s)?(N ms)?, each unit at most once and in that order.
bool prometheus_duration(std::string_view s) {
  if (s == "0") {
    return true;
  }
  static constexpr std::string_view k_units[] = {"y", "w", "d", "h", "m", "s", "ms"};
  std::size_t i = 0;
  std::size_t next_unit = 0;
  while (i < s.size()) {
    if (!digits(s, i)) {
      return false;
    }
    std::size_t u = next_unit;
    // "ms" must win over "m" followed by a number-less "s".
    while (u < std::size(k_units) && !(s.substr(i, k_units[u].size()) == k_units[u] &&
                                       (k_units[u] != "m" || s.substr(i, 2) != "ms"))) {
      ++u;
    }
    if (u == std::size(k_units)) {
      return false;
    }
    i += k_units[u].size();
    next_unit = u + 1;
  }
  return !s.empty();
}

// Kubernetes label name (apimachinery IsQualifiedName's name part, IsValidLabelValue):
// at most 63 of [A-Za-z0-9._-], alphanumeric at both ends.
bool label_name(std::string_view s) {
  if (s.empty() || s.size() > 63 || !is_alnum(s.front()) || !is_alnum(s.back())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

// DNS-1123 subdomain: dot-separated labels of [a-z0-9-], alphanumeric at both ends.
bool dns_subdomain(std::string_view s) {
  auto lower_alnum = [](char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); };
  std::size_t from = 0;
  while (true) {
    std::size_t dot = s.find('.', from);
    std::string_view part = s.substr(from, dot == std::string_view::npos ? s.npos : dot - from);
    if (part.empty() || !lower_alnum(part.front()) || !lower_alnum(part.back()) ||
        !std::all_of(part.begin(), part.end(),
                     [&](char c) { return lower_alnum(c) || c == '-'; })) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    from = dot + 1;
  }
}

// A label key: an optional DNS-1123 subdomain prefix (<= 253) and '/', then a name.
std::optional<std::string> label_key_problem(std::string_view key) {
  std::size_t slash = key.find('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (slash != std::string_view::npos) {
    std::string_view prefix = key.substr(0, slash);
    if (prefix.empty() || prefix.size() > 253 || !dns_subdomain(prefix)) {
      return std::string("its prefix must be a DNS subdomain (lowercase a-z, 0-9, '-' and '.', at "
                         "most 253 characters)");
    }
  }
  if (!label_name(name)) {
    return std::string("its name must be 1 to 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', "
                       "beginning and ending with a letter or digit");
  }
  return std::nullopt;
}

// Labels every rendered object carries (render::managed_labels): they say which tool and
// which InferenceService component the object belongs to, so the annotation must not replace them.
bool managed_label(std::string_view key) {
  return key == "app.kubernetes.io/managed-by" || key == "serving.kserve.io/inferenceservice" ||
         key == "component";
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

} // namespace

model::Extensions read_extensions(const model::InferenceService& isvc, diag::Sink& sink) {
  model::Extensions ext;
  std::vector<std::string_view> names;
  for (const auto& k : model::extension_keys()) {
    names.push_back(k.key);
  }
  auto as_string = [](model::Field<std::string>& out, const model::Field<std::string>& in) {
    out = in;
  };
  // unit: what the number counts; min: the ScaledObject CRD's minimum for the field. Every
  // one of these fields is an int32 in the ScaledObject CRD: the API server refuses more.
  auto as_int = [&](model::Field<std::int64_t>& out, const model::Field<std::string>& in,
                    const std::string& key, const char* unit, std::int64_t min,
                    const char* example) {
    constexpr std::int64_t k_int32_max = 2147483647;
    auto v = util::parse_int(util::trim(*in));
    out.mark = in.mark;
    out.pointer = in.pointer;
    out.node = in.node;
    if (!v || *v < min) {
      report(isvc, in, "isvc-annotation-value",
             fmt::format("annotation {} must be a whole number of {} >= {}, not {}", key, unit, min,
                         util::quoted(*in)),
             fmt::format("Write an integer >= {} in quotes, e.g. \"{}\".", min, example), sink);
      return;
    }
    if (*v > k_int32_max) {
      report(isvc, in, "isvc-annotation-value",
             fmt::format("annotation {} is {}, more than the ScaledObject field allows (an int32, "
                         "at most {})",
                         key, *v, k_int32_max),
             fmt::format("Write an integer from {} to {}, e.g. \"{}\".", min, k_int32_max, example),
             sink);
      return;
    }
    out.value = *v;
    out.set = true;
  };
  for (const auto& [key, value] : isvc.annotations) {
    if (!util::starts_with(key, model::k_ext_prefix)) {
      continue;
    }
    std::string sub = key.substr(model::k_ext_prefix.size());
    if (sub == "autoscaler") {
      as_string(ext.autoscaler, value);
      if (*value != "keda" && *value != "hpa") {
        report(isvc, value, "isvc-annotation-value",
               fmt::format("annotation {} must be \"keda\" or \"hpa\", not {}", key,
                           util::quoted(*value)),
               "Use keda (ScaledObject) or hpa (HorizontalPodAutoscaler).", sink);
        ext.autoscaler.set = false;
      }
    } else if (sub == "polling-interval") {
      as_int(ext.polling_interval, value, key, "seconds", 1, "30");
    } else if (sub == "cooldown-period") {
      as_int(ext.cooldown_period, value, key, "seconds", 0, "300");
    } else if (sub == "initial-cooldown-period") {
      as_int(ext.initial_cooldown_period, value, key, "seconds", 0, "300");
    } else if (sub == "fallback-failure-threshold") {
      as_int(ext.fallback_failure_threshold, value, key, "failed metric reads", 0, "3");
    } else if (sub == "fallback-replicas") {
      as_int(ext.fallback_replicas, value, key, "replicas", 0, "2");
    } else if (sub == "activation-query") {
      as_string(ext.activation_query, value);
      auto parsed = promql::parse(*value);
      if (parsed.error) {
        report(isvc, value, "promql-parse-error",
               fmt::format("PromQL does not parse: {} (at offset {})", parsed.error->message,
                           parsed.error->offset),
               "Fix the query syntax; try it in the Prometheus UI.", sink);
      }
    } else if (sub == "activation-preset") {
      as_string(ext.activation_preset, value);
      const auto* preset = promql::find_preset(*value);
      if (preset == nullptr || preset->role != "activation") {
        std::vector<std::string_view> activation;
        for (const auto& p : promql::presets()) {
          if (p.role == "activation") {
            activation.push_back(p.name);
          }
        }
        report(isvc, value, "isvc-annotation-value",
               fmt::format("{} is not an activation preset{}{}", *value,
                           preset != nullptr ? " (it is a load preset)" : "",
                           util::did_you_mean(*value, activation)),
               fmt::format("Use one of: {}.", fmt::join(activation, ", ")), sink);
        ext.activation_preset.set = false;
      }
    } else if (sub == "activation-threshold") {
      as_string(ext.activation_threshold, value);
      if (!non_negative_json_number(util::trim(*value))) {
        report(isvc, value, "isvc-annotation-value",
               fmt::format("annotation {} must be a non-negative number, not {}", key,
                           util::quoted(*value)),
               "Write a number >= 0 in quotes, e.g. \"0\" or \"0.5\" (KEDA reads it as JSON).",
               sink);
        ext.activation_threshold.set = false;
      }
    } else if (sub == "activation-server-address") {
      as_string(ext.activation_server_address, value);
    } else if (sub == "podmonitor-labels") {
      as_string(ext.podmonitor_labels, value);
      ext.podmonitor_label_map = podmonitor_labels(isvc, key, value, sink);
    } else if (sub == "scrape-interval") {
      as_string(ext.scrape_interval, value);
      if (!prometheus_duration(util::trim(*value))) {
        report(isvc, value, "isvc-annotation-value",
               fmt::format("annotation {} must be a Prometheus duration such as 15s or 1m, not {}",
                           key, util::quoted(*value)),
               "Write a number with a unit (ms, s, m, h), e.g. \"15s\".", sink);
        ext.scrape_interval.set = false;
      }
    } else if (sub == "model-name") {
      as_string(ext.model_name, value);
    } else if (sub == "graphite-query-time") {
      as_string(ext.graphite_query_time, value);
    } else {
      // The engine's own names for the KEDA fields are the likeliest slips.
      std::string hint =
          sub == "cooldown" ? std::string("cooldown-period") : util::closest(sub, names);
      report(isvc, at_key(isvc, key, value), "isvc-unknown-annotation",
             fmt::format("unknown annotation {}{}", key,
                         hint.empty()
                             ? ""
                             : fmt::format(" (did you mean '{}{}'?)", model::k_ext_prefix, hint)),
             "Use one of the annotations listed in `man isvc-scale` (EXTENSION ANNOTATIONS).",
             sink);
      // One close name, not yet used: `lint --fix` renames the key to it.
      std::string sole = sub == "cooldown" ? hint : util::sole_correction(sub, names);
      std::string renamed = std::string(model::k_ext_prefix) + sole;
      if (!sole.empty() && isvc.annotation(renamed) == nullptr) {
        sink.items().back().edit = diag::Edit::rename(at_key(isvc, key, value).mark, renamed);
      }
    }
  }
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
  return ext;
}

} // namespace isvc::parse
