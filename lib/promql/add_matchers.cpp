// SPDX-License-Identifier: Apache-2.0
#include "promql/add_matchers.hpp"

#include "promql/analyze.hpp"

#include <algorithm>

namespace isvc::promql {
namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ':';
}

// The `}` closing the matcher list that opens at `open`, quoted strings skipped.
std::size_t closing_brace(std::string_view t, std::size_t open) {
  for (std::size_t i = open + 1; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"' || c == '\'' || c == '`') {
      for (++i; i < t.size() && t[i] != c; ++i) {
        i += c != '`' && t[i] == '\\' ? 1 : 0;
      }
    } else if (c == '}') {
      return i;
    }
  }
  return std::string_view::npos;
}

struct Insertion {
  std::size_t at = 0;
  std::string text;
};

// Where the matchers of the selector starting at `pos` go, and the text to insert there.
std::optional<Insertion> insertion(std::string_view t, std::size_t pos, const std::string& list) {
  std::size_t i = pos;
  while (i < t.size() && name_char(t[i])) {
    ++i;
  }
  std::size_t name_end = i;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) {
    ++i;
  }
  if (i >= t.size() || t[i] != '{') {
    return name_end > pos ? std::optional<Insertion>({name_end, "{" + list + "}"}) : std::nullopt;
  }
  std::size_t close = closing_brace(t, i);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t last = close;
  while (last > i && (t[last - 1] == ' ' || t[last - 1] == '\t')) {
    --last;
  }
  // After a trailing comma the list goes where the `}` is (`{a="b", }` -> `{a="b", l="v"}`).
  if (t[last - 1] == ',') {
    return Insertion{close, list};
  }
  return Insertion{last, (t[last - 1] == '{' ? "" : ",") + list};
}

bool has_label(const Expr& sel, const std::string& label) {
  return std::any_of(sel.matchers.begin(), sel.matchers.end(),
                     [&](const Matcher& m) { return m.label == label; });
}

} // namespace

std::optional<std::string>
add_matchers(std::string_view query, const std::vector<AddMatcher>& add, char quote) {
  auto parsed = parse(query);
  if (!parsed.expr) {
    return std::nullopt;
  }
  std::vector<Insertion> ins;
  for (const Expr* sel : selectors(*parsed.expr)) {
    std::string list;
    for (const auto& a : add) {
      if (a.value.find_first_of(std::string("\\\n") + quote) != std::string::npos) {
        return std::nullopt;
      }
      if (!has_label(*sel, a.label)) {
        list += (list.empty() ? "" : ",") + a.label + "=" + quote + a.value + quote;
      }
    }
    if (list.empty()) {
      continue;
    }
    auto at = insertion(query, sel->offset, list);
    if (!at) {
      return std::nullopt;
    }
    ins.push_back(std::move(*at));
  }
  std::sort(ins.begin(), ins.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  std::string out;
  std::size_t prev = 0;
  for (const auto& in : ins) {
    out.append(query.substr(prev, in.at - prev)).append(in.text);
    prev = in.at;
  }
  out.append(query.substr(prev));
  return out;
}

} // namespace isvc::promql
