// SPDX-License-Identifier: Apache-2.0
// Lazily compiled schema parts (validate/schema_split.hpp, validate/schema_lazy.hpp): the
// split schema is the same schema, and valijson reports exactly the same errors, contexts
// and order through it as through the whole deduplicated schema.
#include "diag/diagnostic.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "validate/schema_dedupe.hpp"
#include "validate/schema_lazy.hpp"
#include "validate/schema_split.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* const k_files[] = {
    "schemas/isvc-scale.io_v1_AutoScaling.json",
    "schemas/strict/autoscaling_v2_HorizontalPodAutoscaler.json",
    "schemas/strict/keda.sh_v1alpha1_ClusterTriggerAuthentication.json",
    "schemas/strict/keda.sh_v1alpha1_ScaledObject.json",
    "schemas/strict/keda.sh_v1alpha1_TriggerAuthentication.json",
    "schemas/strict/monitoring.coreos.com_v1_PodMonitor.json",
    "schemas/strict/opentelemetry.io_v1beta1_OpenTelemetryCollector.json",
    "schemas/strict/serving.kserve.io_v1beta1_InferenceService.json"};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string read_schema(const std::string& rel) {
  return read_text(fs::path(ISVC_SOURCE_DIR) / rel);
}

// Replaces lazy parts and $refs by what they stand for, recursively.
json expand(const json& node, const std::vector<json>& parts, const json& definitions) {
  if (node.is_object() && node.size() == 1 &&
      node.contains(std::string(isvc::validate::k_lazy_keyword))) {
    const json& part = parts.at(node.begin()->get<std::size_t>());
    json body = part;
    body.erase("definitions");
    return expand(body, parts, part.value("definitions", json::object()));
  }
  if (node.is_object() && node.size() == 1 && node.contains("$ref")) {
    std::string ref = node["$ref"].get<std::string>();
    REQUIRE(ref.rfind("#/definitions/", 0) == 0);
    return expand(definitions.at(ref.substr(14)), parts, definitions);
  }
  if (node.is_structured()) {
    json out = node;
    for (auto& value : out) {
      value = expand(value, parts, definitions);
    }
    return out;
  }
  return node;
}

std::vector<std::string> errors_of(const valijson::Subschema& schema, const json& doc) {
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  valijson::ValidationResults results;
  validator.validate(schema, adapter, &results);
  std::vector<std::string> out;
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    std::string line;
    for (const auto& c : err.context) {
      line += c;
    }
    out.push_back(line + " " + err.description);
  }
  return out;
}

// Every sample document, and variants with one value replaced by a wrong type, an unknown
// key, or a bad quantity, so that errors come from deep inside many parts.
void variants(json& doc, json* at, std::vector<json>& out, int& budget) {
  if (--budget < 0) {
    return;
  }
  json saved = *at;
  for (const json& bad : {json{{"a", 1}}, json("1x"), json(-1), json::array({1})}) {
    *at = bad;
    out.push_back(doc);
  }
  *at = saved;
  if (at->is_object()) {
    (*at)["unknownFieldX"] = 1;
    out.push_back(doc);
    at->erase("unknownFieldX");
    for (auto& [key, value] : at->items()) {
      variants(doc, &value, out, budget);
    }
  } else if (at->is_array()) {
    for (auto& value : *at) {
      variants(doc, &value, out, budget);
    }
  }
}

std::vector<json> corpus() {
  std::vector<json> docs;
  for (const fs::path& dir :
       {fs::path(ISVC_SOURCE_DIR) / "samples", fs::path(ISVC_SOURCE_DIR) / "tests/golden"}) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".yaml") {
        continue;
      }
      isvc::diag::Sink sink;
      auto file = isvc::parse::load_yaml(entry.path().string(), read_text(entry.path()), sink);
      for (const auto& d : file.docs) {
        docs.push_back(json(isvc::parse::to_json(d.root)));
      }
    }
  }
  std::vector<json> out = docs;
  for (auto& d : docs) {
    int budget = 3; // nodes per document: ~15 variants each
    variants(d, &d, out, budget);
  }
  return out;
}

} // namespace

TEST_SUITE("validate") {
  TEST_CASE("every embedded schema, split into parts, expands back to the deduplicated whole") {
    for (const char* rel : k_files) {
      CAPTURE(rel);
      std::string text = read_schema(rel);
      json deduped = json::parse(isvc::validate::prepare_schema(text));
      json definitions = deduped.value("definitions", json::object());
      deduped.erase("definitions");
      std::vector<json> parts;
      for (const auto& p : isvc::validate::prepare_schema_parts(text)) {
        parts.push_back(json::parse(p));
      }
      REQUIRE(!parts.empty());
      CHECK(expand(json{{std::string(isvc::validate::k_lazy_keyword), 0}}, parts, json()) ==
            expand(deduped, {}, definitions));
    }
  }

  TEST_CASE("valijson reports the same errors, contexts and order through the parts") {
    std::vector<json> docs = corpus();
    CHECK(docs.size() > 500);
    std::size_t failing = 0;
    for (const char* rel : k_files) {
      CAPTURE(rel);
      std::string text = read_schema(rel);
      json whole_doc = json::parse(isvc::validate::prepare_schema(text));
      valijson::Schema whole;
      valijson::SchemaParser parser;
      valijson::adapters::NlohmannJsonAdapter adapter(whole_doc);
      parser.populateSchema(adapter, whole);
      std::vector<std::string> texts = isvc::validate::prepare_schema_parts(text);
      isvc::validate::LazySchema lazy(std::vector<std::string_view>(texts.begin(), texts.end()));
      for (const auto& doc : docs) {
        auto want = errors_of(whole, doc);
        failing += want.empty() ? 0 : 1;
        REQUIRE(errors_of(lazy.root(), doc) == want);
      }
    }
    CHECK(failing > 500);
  }

  TEST_CASE("one InferenceService compiles a few of the CRD's parts, not all") {
    std::string text =
        read_schema("schemas/strict/serving.kserve.io_v1beta1_InferenceService.json");
    std::vector<std::string> texts = isvc::validate::prepare_schema_parts(text);
    isvc::validate::LazySchema lazy(std::vector<std::string_view>(texts.begin(), texts.end()));
    CHECK(lazy.compiled() == 0);
    json doc = json::parse(R"({"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService",
      "metadata":{"name":"m"},"spec":{"predictor":{"model":{"modelFormat":{"name":"sklearn"}}}}})");
    CHECK(errors_of(lazy.root(), doc).empty());
    CHECK(lazy.compiled() > 1);
    CHECK(lazy.compiled() * 4 < lazy.size());
  }

  TEST_CASE("split: a large subschema becomes a part, small ones stay inline or $ref") {
    json big = json::object();
    for (int i = 0; i < 8; ++i) {
      big["properties"]["field" + std::to_string(i)] = {{"type", "string"}};
    }
    json schema = {{"type", "object"},
                   {"properties", {{"small", {{"type", "integer"}}}, {"big", big}}}};
    auto parts = isvc::validate::split_schema(schema, 64);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0]["properties"]["small"] == json{{"type", "integer"}});
    CHECK(parts[0]["properties"]["big"] == json{{"x-isvc-lazy", 1}});
    CHECK(parts[1] == big);
    CHECK(isvc::validate::split_schema(schema, 1 << 20).size() == 1);
  }
}
