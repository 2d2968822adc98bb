// SPDX-License-Identifier: Apache-2.0
#include "simulate/output.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace isvc::simulate {
namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(double v) { return std::isnan(v) ? Json(nullptr) : Json(v); }

Json summary_json(const Summary& m) {
  return Json{{"seconds", m.seconds},
              {"replicaHours", m.replica_hours},
              {"gpuHours", m.gpu_hours},
              {"peakReplicas", m.peak_replicas},
              {"coldStarts", m.cold_starts},
              {"scaleUps", m.scale_ups},
              {"scaleDowns", m.scale_downs},
              {"flaps", m.flaps},
              {"secondsAtMax", m.seconds_at_max},
              {"secondsAtZero", m.seconds_at_zero},
              {"secondsStarting", m.seconds_starting},
              {"arrivalsAtZero", m.arrivals_at_zero},
              {"maxWaitSeconds", m.max_wait},
              {"meanWaitSeconds", m.mean_wait},
              {"peakQueue", m.peak_queue}};
}

Json sim_json(const Sim& sim) {
  Json triggers = Json::array();
  for (const auto& t : sim.scaler.triggers) {
    triggers.push_back({{"name", t.name},
                        {"type", t.type},
                        {"metricType", t.target == Target::value         ? "Value"
                                       : t.target == Target::utilization ? "Utilization"
                                                                         : "AverageValue"},
                        {"threshold", t.threshold},
                        {"activationThreshold", t.activation}});
  }
  Json ticks = Json::array();
  for (const auto& tk : sim.run.ticks) {
    Json values = Json::array();
    for (double v : tk.values) {
      values.push_back(number_or_null(v));
    }
    Json j{{"t", tk.t}, {"replicas", tk.replicas}, {"ready", tk.ready}, {"values", values}};
    if (sim.scaler.keda) {
      j["active"] = tk.active;
    }
    if (sim.run.demand) {
      j["load"] = tk.load;
      j["queue"] = tk.queue;
    }
    ticks.push_back(std::move(j));
  }
  Json findings = Json::array();
  for (const auto& f : sim.findings) {
    findings.push_back({{"id", f.id}, {"message", f.message}});
  }
  return Json{{"file", sim.label},
              {"kind", sim.scaler.keda ? "ScaledObject" : "HorizontalPodAutoscaler"},
              {"name", sim.scaler.name},
              {"model", sim.run.demand ? "demand" : "replay"},
              {"triggers", triggers},
              {"ticks", ticks},
              {"summary", summary_json(sim.run.summary)},
              {"findings", findings}};
}

} // namespace

void write_json(std::ostream& out, const std::vector<Sim>& sims) {
  Json doc = sim_json(sims[0]);
  if (sims.size() > 1) {
    Json other = sim_json(sims[1]);
    Json delta = Json::object();
    for (auto it = other["summary"].begin(); it != other["summary"].end(); ++it) {
      delta[it.key()] = it.value().get<double>() - doc["summary"][it.key()].get<double>();
    }
    doc["compare"] = std::move(other);
    doc["delta"] = std::move(delta);
  }
  out << doc.dump(2) << '\n';
}

} // namespace isvc::simulate
