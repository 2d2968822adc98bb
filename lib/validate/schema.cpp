// SPDX-License-Identifier: Apache-2.0
#include "validate/schema.hpp"

#include "util/error.hpp"
#include "util/spellcheck.hpp"
#include "util/strings.hpp"
#include "validate/node_adapter.hpp"
#include "validate/schema_embedded.hpp"
#include "validate/schema_guard.hpp"
#include "validate/schema_lazy.hpp"

#include <deque>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace isvc::embedded {
extern const std::pair<std::string_view, std::string_view> k_schema_files[];
extern const std::size_t k_schema_files_count;
} // namespace isvc::embedded

namespace isvc::validate {
namespace {

// One embedded schema, compiled on first use from its build-time form
// (validate/schema_dedupe.hpp: the InferenceService CRD is 640 KB of text and 58 KB
// deduplicated) part by part as documents reach them (validate/schema_split.hpp), so a run
// compiles only what its documents use. The text itself is parsed only when a document fails
// it, for the words of the messages.
struct Compiled {
  std::string_view text;
  std::unique_ptr<LazySchema> lazy;

  const valijson::Schema& schema() const { return lazy->root(); }

  /// The schema as written, for "did you mean" on unknown fields and allowed values.
  const nlohmann::json& doc() const {
    std::call_once(m_doc_once, [this]() { m_doc = nlohmann::json::parse(text); });
    return m_doc;
  }

private:
  mutable std::once_flag m_doc_once;
  mutable nlohmann::json m_doc;
};

// valijson context ["<root>", "[spec]", "[0]"] -> "/spec/0".
std::string to_pointer(const std::vector<std::string>& context) {
  std::string out;
  for (std::size_t i = 1; i < context.size(); ++i) {
    std::string_view c = context[i];
    if (c.size() >= 2 && c.front() == '[' && c.back() == ']') {
      c = c.substr(1, c.size() - 2);
    }
    out = util::pointer_join(out, c);
  }
  return out;
}

// The subschema at `pointer` (walks properties/items), or nullptr.
const nlohmann::json* subschema(const nlohmann::json& schema, std::string_view pointer) {
  const nlohmann::json* cur = &schema;
  std::size_t pos = 0;
  while (pos < pointer.size()) {
    std::size_t end = pointer.find('/', pos + 1);
    std::string tok(pointer.substr(pos + 1, end == std::string_view::npos ? end : end - pos - 1));
    pos = end == std::string_view::npos ? pointer.size() : end;
    for (std::size_t p = tok.find("~1"); p != std::string::npos; p = tok.find("~1")) {
      tok.replace(p, 2, "/");
    }
    if (cur->contains("properties") && (*cur)["properties"].contains(tok)) {
      cur = &(*cur)["properties"][tok];
    } else if (cur->contains("items")) {
      cur = &(*cur)["items"];
    } else if (cur->contains("additionalProperties") &&
               (*cur)["additionalProperties"].is_object()) {
      cur = &(*cur)["additionalProperties"];
    } else {
      return nullptr;
    }
  }
  return cur;
}

// "one of a, b, c" from the subschema's enum/const, or "".
std::string allowed_values(const nlohmann::json& schema, std::string_view pointer) {
  const nlohmann::json* s = subschema(schema, pointer);
  if (s == nullptr) {
    return {};
  }
  if (s->contains("const")) {
    return "must be " + (*s)["const"].dump();
  }
  if (!s->contains("enum")) {
    return {};
  }
  std::string out = "must be one of ";
  bool first = true;
  for (const auto& v : (*s)["enum"]) {
    out += (first ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
    first = false;
  }
  return out;
}

// "must be between 0 and 2147483647" from the subschema's minimum/maximum, or "" (valijson
// words it "Expected number less than or equal to 2147483647.000000").
std::string range_text(const nlohmann::json& schema, std::string_view pointer) {
  const nlohmann::json* s = subschema(schema, pointer);
  if (s == nullptr || !s->is_object()) {
    return {};
  }
  bool lo = s->contains("minimum") && (*s)["minimum"].is_number();
  bool hi = s->contains("maximum") && (*s)["maximum"].is_number();
  if (lo && hi) {
    return fmt::format("must be between {} and {}", (*s)["minimum"].dump(), (*s)["maximum"].dump());
  }
  if (hi) {
    return fmt::format("must be at most {}", (*s)["maximum"].dump());
  }
  if (lo) {
    return fmt::format("must be at least {}", (*s)["minimum"].dump());
  }
  return {};
}

// Properties the schema allows at `pointer` (walks properties/items).
std::vector<std::string> allowed_keys(const nlohmann::json& schema, std::string_view pointer) {
  const nlohmann::json* cur = &schema;
  std::size_t pos = 0;
  while (pos < pointer.size()) {
    std::size_t end = pointer.find('/', pos + 1);
    std::string tok(pointer.substr(pos + 1, end == std::string_view::npos ? end : end - pos - 1));
    pos = end == std::string_view::npos ? pointer.size() : end;
    if (cur->contains("properties") && (*cur)["properties"].contains(tok)) {
      cur = &(*cur)["properties"][tok];
    } else if (cur->contains("items")) {
      cur = &(*cur)["items"];
    } else {
      return {};
    }
  }
  std::vector<std::string> keys;
  if (cur->contains("properties")) {
    for (auto it = (*cur)["properties"].begin(); it != (*cur)["properties"].end(); ++it) {
      keys.push_back(it.key());
    }
  }
  return keys;
}

// " (want string)", or for x-kubernetes-int-or-string (crd-to-jsonschema writes it as
// anyOf integer|string) the reason a YAML float such as `cpu: 0.1` fails it.
std::string wanted_type(const nlohmann::json* sub) {
  if (sub == nullptr || !sub->is_object()) {
    return {};
  }
  if (sub->contains("type") && (*sub)["type"].is_string()) {
    return " (want " + (*sub)["type"].get<std::string>() + ")";
  }
  if (sub->contains("anyOf") &&
      (*sub)["anyOf"].dump() == R"([{"type":"integer"},{"type":"string"}])") {
    return " (want an integer or a string: a quantity such as 0.1 must be quoted, \"0.1\", "
           "or written 100m)";
  }
  return {};
}

// `{name}` is a flow mapping with one null value, and the loader drops null values (see
// parse/yaml_loader.cpp drop_nulls): an empty mapping spelled `{...}` in the source is what
// YAML makes of a placeholder. The text is taken from `source` at the node's position.
std::string placeholder_hint(const model::Node* node, std::string_view source) {
  if (node == nullptr || !node->is_map() || !node->keys.empty() || node->mark.line == 0) {
    return {};
  }
  std::size_t at = 0;
  for (std::uint32_t line = 1; line < node->mark.line && at != std::string_view::npos; ++line) {
    at = source.find('\n', at);
    at = at == std::string_view::npos ? at : at + 1;
  }
  if (at == std::string_view::npos || at + node->mark.col - 1 >= source.size()) {
    return {};
  }
  std::string_view rest = source.substr(at + node->mark.col - 1);
  auto close = rest.find_first_of("}\n");
  if (rest.empty() || rest.front() != '{' || close == std::string_view::npos ||
      rest[close] != '}' || close < 2) {
    return {};
  }
  std::string_view text = rest.substr(0, close + 1);
  return fmt::format(": the {{...}} in `{}` was read as a YAML mapping, not as text; quote it "
                     "(\"{}\") if it is a placeholder, or fill it in",
                     text, text);
}

struct Classified {
  diag::RuleId rule;
  std::string message;
  std::string pointer;
  std::string key; // set for unknown fields: report at the key
  /// For unknown fields, the one allowed key close to it (`lint --fix` renames to it).
  std::string correction = {};
};

// A pattern failure's fix names the grammar that failed: label values and quantities are
// the two a person meets most, and one fix for both misleads on either.
// `message` names the pattern that failed.
std::string pattern_fix(const std::string& pointer, const std::string& message) {
  auto slash = pointer.rfind('/');
  std::string parent = slash == std::string::npos ? std::string() : pointer.substr(0, slash);
  if (util::ends_with(parent, "/labels") || util::ends_with(parent, "/matchLabels")) {
    return "Use a label value of at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', "
           "beginning and ending with a letter or digit (or empty); keep other text in an "
           "annotation.";
  }
  if (message.find("[KMGTPE]i") != std::string::npos) {
    return "Write a Kubernetes quantity: a number with an optional suffix, e.g. 4, 0.5, 500m or "
           "1Gi.";
  }
  return {};
}

// Turns valijson's text into a rule id and a message a person can act on.
std::optional<Classified>
classify(const std::string& desc, const std::string& pointer, const nlohmann::json& schema) {
  auto quoted = [&desc]() {
    auto a = desc.rfind('\'', desc.size() - 3);
    auto b = desc.rfind('\'');
    return a != std::string::npos && b > a ? desc.substr(a + 1, b - a - 1) : std::string();
  };
  std::string where = pointer.empty() ? "the document" : pointer;
  if (desc.find("could not be validated using 'properties' or 'additionalProperties'") !=
      std::string::npos) {
    std::string key = quoted();
    auto keys = allowed_keys(schema, pointer);
    std::vector<std::string_view> views(keys.begin(), keys.end());
    return Classified{
        "schema-unknown-field",
        fmt::format("unknown field \"{}\" in {}{}", key, where, util::did_you_mean(key, views)),
        util::pointer_join(pointer, key), key, util::sole_correction(key, views)};
  }
  if (util::starts_with(desc, "Missing required property")) {
    return Classified{"schema-required",
                      fmt::format("missing required field \"{}\" in {}", quoted(), where),
                      pointer,
                      {}};
  }
  if (desc.find("'type' constraint") != std::string::npos) {
    return Classified{
        "schema-type",
        fmt::format("{} has the wrong type{}", where, wanted_type(subschema(schema, pointer))),
        pointer,
        {}};
  }
  if (desc.find("pattern") != std::string::npos) {
    const nlohmann::json* sub = subschema(schema, pointer);
    std::string pattern =
        sub != nullptr && sub->contains("pattern") && (*sub)["pattern"].is_string()
            ? (*sub)["pattern"].get<std::string>()
            : std::string();
    return Classified{"schema-pattern",
                      pattern.empty()
                          ? fmt::format("{} does not match the required format", where)
                          : fmt::format("{} does not match the required format {}", where, pattern),
                      pointer,
                      {}};
  }
  if (desc.find("enum values") != std::string::npos || desc.find("'const'") != std::string::npos) {
    std::string allowed = allowed_values(schema, pointer);
    return Classified{"schema-enum",
                      allowed.empty() ? fmt::format("{} is not one of the allowed values", where)
                                      : fmt::format("{} {}", where, allowed),
                      pointer,
                      {}};
  }
  if (desc.find("minimum") != std::string::npos || desc.find("maximum") != std::string::npos ||
      desc.find("less than") != std::string::npos ||
      desc.find("greater than") != std::string::npos || desc.find("length") != std::string::npos ||
      desc.find("fewer than") != std::string::npos || desc.find("more than") != std::string::npos) {
    std::string bounds = range_text(schema, pointer);
    return Classified{"schema-range",
                      bounds.empty() ? fmt::format("{} is out of range: {}", where, desc)
                                     : fmt::format("{} {}", where, bounds),
                      pointer,
                      {}};
  }
  // Wrapper messages for nested failures repeat a leaf error reported on its own.
  if (desc.find("Failed to validate against schema associated with property") !=
          std::string::npos ||
      desc.find("Failed to validate item") != std::string::npos ||
      desc.find("child schema") != std::string::npos ||
      desc.find("Failed to validate against") != std::string::npos) {
    return std::nullopt;
  }
  return Classified{"schema-invalid", fmt::format("{}: {}", where, desc), pointer, {}};
}

std::string key_for(std::string_view api_version, std::string_view kind) {
  return std::string(api_version) + " " + std::string(kind);
}

// apiVersion/kind from the schema's x-kubernetes-group-version-kind, read without parsing
// the whole file (crd-to-jsonschema writes it near the top); the project's own AutoScaling
// schema has none and applies to serving.kserve.io/v1beta1 InferenceService.
std::string key_of(std::string_view text) {
  auto at = text.find("\"x-kubernetes-group-version-kind\"");
  if (at == std::string_view::npos) {
    return key_for("serving.kserve.io/v1beta1", "InferenceService");
  }
  auto end = text.find('}', at);
  auto gvk = nlohmann::json::parse(text.substr(text.find('{', at), end - text.find('{', at) + 1));
  std::string group = gvk.value("group", "");
  return key_for((group.empty() ? "" : group + "/") + gvk.value("version", ""),
                 gvk.value("kind", ""));
}

// Findings of one document against one schema, one per node: the most specific one (a
// pattern or enum failure inside an anyOf also produces a type failure for the other
// branch). `best`/`order` are shared across the schemas of one kind, so two schemas that
// both reject a node report it once.
void collect(const Compiled& c,
             const JsonView& target,
             std::map<std::string, Classified>& best,
             std::vector<std::string>& order) {
  // One validator per thread keeps valijson's compiled-regex cache warm.
  thread_local valijson::Validator validator;
  NodeAdapter adapter(target);
  // Most documents pass: without a result sink valijson stops at the first failure and
  // pushes no error texts (validation_visitor.hpp: applyStrict, `if (m_results)`), so
  // only a failing document pays for the second, collecting pass.
  if (validator.validate(c.schema(), adapter, nullptr)) {
    return;
  }
  valijson::ValidationResults results;
  if (validator.validate(c.schema(), adapter, &results)) {
    return;
  }
  auto rank = [](std::string_view rule) {
    return rule == "schema-type" ? 0 : rule == "schema-invalid" ? 1 : 2;
  };
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    auto found = classify(err.description, to_pointer(err.context), c.doc());
    if (!found) {
      continue;
    }
    auto [slot, inserted] = best.try_emplace(found->pointer, *found);
    if (inserted) {
      order.push_back(found->pointer);
    } else if (rank(found->rule) > rank(slot->second.rule)) {
      slot->second = *found;
    }
  }
}

// An InferenceService of a version KServe v0.20 does not serve: its CRD
// (config/crd/full/serving.kserve.io_inferenceservices.yaml, spec.versions) lists v1beta1 only.
void unserved_version(const Subject& d, diag::Sink& sink) {
  if (d.type.kind != "InferenceService" ||
      !util::starts_with(d.type.api_version, "serving.kserve.io/")) {
    return;
  }
  diag::Diagnostic diag;
  diag.file = d.shared_file();
  diag.doc = d.doc.index;
  diag.mark = mark_at(d.root(), "/apiVersion");
  diag.severity = diag::Severity::error;
  diag.rule = "kserve-api-version";
  if (const Rule* rule = find_rule(diag.rule)) {
    diag.fix = util::SharedText::borrow(rule->fix);
  }
  diag.message = fmt::format("apiVersion {} is not served by KServe v0.20, whose InferenceService "
                             "CRD serves serving.kserve.io/v1beta1 only: the API server rejects "
                             "this document, and isvc-scale does not check or render it",
                             d.type.api_version);
  diag.pointer = "/apiVersion";
  diag.object = d.object();
  sink.add(std::move(diag));
}

} // namespace

struct Schemas::Impl {
  // Several schemas may apply to one kind (InferenceService: the upstream CRD and the
  // project's autoscaling limits); std::deque because Compiled cannot move.
  std::map<std::string, std::deque<Compiled>> by_kind;
};

Schemas::Schemas() : m_impl(std::make_unique<Impl>()) {
  for (std::size_t i = 0; i < embedded::k_schema_files_count; ++i) {
    std::string_view text = embedded::k_schema_files[i].second;
    Compiled& c = m_impl->by_kind[key_of(text)].emplace_back();
    c.text = text;
    const embedded::SchemaParts& parts = embedded::k_schema_compiled[i];
    c.lazy = std::make_unique<LazySchema>(
        std::vector<std::string_view>(parts.parts, parts.parts + parts.count));
    if (parts.file != embedded::k_schema_files[i].first) {
      throw std::logic_error("embedded schema tables out of order"); // one CMake list makes both
    }
  }
}

Schemas::~Schemas() = default;

const Schemas& Schemas::get() {
  // Never destroyed: freeing the compiled InferenceService schema (tens of thousands of
  // subschemas) at exit would cost more than a short lint run itself.
  static const Schemas* const k_instance = new Schemas();
  return *k_instance;
}

bool Schemas::knows(const parse::TypeMeta& tm) const {
  return m_impl->by_kind.count(key_for(tm.api_version, tm.kind)) != 0;
}

void Schemas::validate(const Subject& d, diag::Sink& sink) const {
  auto it = m_impl->by_kind.find(key_for(d.type.api_version, d.type.kind));
  if (it == m_impl->by_kind.end()) {
    unserved_version(d, sink);
    return;
  }
  // valijson reads the document through an adapter over the Node tree: building
  // nlohmann::json per document (parse::to_json, cap_strings) was a sixth of validating.
  JsonView target = make_view(d.root());
  std::map<std::string, Classified> best;
  std::vector<std::string> order;
  for (auto& c : it->second) {
    collect(c, target, best, order);
  }
  for (const auto& ptr : order) {
    auto c = std::optional<Classified>(best.at(ptr));
    diag::Diagnostic diag;
    diag.file = d.shared_file();
    diag.doc = d.doc.index;
    model::Mark mark = mark_at(d.root(), c->pointer);
    if (!c->key.empty()) {
      // Point at the unknown key itself, not at its value.
      const model::Node* parent =
          node_at(d.root(), std::string_view(c->pointer).substr(0, c->pointer.rfind('/')));
      if (parent != nullptr && parent->is_map()) {
        mark = parent->key_mark(c->key);
        // Renamed onto a key already there, the document would hold it twice.
        if (!c->correction.empty() && parent->get(c->correction) == nullptr) {
          diag.edit = diag::Edit::rename(mark, c->correction);
        }
      }
    }
    diag.mark = mark;
    diag.severity = diag::Severity::error;
    diag.rule = c->rule;
    if (const Rule* rule = find_rule(c->rule)) {
      diag.fix = util::SharedText::borrow(rule->fix);
    }
    if (std::string_view(c->rule) == "schema-pattern") {
      if (std::string fix = pattern_fix(c->pointer, c->message); !fix.empty()) {
        diag.fix = std::move(fix);
      }
    }
    diag.message = std::move(c->message);
    if (std::string_view(c->rule) == "schema-type") {
      diag.message += placeholder_hint(node_at(d.root(), c->pointer), d.source);
    }
    diag.pointer = c->pointer;
    diag.object = d.object();
    sink.add(std::move(diag));
  }
}

} // namespace isvc::validate
