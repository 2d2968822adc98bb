// SPDX-License-Identifier: Apache-2.0
// The instant-query envelope, as the Prometheus HTTP API documents it:
// {"status":"success","data":{"resultType":"vector","result":[{"metric":{...},"value":[t,"v"]}]}}
// (prometheus/prometheus web/api/v1/api.go, queryData and the sample JSON encoder); a range
// query's matrix has "values":[[t,"v"],...] per series instead of "value".
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

void read_labels(const nlohmann::json& item, std::map<std::string, std::string>& labels) {
  if (auto m = item.find("metric"); m != item.end() && m->is_object()) {
    for (const auto& [k, v] : m->items()) {
      if (v.is_string()) {
        labels[k] = v.get<std::string>();
      }
    }
  }
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
    read_labels(item, s.labels);
    out.series.push_back(std::move(s));
  }
  return true;
}

bool read_matrix(const nlohmann::json& result, RangeResult& out) {
  if (!result.is_array()) {
    return false;
  }
  for (const auto& item : result) {
    RangeSeries s;
    if (!item.is_object() || !item.contains("values") || !item["values"].is_array()) {
      return false;
    }
    for (const auto& pair : item["values"]) {
      Point p;
      if (!read_value(pair, p.value) || !pair[0].is_number()) {
        return false;
      }
      p.t = pair[0].get<double>();
      s.points.push_back(p);
    }
    read_labels(item, s.labels);
    out.series.push_back(std::move(s));
  }
  return true;
}

// The envelope both endpoints share: `data` on success, else false with `error` set.
bool envelope(std::string_view body, nlohmann::json& data, std::string& error) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = "the answer is not JSON";
    return false;
  }
  if (doc.value("status", "") != "success") {
    std::string kind = doc.value("errorType", "");
    std::string msg = doc.value("error", "");
    error = "query failed: " + (kind.empty() ? "" : kind + ": ") + msg;
    return false;
  }
  data = doc.value("data", nlohmann::json::object());
  if (!data.is_object()) {
    data = nlohmann::json::object();
  }
  return true;
}

} // namespace

QueryResult parse_query_response(std::string_view body) {
  QueryResult out;
  nlohmann::json data;
  if (!envelope(body, data, out.error)) {
    return out;
  }
  out.result_type = data.value("resultType", "");
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

RangeResult parse_range_response(std::string_view body) {
  RangeResult out;
  nlohmann::json data;
  if (!envelope(body, data, out.error)) {
    return out;
  }
  std::string type = data.value("resultType", "");
  if (type != "matrix" || !read_matrix(data["result"], out)) {
    out.series.clear();
    out.error = "unexpected result (resultType \"" + type + "\")";
    return out;
  }
  out.ok = true;
  return out;
}

} // namespace isvc::prom
