// SPDX-License-Identifier: Apache-2.0
#include "validate/schema_lazy.hpp"

#include "validate/node_adapter.hpp"
#include "validate/schema_patterns.hpp"
#include "validate/schema_split.hpp"

#include <atomic>
#include <mutex>
#include <new>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validation_visitor.hpp>

namespace isvc::validate {

struct LazySchema::Part {
  std::string_view text;
  std::once_flag once;
  std::atomic<bool> done{false};
  // Kept: valijson does not read it after compiling, but freeing a parsed tree costs more
  // than a short run's validation (see validate/schema.cpp).
  nlohmann::json doc;
  // Made on first use: constructing a valijson::Schema allocates, and most parts are never
  // reached.
  std::unique_ptr<valijson::Schema> schema;
};

namespace {

using valijson::adapters::NlohmannJsonAdapter;

// Stands for {"x-isvc-lazy": N}: validates the target against part N with the visitor
// state valijson would have used had the part been inline (context, result sink, strict
// types as valijson::Validator's default).
class LazyRef : public valijson::constraints::PolyConstraint {
public:
  LazyRef(const LazySchema* schema, std::size_t index) : m_schema(schema), m_index(index) {}

  bool validate(const valijson::adapters::Adapter& target,
                const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    // valijson hands a PolyConstraint the visitor's own adapter: lint's view of the
    // document (validate/node_adapter.hpp), or an nlohmann tree (the schema tests).
    if (const auto* node = dynamic_cast<const NodeAdapter*>(&target); node != nullptr) {
      return run(*node, context, results);
    }
    if (const auto* json = dynamic_cast<const NlohmannJsonAdapter*>(&target); json != nullptr) {
      return run(*json, context, results);
    }
    throw std::logic_error("x-isvc-lazy: an adapter this project does not validate with");
  }

private:
  template <class A>
  bool run(const A& target,
           const std::vector<std::string>& context,
           valijson::ValidationResults* results) const {
    thread_local std::unordered_map<std::string, std::regex> regexes;
    valijson::ValidationVisitor<A> visitor(target, context, true, results, regexes);
    return visitor.validateSchema(m_schema->part(m_index));
  }

  valijson::constraints::Constraint* cloneInto(void* where) const override {
    return new (where) LazyRef(*this);
  }
  std::size_t sizeOf() const override { return sizeof(LazyRef); }

  const LazySchema* m_schema;
  std::size_t m_index;
};

// Stands for a `pattern` that native_matcher knows: what valijson's PatternConstraint check
// does (validation_visitor.hpp, visit(const PatternConstraint&): strings only under strict
// types, the same message), without compiling a std::regex.
class NativePattern : public valijson::constraints::PolyConstraint {
public:
  explicit NativePattern(PatternMatcher matcher) : m_matcher(matcher) {}

  bool validate(const valijson::adapters::Adapter& target,
                const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString() || m_matcher(target.asString())) {
      return true;
    }
    if (results != nullptr) {
      results->pushError(context, "Failed to match regex specified by 'pattern' constraint.");
    }
    return false;
  }

private:
  valijson::constraints::Constraint* cloneInto(void* where) const override {
    return new (where) NativePattern(*this);
  }
  std::size_t sizeOf() const override { return sizeof(NativePattern); }

  PatternMatcher m_matcher;
};

class NativePatternBuilder : public valijson::ConstraintBuilder {
public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    PatternMatcher matcher = value.isString() ? native_matcher(value.asString()) : nullptr;
    if (matcher == nullptr) {
      throw std::logic_error("x-isvc-pattern: no matcher for this pattern");
    }
    return new NativePattern(matcher);
  }
};

class LazyBuilder : public valijson::ConstraintBuilder {
public:
  explicit LazyBuilder(const LazySchema* schema) : m_schema(schema) {}

  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    std::int64_t index = 0;
    if (!value.getInteger(index) || index <= 0 ||
        static_cast<std::size_t>(index) >= m_schema->size()) {
      throw std::logic_error("x-isvc-lazy: no such part");
    }
    return new LazyRef(m_schema, static_cast<std::size_t>(index));
  }

private:
  const LazySchema* m_schema;
};

} // namespace

LazySchema::LazySchema(std::vector<std::string_view> parts)
    : m_parts(std::make_unique<Part[]>(parts.size())), m_size(parts.size()) {
  for (std::size_t i = 0; i < m_size; ++i) {
    m_parts[i].text = parts[i];
  }
}

LazySchema::~LazySchema() = default;

const valijson::Schema& LazySchema::part(std::size_t index) const {
  if (index >= m_size) {
    throw std::out_of_range("LazySchema: no such part");
  }
  Part& p = m_parts[index];
  std::call_once(p.once, [this, &p]() {
    p.doc = nlohmann::json::parse(p.text);
    p.schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser;
    parser.addConstraintBuilder(std::string(k_lazy_keyword), new LazyBuilder(this));
    parser.addConstraintBuilder(std::string(k_native_pattern_keyword), new NativePatternBuilder());
    NlohmannJsonAdapter adapter(p.doc);
    parser.populateSchema(adapter, *p.schema);
    p.done = true;
  });
  return *p.schema;
}

std::size_t LazySchema::size() const { return m_size; }

std::size_t LazySchema::compiled() const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < m_size; ++i) {
    n += m_parts[i].done ? 1 : 0;
  }
  return n;
}

} // namespace isvc::validate
