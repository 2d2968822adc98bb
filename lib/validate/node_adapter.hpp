// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/node.hpp"
#include "parse/to_json.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>
#include <vector>

namespace isvc::validate {

/// The JSON value valijson would see for a model::Node after parse::to_json, the conversion
/// to nlohmann::json and cap_strings: scalars typed by parse::type_scalar, object keys in
/// std::map order with the last of a repeated key winning, strings and keys over
/// k_schema_string_cap capped. Built once per document, pointing into the Node tree.
struct JsonView {
  enum class Kind : std::uint8_t { scalar, array, object };
  Kind kind = Kind::scalar;
  parse::TypedScalar scalar;
  /// The string of a string scalar (the node's text, or a capped copy in `owned`).
  const std::string* text = nullptr;
  /// Array items, or object values parallel to `keys`.
  std::vector<JsonView> items;
  std::vector<const std::string*> keys;
  /// Capped copies of over-long strings and keys.
  std::vector<std::unique_ptr<std::string>> owned;
};

/// The view of `root` (which must outlive it).
JsonView make_view(const model::Node& root);

class NodeAdapter;
class NodeArrayIterator;
class NodeObjectIterator;

using NodeObjectMember = std::pair<std::string, NodeAdapter>;

/// An array of a JsonView, as valijson's BasicAdapter iterates it.
class NodeArray {
public:
  using const_iterator = NodeArrayIterator;
  using iterator = NodeArrayIterator;
  NodeArray();
  explicit NodeArray(const JsonView& v) : m_v(&v) {}
  NodeArrayIterator begin() const;
  NodeArrayIterator end() const;
  std::size_t size() const { return m_v->items.size(); }

private:
  const JsonView* m_v;
};

/// An object of a JsonView; members in key order, `find` by binary search.
class NodeObject {
public:
  using const_iterator = NodeObjectIterator;
  using iterator = NodeObjectIterator;
  NodeObject();
  explicit NodeObject(const JsonView& v) : m_v(&v) {}
  NodeObjectIterator begin() const;
  NodeObjectIterator end() const;
  NodeObjectIterator find(const std::string& name) const;
  std::size_t size() const { return m_v->keys.size(); }

private:
  const JsonView* m_v;
};

/// The value side of the adapter (valijson/internal/basic_adapter.hpp names what it reads;
/// valijson/adapters/nlohmann_json_adapter.hpp is the shape followed).
class NodeValue {
public:
  NodeValue();
  explicit NodeValue(const JsonView& v) : m_v(&v) {}

  /// Never called: valijson freezes schema values only (constraints/concrete_constraints.hpp).
  valijson::adapters::FrozenValue* freeze() const;

