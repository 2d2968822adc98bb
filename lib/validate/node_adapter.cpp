// SPDX-License-Identifier: Apache-2.0
#include "validate/node_adapter.hpp"

#include "validate/schema_guard.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace isvc::validate {
namespace {

const JsonView& empty_object() {
  static const JsonView k_empty = [] {
    JsonView v;
    v.kind = JsonView::Kind::object;
    return v;
  }();
  return k_empty;
}

const JsonView& empty_array() {
  static const JsonView k_empty = [] {
    JsonView v;
    v.kind = JsonView::Kind::array;
    return v;
  }();
  return k_empty;
}

// The string valijson sees: cap_strings' capped copy when over the cap.
const std::string* capped_text(const std::string& s, JsonView& owner) {
  if (s.size() <= k_schema_string_cap) {
    return &s;
  }
  owner.owned.push_back(std::make_unique<std::string>(cap_string(s)));
  return owner.owned.back().get();
}

void fill(const model::Node& node, JsonView& out);

// nlohmann::json's object is a std::map: keys sorted, one value per key. to_json keeps the
// last value of a repeated key, and cap_strings keeps, of keys equal once capped, the last
// in that order (capping keeps the order of keys that stay distinct).
void fill_object(const model::Node& node, JsonView& out) {
  out.kind = JsonView::Kind::object;
  // Sorted by key, then by place (std::sort with the index as tie-break: stable without
  // stable_sort's buffer); of a repeated key only the last place stays.
  std::vector<std::size_t> kept(node.keys.size());
  std::iota(kept.begin(), kept.end(), std::size_t{0});
  std::sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
    int c = node.keys[a].first.compare(node.keys[b].first);
    return c < 0 || (c == 0 && a < b);
  });
  std::size_t n = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    if (k + 1 == kept.size() || node.keys[kept[k + 1]].first != node.keys[kept[k]].first) {
      kept[n++] = kept[k];
    }
  }
  kept.resize(n);
  out.keys.reserve(kept.size());
  out.items.reserve(kept.size());
  for (std::size_t i : kept) {
    const std::string* key = capped_text(node.keys[i].first, out);
    if (!out.keys.empty() && *out.keys.back() == *key) {
      out.keys.pop_back();
      out.items.pop_back();
    }
    out.keys.push_back(key);
    fill(node.items[i], out.items.emplace_back());
  }
}

void fill(const model::Node& node, JsonView& out) {
  switch (node.kind) {
  case model::Node::Kind::null:
    out.scalar = parse::TypedScalar{};
    return;
  case model::Node::Kind::scalar:
    out.scalar = parse::type_scalar(node);
    if (out.scalar.type == parse::TypedScalar::Type::string) {
      out.text = capped_text(node.value, out);
    }
    return;
  case model::Node::Kind::seq:
    out.kind = JsonView::Kind::array;
    out.items.resize(node.items.size());
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      fill(node.items[i], out.items[i]);
    }
    return;
  case model::Node::Kind::map:
    fill_object(node, out);
    return;
  }
}

} // namespace

JsonView make_view(const model::Node& root) {
  JsonView v;
  fill(root, v);
  return v;
}

NodeArray::NodeArray() : m_v(&empty_array()) {}
NodeObject::NodeObject() : m_v(&empty_object()) {}
NodeValue::NodeValue() : m_v(&empty_object()) {}

valijson::adapters::FrozenValue* NodeValue::freeze() const {
  throw std::logic_error("NodeAdapter values are never frozen");
}

NodeObjectIterator NodeObject::find(const std::string& name) const {
  const auto& keys = m_v->keys;
  auto at = std::lower_bound(keys.begin(), keys.end(), name,
                             [](const std::string* k, const std::string& n) { return *k < n; });
  if (at == keys.end() || **at != name) {
    return end();
  }
  return {m_v, static_cast<std::size_t>(at - keys.begin())};
}

} // namespace isvc::validate
