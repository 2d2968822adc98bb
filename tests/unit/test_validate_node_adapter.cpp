// SPDX-License-Identifier: Apache-2.0
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "validate/node_adapter.hpp"
#include "validate/schema_guard.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace {

using isvc::validate::JsonView;
using isvc::validate::NodeAdapter;
using Type = isvc::parse::TypedScalar::Type;

// What Schemas::validate handed valijson before the adapter: to_json, nlohmann::json, capped.
nlohmann::json reference(const isvc::model::Node& root) {
  nlohmann::json j = isvc::parse::to_json(root);
  isvc::validate::cap_strings(j);
  return j;
}

// The view, written back as nlohmann::json (keys in the view's own order must already be
// sorted and unique, which the CHECK on the key order asserts).
nlohmann::json as_json(const JsonView& v) {
  switch (v.kind) {
  case JsonView::Kind::array: {
    auto out = nlohmann::json::array();
    for (const auto& item : v.items) {
      out.push_back(as_json(item));
    }
    return out;
  }
  case JsonView::Kind::object: {
    auto out = nlohmann::json::object();
    for (std::size_t i = 0; i < v.keys.size(); ++i) {
      if (i > 0) {
        CHECK(*v.keys[i - 1] < *v.keys[i]);
      }
      out[*v.keys[i]] = as_json(v.items[i]);
    }
    return out;
  }
  case JsonView::Kind::scalar:
    break;
  }
  switch (v.scalar.type) {
  case Type::null:
    return nullptr;
  case Type::boolean:
    return v.scalar.boolean;
  case Type::integer:
    return v.scalar.integer;
  case Type::number:
    return v.scalar.number;
  case Type::string:
    return *v.text;
  }
  return nullptr;
}

isvc::model::Node load(const std::string& yaml) {
  isvc::diag::Sink sink;
  auto f = isvc::parse::load_yaml("f.yaml", yaml, sink);
  REQUIRE(f.docs.size() == 1);
  return f.docs.front().root;
}

} // namespace

TEST_SUITE("validate::NodeAdapter") {
  TEST_CASE("the view is the JSON valijson saw through to_json and cap_strings") {
    std::string long_a(1100, 'k');
    std::string long_b = long_a + "b"; // equal to long_a once capped
    std::string long_value(2000, 'v');
    const char* scalars =
        "z: yes\ny: on\nx: ~\nw: \"\"\nv: '5'\nu: !!str 5\nt: 012\ns: 0x1F\nr: 1e309\n"
        "q: .inf\np: nan\no: 1.5\nn: -7\nm: Off\nl: NULL\nk: 9223372036854775808\n";
    const char* cases[] = {
        "a: 1\nb: 2\na: 3\n",
        scalars,
        "list: [1, {b: 2, a: 1, b: 3}, [], {}, null, \"x\"]\nempty: {}\n",
    };
    for (const char* yaml : cases) {
      CAPTURE(yaml);
      auto root = load(yaml);
      CHECK(as_json(isvc::validate::make_view(root)) == reference(root));
    }
    // A plain key is at most 1,024 characters (YAML 1.2, 7.4.2); `?` writes a longer one.
    auto root = load("? " + long_b + "\n: 1\n? " + long_a + "\n: 2\nshort: " + long_value + "\n");
    auto view = isvc::validate::make_view(root);
    CHECK(as_json(view) == reference(root));
    CHECK(view.keys.size() == 2);
  }

  TEST_CASE("valijson reports the same errors through either adapter") {
    auto schema_json = nlohmann::json::parse(R"({
      "type": "object", "required": ["name"], "additionalProperties": false,
      "properties": {
        "name": {"type": "string", "pattern": "^[a-z]+$"},
        "n": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
        "items": {"type": "array", "items": {"type": "object",
                  "properties": {"v": {"enum": ["a", "b"]}}}}
      }})");
    valijson::Schema schema;
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
    parser.populateSchema(schema_adapter, schema);
    auto root = load("name: Ab1\nn: 1.5\nitems: [{v: c}, {v: a}]\nextra: 1\n");
    auto ref = reference(root);
    auto view = isvc::validate::make_view(root);
    valijson::Validator validator;
    valijson::ValidationResults want;
    valijson::ValidationResults got;
    CHECK_FALSE(validator.validate(schema, valijson::adapters::NlohmannJsonAdapter(ref), &want));
    CHECK_FALSE(validator.validate(schema, NodeAdapter(view), &got));
    REQUIRE(got.numErrors() == want.numErrors());
    valijson::ValidationResults::Error a;
    valijson::ValidationResults::Error b;
    while (want.popError(a)) {
      REQUIRE(got.popError(b));
      CHECK(b.context == a.context);
      CHECK(b.description == a.description);
    }
    CHECK(validator.validate(schema, NodeAdapter(isvc::validate::make_view(load("name: ab\n"))),
                             nullptr));
  }
}