  std::optional<NodeArray> getArrayOptional() const {
    if (isArray()) {
      return std::make_optional(NodeArray(*m_v));
    }
    return {};
  }
  bool getArraySize(std::size_t& result) const {
    if (isArray()) {
      result = m_v->items.size();
      return true;
    }
    return false;
  }
  bool getBool(bool& result) const {
    if (isBool()) {
      result = m_v->scalar.boolean;
      return true;
    }
    return false;
  }
  bool getDouble(double& result) const {
    if (isDouble()) {
      result = m_v->scalar.number;
      return true;
    }
    return false;
  }
  bool getInteger(std::int64_t& result) const {
    if (isInteger()) {
      result = m_v->scalar.integer;
      return true;
    }
    return false;
  }
  std::optional<NodeObject> getObjectOptional() const {
    if (isObject()) {
      return std::make_optional(NodeObject(*m_v));
    }
    return {};
  }
  bool getObjectSize(std::size_t& result) const {
    if (isObject()) {
      result = m_v->keys.size();
      return true;
    }
    return false;
  }
  bool getString(std::string& result) const {
    if (isString()) {
      result = *m_v->text;
      return true;
    }
    return false;
  }
  static bool hasStrictTypes() { return true; }
  bool isArray() const { return m_v->kind == JsonView::Kind::array; }
  bool isObject() const { return m_v->kind == JsonView::Kind::object; }
  bool isBool() const { return is(parse::TypedScalar::Type::boolean); }
  bool isDouble() const { return is(parse::TypedScalar::Type::number); }
  bool isInteger() const { return is(parse::TypedScalar::Type::integer); }
  bool isNull() const { return is(parse::TypedScalar::Type::null); }
  bool isNumber() const { return isInteger() || isDouble(); }
  bool isString() const { return is(parse::TypedScalar::Type::string); }

private:
  bool is(parse::TypedScalar::Type t) const {
    return m_v->kind == JsonView::Kind::scalar && m_v->scalar.type == t;
  }
  const JsonView* m_v;
};

/// valijson adapter over a JsonView: validates a document without building nlohmann::json.
class NodeAdapter
    : public valijson::adapters::
          BasicAdapter<NodeAdapter, NodeArray, NodeObjectMember, NodeObject, NodeValue> {
public:
  NodeAdapter() = default;
  explicit NodeAdapter(const JsonView& v) : BasicAdapter(NodeValue(v)) {}
};

/// Iterates an array's items as adapters.
class NodeArrayIterator {
public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeAdapter;
  using difference_type = std::ptrdiff_t;
  using pointer = NodeAdapter*;
  using reference = NodeAdapter&;

  explicit NodeArrayIterator(const JsonView* at) : m_at(at) {}
  NodeAdapter operator*() const { return NodeAdapter(*m_at); }
  valijson::adapters::DerefProxy<NodeAdapter> operator->() const {
    return valijson::adapters::DerefProxy<NodeAdapter>(**this);
  }
  bool operator==(const NodeArrayIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const NodeArrayIterator& other) const { return m_at != other.m_at; }
  const NodeArrayIterator& operator++() {
    ++m_at;
    return *this;
  }
  NodeArrayIterator operator++(int) {
    NodeArrayIterator pre(m_at);
    ++m_at;
    return pre;
  }
  const NodeArrayIterator& operator--() {
    --m_at;
    return *this;
  }
  void advance(std::ptrdiff_t n) { m_at += n; }

private:
  const JsonView* m_at;
};

/// Iterates an object's members, in key order, as (key, adapter) pairs.
class NodeObjectIterator {
public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeObjectMember;
  using difference_type = std::ptrdiff_t;
  using pointer = NodeObjectMember*;
  using reference = NodeObjectMember&;

  NodeObjectIterator(const JsonView* object, std::size_t i) : m_object(object), m_i(i) {}
  NodeObjectMember operator*() const {
    return NodeObjectMember(*m_object->keys[m_i], NodeAdapter(m_object->items[m_i]));
  }
  valijson::adapters::DerefProxy<NodeObjectMember> operator->() const {
    return valijson::adapters::DerefProxy<NodeObjectMember>(**this);
  }
  bool operator==(const NodeObjectIterator& other) const { return m_i == other.m_i; }
  bool operator!=(const NodeObjectIterator& other) const { return m_i != other.m_i; }
  const NodeObjectIterator& operator++() {
    ++m_i;
    return *this;
  }
  NodeObjectIterator operator++(int) {
    NodeObjectIterator pre(m_object, m_i);
    ++m_i;
    return pre;
  }
  const NodeObjectIterator& operator--() {
    --m_i;
    return *this;
  }

private:
  const JsonView* m_object;
  std::size_t m_i;
};

inline NodeArrayIterator NodeArray::begin() const { return NodeArrayIterator(m_v->items.data()); }
inline NodeArrayIterator NodeArray::end() const {
  return NodeArrayIterator(m_v->items.data() + m_v->items.size());
}
inline NodeObjectIterator NodeObject::begin() const { return {m_v, 0}; }
inline NodeObjectIterator NodeObject::end() const { return {m_v, m_v->keys.size()}; }

} // namespace isvc::validate
