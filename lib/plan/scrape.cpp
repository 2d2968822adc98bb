// SPDX-License-Identifier: Apache-2.0
#include "plan/scrape.hpp"

#include "kserve/component_meta.hpp"
#include "util/strings.hpp"

namespace isvc::plan {
namespace {

std::string first_set(const std::map<std::string, std::string>& annotations,
                      const char* key,
                      const char* fallback_key,
                      const char* dflt) {
  for (const char* k : {key, fallback_key}) {
    auto it = annotations.find(k);
    if (it != annotations.end() && !it->second.empty()) {
      return it->second;
    }
  }
  return dflt;
}

} // namespace

ScrapePlan resolve_scrape(const model::Component& c,
                          const std::map<std::string, std::string>& annotations) {
  ScrapePlan s;
  auto on = annotations.find(kserve::k_enable_scraping);
  s.enabled = on != annotations.end() && on->second == "true";
  s.port_text = first_set(annotations, kserve::k_prom_port, "prometheus.io/port", "8080");
  if (auto n = util::parse_int(s.port_text); n && *n >= 1 && *n <= 65535) {
    s.port = *n;
  }
  s.path = first_set(annotations, kserve::k_prom_path, "prometheus.io/path", "/metrics");
  s.container = k_model_container;
  s.declared_ports = c.ports;
  for (const auto& [name, number] : c.ports) {
    if (s.port && number == *s.port && !name.empty()) {
      s.declared_port_name = name;
      break;
    }
  }
  return s;
}

} // namespace isvc::plan
