// SPDX-License-Identifier: Apache-2.0
#include "kserve/config.hpp"

#include "diag/diagnostic.hpp"
#include "parse/yaml_loader.hpp"
#include "util/error.hpp"

#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>

namespace isvc::kserve {
namespace {

std::string json_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// strconv.ParseInt(s, 10, 32) (a leading '+' is allowed); empty or invalid
// leaves the window unset.
std::optional<std::int32_t> parse_window(const std::string& text) {
  std::string_view s = text;
  if (s.size() > 1 && s.front() == '+' && s[1] != '-') {
    s.remove_prefix(1);
  }
  std::int32_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 10);
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size()) {
    return std::nullopt;
  }
  return v;
}

// json.Unmarshal into KServe's config structs, whose fields are all strings:
// a number (or bool, list, object) there fails the whole entry; null is fine.
void require_strings(const std::string& path,
                     const model::Node* data,
                     const char* entry,
                     const char* what,
                     const nlohmann::json& j,
                     std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = j.find(key);
    if (it == j.end() || it->is_string() || it->is_null()) {
      continue;
    }
    const model::Node* n = data->get(entry);
    throw Error(fmt::format("{}:{}:{}: unable to parse {} config json: json: cannot unmarshal {} "
                            "into a string field (\"{}\")",
                            path, n->mark.line, n->mark.col, what, it->type_name(), key));
  }
}

nlohmann::json
parse_entry(const std::string& path, const model::Node* data, const char* key, const char* what) {
  const model::Node* n = data != nullptr ? data->get(key) : nullptr;
  if (n == nullptr || !n->is_scalar()) {
    return nlohmann::json::object();
  }
  try {
    return nlohmann::json::parse(n->value);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(fmt::format("{}:{}:{}: unable to parse {} config json: {}", path, n->mark.line,
                            n->mark.col, what, e.what()));
  }
}

} // namespace

std::string normalize_deployment_mode(const std::string& mode) {
  if (mode == "RawDeployment" || mode == "Standard") {
    return "Standard";
  }
  if (mode == "Serverless" || mode == "Knative") {
    return "Knative";
  }
  if (mode == "ModelMesh") {
    return "ModelMesh";
  }
  return "";
}

Config load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error("cannot open --kserve-config file " + path);
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return load_config(path, buf.str());
}

Config load_config(const std::string& path, const std::string& text) {
  diag::Sink sink;
  auto file = parse::load_yaml(path, text, sink);
  if (!sink.items().empty() || file.docs.empty()) {
    const auto& d = sink.items().empty() ? diag::Diagnostic{} : sink.items().front();
    throw Error(fmt::format("{}:{}:{}: cannot read the KServe ConfigMap: {}", path, d.mark.line,
                            d.mark.col, d.message.empty() ? "empty file" : d.message));
  }
  const model::Node* data = file.docs.front().root.get("data");
  Config cfg;
  cfg.source = path;
  auto otel = parse_entry(path, data, "opentelemetryCollector", "otel");
  auto autoscaler = parse_entry(path, data, "autoscaler", "autoscaler");
  auto deploy = parse_entry(path, data, "deploy", "deploy");
  require_strings(path, data, "opentelemetryCollector", "otel", otel,
                  {"scrapeInterval", "metricReceiverEndpoint", "metricScalerEndpoint"});
  if (otel.contains("resource") && otel["resource"].is_object()) {
    require_strings(path, data, "opentelemetryCollector", "otel", otel["resource"],
                    {"cpuLimit", "memoryLimit", "cpuRequest", "memoryRequest"});
  }
  require_strings(path, data, "autoscaler", "autoscaler", autoscaler,
                  {"scaleUpStabilizationWindowSeconds", "scaleDownStabilizationWindowSeconds"});
  cfg.default_deployment_mode = json_string(deploy, "defaultDeploymentMode");
  cfg.scale_up_window = parse_window(json_string(autoscaler, "scaleUpStabilizationWindowSeconds"));
  cfg.scale_down_window =
      parse_window(json_string(autoscaler, "scaleDownStabilizationWindowSeconds"));
  cfg.otel_scrape_interval = json_string(otel, "scrapeInterval");
  cfg.otel_receiver_endpoint = json_string(otel, "metricReceiverEndpoint");
  cfg.otel_scaler_endpoint = json_string(otel, "metricScalerEndpoint");
  nlohmann::json res = otel.contains("resource") && otel["resource"].is_object()
                           ? otel["resource"]
                           : nlohmann::json::object();
  cfg.otel_cpu_limit = json_string(res, "cpuLimit");
  cfg.otel_memory_limit = json_string(res, "memoryLimit");
  cfg.otel_cpu_request = json_string(res, "cpuRequest");
  cfg.otel_memory_request = json_string(res, "memoryRequest");
  // KServe unmarshals the inferenceService entry into InferenceServicesConfig and appends its
  // serviceAnnotationDisallowedList to the defaults (configmap.go:234-245).
  auto isvc = parse_entry(path, data, "inferenceService", "isvc");
  if (auto it = isvc.find("serviceAnnotationDisallowedList"); it != isvc.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) {
        cfg.service_annotation_disallowed.push_back(v.get<std::string>());
      }
    }
  }
  return cfg;
}

} // namespace isvc::kserve
