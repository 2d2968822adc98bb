// SPDX-License-Identifier: Apache-2.0
#include "app/run_simulate.hpp"
#include "commands.hpp"
#include "kserve/config.hpp"
#include "prom_flags.hpp"

#include <iostream>

namespace isvc::cli {

Command add_simulate(CLI::App& root) {
  auto req = std::make_shared<app::SimulateRequest>();
  auto mode = std::make_shared<std::string>("external");
  auto config_file = std::make_shared<std::string>();
  CLI::App* sub = root.add_subcommand(
      "simulate", "Replay KEDA and the HPA over a load trace for what render produces");
  sub->add_option("file", req->path,
                  "InferenceService YAML (its first InferenceService), or a ScaledObject / HPA")
      ->required();
  sub->add_option("--trace", req->trace, "CSV: t, then one column per trigger (or `load`)");
  sub->add_option("--shape", req->shape, "Synthetic load, e.g. idle:10m,step:20@5m,noise:1");
  auto endpoint = add_prometheus_options(
      sub, req->prometheus, "Replay each trigger's history from this Prometheus", false);
  sub->add_option("--from", req->from, "--prometheus: start, RFC 3339 or Unix seconds");
  sub->add_option("--to", req->to, "--prometheus: end, RFC 3339 or Unix seconds");
  sub->add_option("--compare", req->compare, "Simulate OTHER.yaml too and report the deltas");
  sub->add_option("--format", req->format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  sub->add_option("--svg", req->svg, "Write a chart to FILE");
  sub->add_option("--mode", *mode, "external (isvc-scale's objects) or kserve (KServe's)")
      ->check(CLI::IsMember({"external", "kserve"}))
      ->capture_default_str();
  sub->add_option("--kserve-config", *config_file, "inferenceservice-config ConfigMap YAML");
  sub->add_option("--cold-start", req->sim.cold_start, "Seconds from pod creation to ready")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  sub->add_option("--capacity", req->sim.capacity, "Demand model: requests/s per ready pod")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--step", req->sim.step,
                  "Seconds between output ticks (and --prometheus samples)")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  sub->add_option("--flap-window", req->sim.flap_window,
                  "A reversal within this many seconds is a flap")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  sub->add_option("--replicas", req->sim.start_replicas,
                  "The Deployment's replicas at the start (default: min replicas)")
      ->check(CLI::Range(0, 100000));
  sub->add_flag("--fail-on-flapping", req->fail_on_flapping, "Exit 1 if any run flaps");
  return Command{sub, [req, mode, config_file, endpoint]() {
                   endpoint();
                   req->render.mode =
                       *mode == "kserve" ? render::Mode::kserve : render::Mode::external;
                   if (!config_file->empty()) {
                     req->render.config = kserve::load_config_file(*config_file);
                   }
                   return app::run_simulate(*req, std::cin, std::cout, std::cerr);
                 }};
}

} // namespace isvc::cli
