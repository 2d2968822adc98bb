// SPDX-License-Identifier: Apache-2.0
#include "validate/schema_dedupe.hpp"
#include "validate/schema_guard.hpp"
#include "validate/schema_patterns.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

using nlohmann::json;

std::string read_schema(const std::string& rel) {
  std::ifstream in(std::string(ISVC_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces every {"$ref": "#/definitions/x"} by a copy of definitions.x, recursively.
json inline_refs(const json& node, const json& definitions) {
  if (node.is_object() && node.size() == 1 && node.contains("$ref")) {
    std::string ref = node["$ref"].get<std::string>();
    REQUIRE(ref.rfind("#/definitions/", 0) == 0);
    return inline_refs(definitions.at(ref.substr(14)), definitions);
  }
  if (node.is_structured()) {
    json out = node;
    for (auto& value : out) {
      value = inline_refs(value, definitions);
    }
    return out;
  }
  return node;
}

} // namespace

TEST_SUITE("validate") {
  TEST_CASE("no propertyNames reaches valijson, outside enum/const/default/examples data") {
    json schema = json::parse(R"({"type":"object","propertyNames":{"pattern":"^a$"},
      "properties":{"labels":{"propertyNames":{"pattern":"^b$"}},
                    "x":{"default":{"propertyNames":1}}}})");
    isvc::validate::drop_property_names(schema);
    CHECK(schema == json::parse(R"({"type":"object","properties":{"labels":{},
      "x":{"default":{"propertyNames":1}}}})"));
  }

  TEST_CASE("every embedded schema, deduplicated, expands back to the guarded original "
            "without propertyNames") {
    for (const char* rel : {"schemas/isvc-scale.io_v1_AutoScaling.json",
                            "schemas/strict/autoscaling_v2_HorizontalPodAutoscaler.json",
                            "schemas/strict/keda.sh_v1alpha1_ClusterTriggerAuthentication.json",
                            "schemas/strict/keda.sh_v1alpha1_ScaledObject.json",
                            "schemas/strict/keda.sh_v1alpha1_TriggerAuthentication.json",
                            "schemas/strict/monitoring.coreos.com_v1_PodMonitor.json",
                            "schemas/strict/opentelemetry.io_v1beta1_OpenTelemetryCollector.json",
                            "schemas/strict/serving.kserve.io_v1beta1_InferenceService.json"}) {
      CAPTURE(rel);
      std::string text = read_schema(rel);
      json guarded = json::parse(text);
      isvc::validate::guard_formats(guarded);
      isvc::validate::drop_property_names(guarded);
      isvc::validate::use_native_patterns(guarded);
      json prepared = json::parse(isvc::validate::prepare_schema(text));
      json definitions = prepared.value("definitions", json::object());
      prepared.erase("definitions");
      CHECK(inline_refs(prepared, definitions) == guarded);
    }
  }

  TEST_CASE("the InferenceService CRD shrinks to a tenth: PodSpec and Container are shared") {
    std::string text =
        read_schema("schemas/strict/serving.kserve.io_v1beta1_InferenceService.json");
    std::string prepared = isvc::validate::prepare_schema(text);
    CHECK(prepared.size() * 10 < text.size());
  }

  TEST_CASE("dedupe: a repeated subschema becomes one definition, data keywords stay") {
    json big = {{"type", "object"},
                {"properties", {{"a", {{"type", "string"}}}, {"b", {{"type", "integer"}}}}}};
    json schema = {
        {"type", "object"},
        {"properties",
         {{"x", big}, {"y", big}, {"z", {{"enum", {big, big}}}}, {"t", {{"type", "x"}}}}}};
    json out = isvc::validate::dedupe_subschemas(schema);
    // big, and inside it {"type":"string"} and {"type":"integer"}; {"type":"x"} is too short.
    CHECK(out["definitions"].size() == 3);
    CHECK(out["properties"]["x"] == out["properties"]["y"]);
    CHECK(out["properties"]["x"].contains("$ref"));
    CHECK(out["properties"]["t"] == json{{"type", "x"}});
    CHECK(out["properties"]["z"]["enum"] == json::array({big, big}));
    json definitions = out["definitions"];
    out.erase("definitions");
    CHECK(inline_refs(out, definitions) == schema);
    CHECK_THROWS_AS(isvc::validate::dedupe_subschemas({{"$ref", "#/x"}}), std::invalid_argument);
    CHECK_THROWS_AS(isvc::validate::dedupe_subschemas({{"definitions", json::object()}}),
                    std::invalid_argument);
  }
}
