// SPDX-License-Identifier: Apache-2.0
// The instant-query envelope, as the Prometheus HTTP API documents it:
// {"status":"success","data":{"resultType":"vector","result":[{"metric":{...},"value":[t,"v"]}]}}
// (prometheus/prometheus web/api/v1/api.go, queryData and the sample JSON encoder).
#include "prom/client.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace isvc::prom {
namespace {

// Sample values are strings ("1", "NaN", "+Inf"); strtod reads all three.
bool read_value(const nlohmann::json& pair, double& out) {
  if (!pair.is_array() || pair.size() != 2 || !pair[1].is_string()) {
    return false;
  }
  const std::string& s = pair[1].get_ref<const std::string&>();
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end != s.c_str() && *end == '\0';
}

bool read_vector(const nlohmann::json& result, QueryResult& out) {
  if (!result.is_array()) {
    return false;
  }
  for (const auto& item : result) {
    Series s;
    if (!item.is_object() || !read_value(item.value("value", nlohmann::json()), s.value)) {
      return false;
    }
    if (auto m = item.find("metric"); m != item.end() && m->is_object()) {
      for (const auto& [k, v] : m->items()) {
        if (v.is_string()) {
          s.labels[k] = v.get<std::string>();
        }
      }
    }
    out.series.push_back(std::move(s));
  }
  return true;
}

} // namespace

QueryResult parse_query_response(std::string_view body) {
  QueryResult out;
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    out.error = "the answer is not JSON";
    return out;
  }
  if (doc.value("status", "") != "success") {
    std::string kind = doc.value("errorType", "");
    std::string msg = doc.value("error", "");
    out.error = "query failed: " + (kind.empty() ? "" : kind + ": ") + msg;
    return out;
  }
  const auto& data = doc.value("data", nlohmann::json::object());
  out.result_type = data.is_object() ? data.value("resultType", "") : "";
  bool read = false;
  if (out.result_type == "vector") {
    read = read_vector(data["result"], out);
  } else if (out.result_type == "scalar") {
    Series s;
    read = read_value(data["result"], s.value);
    out.series.push_back(std::move(s));
  }
  if (!read) {
    out.series.clear();
    out.error = "unexpected result (resultType \"" + out.result_type + "\")";
    return out;
  }
  out.ok = true;
  return out;
}

} // namespace isvc::prom
