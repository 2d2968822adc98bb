// SPDX-License-Identifier: Apache-2.0
#include "parse/extensions.hpp"

#include "promql/presets.hpp"
#include "util/spellcheck.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace isvc::parse {
namespace {

void report(const model::InferenceService& isvc,
            const model::Field<std::string>& at,
            const char* rule,
            std::string message,
            std::string fix,
            diag::Sink& sink) {
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = at.mark;
  d.pointer = at.pointer;
  d.severity = diag::Severity::error;
  d.rule = rule;
  d.message = std::move(message);
  d.fix = std::move(fix);
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, *isvc.name};
  sink.add(std::move(d));
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
  auto as_int = [&](model::Field<std::int64_t>& out, const model::Field<std::string>& in,
                    const std::string& key) {
    auto v = util::parse_int(util::trim(*in));
    out.mark = in.mark;
    out.pointer = in.pointer;
    out.node = in.node;
    if (!v || *v < 0) {
      report(isvc, in, "isvc-annotation-value",
             fmt::format("annotation {} must be a whole number of seconds or replicas >= 0, not "
                         "\"{}\"",
                         key, *in),
             "Write a non-negative integer in quotes, e.g. \"300\".", sink);
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
               fmt::format("annotation {} must be \"keda\" or \"hpa\", not \"{}\"", key, *value),
               "Use keda (ScaledObject) or hpa (HorizontalPodAutoscaler).", sink);
        ext.autoscaler.set = false;
      }
    } else if (sub == "polling-interval") {
      as_int(ext.polling_interval, value, key);
    } else if (sub == "cooldown-period") {
      as_int(ext.cooldown_period, value, key);
    } else if (sub == "initial-cooldown-period") {
      as_int(ext.initial_cooldown_period, value, key);
    } else if (sub == "fallback-failure-threshold") {
      as_int(ext.fallback_failure_threshold, value, key);
    } else if (sub == "fallback-replicas") {
      as_int(ext.fallback_replicas, value, key);
    } else if (sub == "activation-query") {
      as_string(ext.activation_query, value);
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
    } else if (sub == "activation-server-address") {
      as_string(ext.activation_server_address, value);
    } else if (sub == "podmonitor-labels") {
      as_string(ext.podmonitor_labels, value);
    } else if (sub == "scrape-interval") {
      as_string(ext.scrape_interval, value);
    } else if (sub == "model-name") {
      as_string(ext.model_name, value);
    } else if (sub == "graphite-query-time") {
      as_string(ext.graphite_query_time, value);
    } else {
      std::string hint = util::closest(sub, names);
      report(isvc, value, "isvc-unknown-annotation",
             fmt::format("unknown annotation {}{}", key,
                         hint.empty()
                             ? ""
                             : fmt::format(" (did you mean '{}{}'?)", model::k_ext_prefix, hint)),
             "Use one of the annotations listed in `man isvc-scale` (EXTENSION ANNOTATIONS).",
             sink);
    }
  }
  return ext;
}

} // namespace isvc::parse
