// SPDX-License-Identifier: Apache-2.0
#include "check/report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace isvc::check {
namespace {

// Shortest round-tripping text, so 0.1 prints as 0.1 and 3 as 3.
std::string num(double v) { return fmt::format("{}", v); }

std::vector<std::string> row(const ObjectReport& o, std::size_t i) {
  const TriggerReport& t = o.triggers[i];
  std::string pos = fmt::format("{}:{}:{}", o.file, o.marks[i].line, o.marks[i].col);
  std::string name = t.trigger.name.empty() ? std::to_string(t.trigger.index) : t.trigger.name;
  std::string object = (o.ns.empty() ? "" : o.ns + "/") + o.name;
  if (!t.evaluated) {
    return {pos, object, name, "-", "-", "-", "-", "-", "-", "skipped: " + t.trigger.skipped};
  }
  bool ok = t.rule.empty() || t.warning;
  return {pos,
          object,
          name,
          t.trigger.metric_type,
          num(t.trigger.threshold),
          std::to_string(t.series),
          ok ? num(t.value) : "-",
          ok ? (t.active ? "yes" : "no") : "-",
          ok ? std::to_string(t.desired) : "-",
          t.rule.str()};
}

} // namespace

void write_text(std::ostream& out, const Run& run, const diag::SourceLookup& source) {
  std::vector<std::vector<std::string>> rows = {{"POSITION", "OBJECT", "TRIGGER", "TYPE", "TARGET",
                                                 "SERIES", "VALUE", "ACTIVE", "REPLICAS",
                                                 "FINDING"}};
  for (const auto& o : run.objects) {
    for (std::size_t i = 0; i < o.triggers.size(); ++i) {
      rows.push_back(row(o, i));
    }
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& r : rows) {
    for (std::size_t c = 0; c < r.size(); ++c) {
      width[c] = std::max(width[c], r[c].size());
    }
  }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      line += c + 1 == r.size() ? r[c] : fmt::format("{:<{}}  ", r[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out << line << '\n';
  }
  for (const auto& o : run.objects) {
    out << fmt::format("{} {}{}: {} replicas now, asks for {} (min {}, max {})\n", o.kind,
                       o.ns.empty() ? "" : o.ns + "/", o.name, o.current, o.desired,
                       o.bounds.min_replicas, o.bounds.max_replicas);
  }
  for (const auto& d : run.findings) {
    diag::write_text(out, d, source);
  }
}

namespace {

nlohmann::ordered_json trigger_json(const ObjectReport& o, std::size_t i) {
  const TriggerReport& t = o.triggers[i];
  nlohmann::ordered_json j;
  j["index"] = t.trigger.index;
  j["name"] = t.trigger.name;
  j["file"] = o.file;
  j["line"] = o.marks[i].line;
  j["column"] = o.marks[i].col;
  j["query"] = t.trigger.query;
  j["evaluated"] = t.evaluated;
  if (!t.evaluated) {
    j["skipped"] = t.trigger.skipped;
    return j;
  }
  j["metricType"] = t.trigger.metric_type;
  j["threshold"] = t.trigger.threshold;
  j["activationThreshold"] = t.trigger.activation_threshold;
  j["series"] = t.series;
  bool ok = t.rule.empty() || t.warning; // a warning keeps the value KEDA reads
  j["value"] = ok ? nlohmann::ordered_json(t.value) : nlohmann::ordered_json();
  j["active"] = ok && t.active;
  j["desiredReplicas"] = ok ? nlohmann::ordered_json(t.desired) : nlohmann::ordered_json();
  j["rule"] = t.rule.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(t.rule);
  return j;
}

} // namespace

void write_json(std::ostream& out, const Run& run) {
  nlohmann::ordered_json doc;
  doc["prometheus"] = run.prometheus;
  doc["time"] = run.at.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(run.at);
  doc["objects"] = nlohmann::ordered_json::array();
  for (const auto& o : run.objects) {
    nlohmann::ordered_json j;
    j["kind"] = o.kind;
    j["namespace"] = o.ns;
    j["name"] = o.name;
    j["minReplicas"] = o.bounds.min_replicas;
    j["maxReplicas"] = o.bounds.max_replicas;
    j["currentReplicas"] = o.current;
    j["desiredReplicas"] = o.desired;
    j["triggers"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < o.triggers.size(); ++i) {
      j["triggers"].push_back(trigger_json(o, i));
    }
    doc["objects"].push_back(std::move(j));
  }
  doc["findings"] = nlohmann::ordered_json::array();
  for (const auto& d : run.findings) {
    doc["findings"].push_back({{"file", d.file},
                               {"line", d.mark.line},
                               {"column", d.mark.col},
                               {"severity", std::string(diag::to_string(d.severity))},
                               {"rule", d.rule},
                               {"message", d.message}});
  }
  out << doc.dump(2) << '\n';
}

} // namespace isvc::check
