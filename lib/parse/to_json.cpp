// SPDX-License-Identifier: Apache-2.0
#include "parse/to_json.hpp"

#include "util/strings.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

namespace isvc::parse {
namespace {

constexpr std::array<std::string_view, 11> k_true = {"y",  "Y",  "yes",  "Yes",  "YES", "on",
                                                     "On", "ON", "true", "True", "TRUE"};
constexpr std::array<std::string_view, 11> k_false = {"n",   "N",   "no",    "No",    "NO",   "off",
                                                      "Off", "OFF", "false", "False", "FALSE"};

nlohmann::ordered_json scalar(const model::Node& n) {
  TypedScalar t = type_scalar(n);
  switch (t.type) {
  case TypedScalar::Type::null:
    return nullptr;
  case TypedScalar::Type::boolean:
    return t.boolean;
  case TypedScalar::Type::integer:
    return t.integer;
  case TypedScalar::Type::number:
    return t.number;
  case TypedScalar::Type::string:
    break;
  }
  return n.value;
}

// ordered_json's operator[] searches linearly: a repeated key (the last value wins, at
// the first one's place) is found by a short scan in small maps, through an index in
// large ones, so 64k keys stay linear without a hash map per small mapping.
nlohmann::ordered_json object(const model::Node& node) {
  constexpr std::size_t k_scan_limit = 16;
  auto obj = nlohmann::ordered_json::object();
  auto& entries = obj.get_ref<nlohmann::ordered_json::object_t&>();
  entries.reserve(node.keys.size());
  std::unordered_map<std::string_view, std::size_t> at;
  bool indexed = node.keys.size() > k_scan_limit;
  if (indexed) {
    at.reserve(node.keys.size());
  }
  for (std::size_t i = 0; i < node.keys.size(); ++i) {
    const std::string& key = node.keys[i].first;
    std::size_t found = entries.size();
    if (indexed) {
      found = at.try_emplace(key, entries.size()).first->second;
    } else {
      for (std::size_t k = 0; k < entries.size(); ++k) {
        if ((entries.begin() + static_cast<std::ptrdiff_t>(k))->first == key) {
          found = k;
          break;
        }
      }
    }
    if (found < entries.size()) {
      (entries.begin() + static_cast<std::ptrdiff_t>(found))->second = to_json(node.items[i]);
    } else {
      entries.emplace_back(key, to_json(node.items[i]));
    }
  }
  return obj;
}

} // namespace

TypedScalar type_scalar(const model::Node& n) {
  using Type = TypedScalar::Type;
  if (n.quoted) {
    return {Type::string};
  }
  if (n.is_null_value()) {
    return {Type::null};
  }
  const std::string& s = n.value;
  for (auto t : k_true) {
    if (s == t) {
      return {Type::boolean, true};
    }
  }
  for (auto f : k_false) {
    if (s == f) {
      return {Type::boolean, false};
    }
  }
  if (auto i = util::parse_int(s)) {
    return {Type::integer, false, *i};
  }
  if (util::looks_like_float(s)) {
    if (s.find("inf") != std::string::npos || s.find("Inf") != std::string::npos ||
        s.find("INF") != std::string::npos || s.find("nan") != std::string::npos ||
        s.find("NaN") != std::string::npos || s.find("NAN") != std::string::npos) {
      return {Type::string}; // JSON has no NaN/Inf
    }
    double v = std::strtod(s.c_str(), nullptr);
    if (!std::isfinite(v)) {
      return {Type::string}; // 1e309 overflows a double; keep the text rather than invent a value
    }
    return {Type::number, false, 0, v};
  }
  return {Type::string};
}

nlohmann::ordered_json to_json(const model::Node& node) {
  switch (node.kind) {
  case model::Node::Kind::null:
    return nullptr;
  case model::Node::Kind::scalar:
    return scalar(node);
  case model::Node::Kind::seq: {
    auto arr = nlohmann::ordered_json::array();
    arr.get_ref<nlohmann::ordered_json::array_t&>().reserve(node.items.size());
    for (const auto& item : node.items) {
      arr.push_back(to_json(item));
    }
    return arr;
  }
  case model::Node::Kind::map:
    return object(node);
  }
  return nullptr;
}

} // namespace isvc::parse
