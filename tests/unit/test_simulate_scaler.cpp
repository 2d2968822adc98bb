// SPDX-License-Identifier: Apache-2.0
// simulate reads the objects render produces (samples rendered here, not hand-written).
#include "rendered_scaler.hpp"
#include "simulate/scaler.hpp"

#include <doctest/doctest.h>

using namespace isvc::simulate;

TEST_CASE("simulate scaler: seed 003's dual-trigger ScaledObject") {
  Scaler s = rendered("seed-003-scale-to-zero.yaml");
  CHECK(s.keda);
  CHECK(s.name == "vllm-llama3-predictor");
  CHECK(s.min == 0);
  CHECK(s.max == 2);
  CHECK(s.polling == 15);
  CHECK(s.cooldown == 360);
  REQUIRE(s.triggers.size() == 2);
  CHECK(s.triggers[0].target == Target::average_value);
  CHECK(s.triggers[0].threshold == 5);
  CHECK(label_of(s.triggers[0]) == "vllm:num_requests_waiting");
  CHECK(s.triggers[1].name == "activation");
  CHECK(s.triggers[1].threshold == 1);
  CHECK(s.triggers[1].activation == 0);
  // no behavior rendered: the HPA defaults
  CHECK(s.down.window == 300);
  CHECK(s.up.policies.size() == 2);
}

TEST_CASE("simulate scaler: seed 002's behavior windows keep the default policies") {
  Scaler s = rendered("seed-002-three-triggers.yaml");
  CHECK(s.up.window == 30);
  CHECK(s.down.window == 120);
  CHECK(s.down.policies.size() == 1);
  REQUIRE(s.triggers.size() == 3);
  CHECK(s.triggers[0].target == Target::value);
  CHECK(s.triggers[1].threshold == 0.75);
  CHECK(s.triggers[2].target == Target::average_value);
}

TEST_CASE("simulate scaler: an HPA with policies and a cpu Utilization metric") {
  Scaler s = rendered("hpa-behavior-policies.yaml");
  CHECK_FALSE(s.keda);
  CHECK(s.min == 2);
  CHECK(s.max == 10);
  REQUIRE(s.triggers.size() == 1);
  CHECK(s.triggers[0].type == "cpu");
  CHECK(s.triggers[0].target == Target::utilization);
  CHECK(s.triggers[0].threshold == 65);
  CHECK(s.down.select == Rules::Select::min);
  REQUIRE(s.down.policies.size() == 1);
  CHECK(s.down.policies[0].pods);
  CHECK(s.down.policies[0].value == 1);
  CHECK(s.down.policies[0].period == 120);
  CHECK(s.up.policies[0].period == 60);
}

TEST_CASE("simulate scaler: GPU-hours come from the predictor's nvidia.com/gpu limit") {
  CHECK(rendered("llm-prometheus-qwen-gpu.yaml").gpus_per_pod == 1);
  CHECK(rendered("seed-003-scale-to-zero.yaml").gpus_per_pod == 0);
}

namespace {

bool read_so(const char* spec_json, Scaler& s, std::string& error) {
  isvc::emit::Object o;
  o.body = isvc::emit::Doc::parse(
      std::string(R"({"kind":"ScaledObject","metadata":{"name":"so"},"spec":)") + spec_json + "}");
  return scaler_from_objects({o}, s, error);
}

} // namespace

TEST_CASE("simulate scaler: idleReplicaCount is read, -1 when unset") {
  Scaler s;
  std::string error;
  REQUIRE(read_so(R"({"minReplicaCount":2,"idleReplicaCount":0,"triggers":[{"type":"prometheus",
      "metadata":{"query":"q","threshold":"5"}}]})",
                  s, error));
  CHECK(s.idle == 0);
  CHECK(s.min == 2);
  Scaler u;
  REQUIRE(
      read_so(R"({"triggers":[{"type":"prometheus","metadata":{"threshold":"5"}}]})", u, error));
  CHECK(u.idle == -1);
}

TEST_CASE("simulate scaler: scalingModifiers are refused, an empty one ({}) is not") {
  Scaler s;
  std::string error;
  CHECK_FALSE(read_so(R"({"advanced":{"scalingModifiers":{"formula":"a + b","target":"5"}},
      "triggers":[{"type":"prometheus","name":"a","metadata":{"threshold":"5"}}]})",
                      s, error));
  CHECK(error.starts_with("advanced.scalingModifiers is not simulated: KEDA serves one composite"));
  Scaler e;
  CHECK(read_so(R"({"advanced":{"scalingModifiers":{}},
      "triggers":[{"type":"prometheus","metadata":{"threshold":"5"}}]})",
                e, error));
  // kserve mode renders `scalingModifiers: {}` (Go's non-pointer struct); still simulated
  CHECK(rendered("seed-003-scale-to-zero.yaml", isvc::render::Mode::kserve).keda);
}
