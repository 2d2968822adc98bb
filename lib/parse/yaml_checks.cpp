// SPDX-License-Identifier: Apache-2.0
#include "parse/yaml_checks.hpp"

#include "util/strings.hpp"

#include <array>
#include <fmt/format.h>

namespace isvc::parse {
namespace {

constexpr std::string_view k_core = "tag:yaml.org,2002:";

// go-yaml v2 resolve.go's bool and null tables (what kubectl reads), plus floats.
bool resolves_as(std::string_view type, std::string_view v) {
  constexpr std::array<std::string_view, 22> k_bools = {
      "y", "Y", "yes", "Yes", "YES", "on",  "On",  "ON",  "true",  "True",  "TRUE",
      "n", "N", "no",  "No",  "NO",  "off", "Off", "OFF", "false", "False", "FALSE"};
  constexpr std::array<std::string_view, 5> k_nulls = {"", "~", "null", "Null", "NULL"};
  if (type == "int") {
    return util::parse_int(v).has_value();
  }
  if (type == "float") {
    return util::parse_int(v).has_value() || util::looks_like_float(v);
  }
  const auto* table_begin = type == "bool" ? k_bools.data() : k_nulls.data();
  const auto* table_end =
      type == "bool" ? k_bools.data() + k_bools.size() : k_nulls.data() + k_nulls.size();
  for (const auto* w = table_begin; w != table_end; ++w) {
    if (*w == v) {
      return true;
    }
  }
  return false;
}

} // namespace

std::optional<std::string> check_tag(std::string_view tag, std::string_view value, bool scalar) {
  if (tag.empty() || tag == "?" || tag == "!") {
    return std::nullopt;
  }
  if (tag.substr(0, k_core.size()) == k_core) {
    std::string_view type = tag.substr(k_core.size());
    if (type == "str" || (!scalar && (type == "map" || type == "seq"))) {
      return std::nullopt;
    }
    if (scalar && (type == "int" || type == "float" || type == "bool" || type == "null")) {
      if (resolves_as(type, value)) {
        return std::nullopt;
      }
      // go-yaml decode.go: "cannot decode !!str `abc` as a !!int".
      return fmt::format("\"{}\" is not a valid !!{}; kubectl refuses to decode it", value, type);
    }
    return fmt::format("the !!{} tag is not supported here: kubectl would decode or refuse it, "
                       "isvc-scale cannot read it the same way",
                       type);
  }
  if (tag.size() > 1 && tag[0] == '!') {
    std::size_t bang = tag.find('!', 1);
    if (bang != std::string_view::npos) {
      return fmt::format("tag handle \"{}\" is not declared (no %TAG directive for it)",
                         tag.substr(0, bang + 1));
    }
  }
  return fmt::format("unknown tag \"{}\": Kubernetes objects only use the core YAML types", tag);
}

std::optional<std::size_t> directive_without_document_start(std::string_view text) {
  bool in_document = false;
  bool saw_directive = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end;
    std::string_view line = text.substr(pos, end - pos);
    if (pos == 0 && line.substr(0, 3) == "\xEF\xBB\xBF") {
      line.remove_prefix(3);
    }
    bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos ||
                 line.find_first_not_of(" \t") == line.find('#');
    if (line.substr(0, 3) == "---") {
      in_document = true;
      saw_directive = false;
    } else if (line.substr(0, 3) == "...") {
      in_document = false;
    } else if (!in_document && !blank) {
      if (line[0] == '%') {
        saw_directive = true;
      } else if (saw_directive) {
        return pos;
      } else {
        in_document = true;
      }
    }
    pos = end + 1;
  }
  return std::nullopt;
}

} // namespace isvc::parse
