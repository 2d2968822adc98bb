// SPDX-License-Identifier: Apache-2.0
#include "emit/emit.hpp"

#include "emit/quoting.hpp"

#include <fmt/format.h>

namespace isvc::emit {
namespace {

std::string scalar(const Doc& v) {
  switch (v.type()) {
  case Doc::value_t::null:
    return "null";
  case Doc::value_t::boolean:
    return v.get<bool>() ? "true" : "false";
  case Doc::value_t::string: {
    const auto& s = v.get_ref<const std::string&>();
    return needs_quotes(s) ? double_quoted(s) : s;
  }
  default:
    return v.dump();
  }
}

bool is_empty_container(const Doc& v) { return (v.is_object() || v.is_array()) && v.empty(); }

constexpr std::size_t k_max_implicit_key = 1000;

std::string key_text(const std::string& k) { return needs_quotes(k) ? double_quoted(k) : k; }

void write_node(std::ostream& out, const Doc& v, int indent);

void write_map(std::ostream& out, const Doc& v, int indent, bool first_inline) {
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!(first && first_inline)) {
      out << std::string(static_cast<std::size_t>(indent), ' ');
    }
    first = false;
    std::string key = key_text(it.key());
    // An implicit key is at most 1024 characters (YAML 1.2 section 7.4.2; go-yaml,
    // PyYAML and yaml-cpp enforce it): a longer one is written as an explicit `? key`.
    if (key.size() > k_max_implicit_key) {
      out << "? " << key << '\n' << std::string(static_cast<std::size_t>(indent), ' ');
    } else {
      out << key;
    }
    out << ':';
    const Doc& child = it.value();
    if (child.is_object() && !child.empty()) {
      out << '\n';
      write_map(out, child, indent + 2, false);
    } else if (child.is_array() && !child.empty()) {
      out << '\n';
      // Sequences under a key are not indented (kubectl's style).
      write_node(out, child, indent);
    } else {
      out << ' ' << (is_empty_container(child) ? (child.is_object() ? "{}" : "[]") : scalar(child))
          << '\n';
    }
  }
}

void write_node(std::ostream& out, const Doc& v, int indent) {
  if (v.is_object() && !v.empty()) {
    write_map(out, v, indent, false);
    return;
  }
  if (v.is_array() && !v.empty()) {
    for (const auto& item : v) {
      out << std::string(static_cast<std::size_t>(indent), ' ') << "- ";
      if (item.is_object() && !item.empty()) {
        write_map(out, item, indent + 2, true);
      } else if (item.is_array() && !item.empty()) {
        out << '\n';
        write_node(out, item, indent + 2);
      } else {
        out << (is_empty_container(item) ? (item.is_object() ? "{}" : "[]") : scalar(item)) << '\n';
      }
    }
    return;
  }
  out << std::string(static_cast<std::size_t>(indent), ' ')
      << (is_empty_container(v) ? (v.is_object() ? "{}" : "[]") : scalar(v)) << '\n';
}

} // namespace

void write_yaml(std::ostream& out, const Doc& doc) { write_node(out, doc, 0); }

std::string escape_comment(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    // U+0085, U+2028, U+2029: line breaks to a YAML 1.1 reader.
    bool utf8_break = (c == 0xC2 && i + 1 < text.size() && text[i + 1] == '\x85') ||
                      (c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
                       (text[i + 2] == '\xA8' || text[i + 2] == '\xA9'));
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (utf8_break) {
      std::size_t n = c == 0xC2 ? 2 : 3;
      out += c == 0xC2 ? "\\u0085" : (text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029");
      i += n - 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

void write_yaml_stream(std::ostream& out, const std::vector<Object>& objects) {
  bool first = true;
  for (const auto& o : objects) {
    if (!first) {
      out << "---\n";
    }
    first = false;
    out << "# Source: " << escape_comment(o.source) << '\n';
    write_yaml(out, o.body);
  }
}

void write_json_list(std::ostream& out, const std::vector<Object>& objects) {
  Doc list = Doc::object();
  list["apiVersion"] = "v1";
  list["kind"] = "List";
  list["items"] = Doc::array();
  for (const auto& o : objects) {
    list["items"].push_back(o.body);
  }
  out << list.dump(2) << '\n';
}

void write_json(std::ostream& out, const Doc& doc) { out << doc.dump(2) << '\n'; }

} // namespace isvc::emit
