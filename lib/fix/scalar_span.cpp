// SPDX-License-Identifier: Apache-2.0
#include "fix/scalar_span.hpp"

namespace isvc::fix {
namespace {

using Style = ScalarSpan::Style;

std::size_t line_end(std::string_view t, std::size_t pos) {
  std::size_t e = t.find('\n', pos);
  e = e == std::string_view::npos ? t.size() : e;
  return e > pos && t[e - 1] == '\r' ? e - 1 : e;
}

std::size_t indent_of_line(std::string_view t, std::size_t pos) {
  std::size_t start = t.rfind('\n', pos == 0 ? 0 : pos - 1);
  start = start == std::string_view::npos || pos == 0 ? 0 : start + 1;
  std::size_t i = start;
  while (i < t.size() && t[i] == ' ') {
    ++i;
  }
  return i - start;
}

std::optional<ScalarSpan> quoted(std::string_view t, std::size_t pos) {
  char q = t[pos];
  std::size_t eol = line_end(t, pos);
  for (std::size_t i = pos + 1; i < eol; ++i) {
    if (q == '"' && t[i] == '\\') {
      ++i;
    } else if (t[i] == q) {
      if (q == '\'' && i + 1 < eol && t[i + 1] == '\'') {
        ++i;
        continue;
      }
      return ScalarSpan{q == '"' ? Style::double_quoted : Style::single_quoted, pos, i + 1, pos + 1,
                        i};
    }
  }
  return std::nullopt; // spans lines: folding rules make byte edits unsafe
}

std::optional<ScalarSpan> block(std::string_view t, std::size_t pos) {
  std::size_t header_end = line_end(t, pos);
  std::size_t parent = indent_of_line(t, pos);
  std::size_t first = std::string_view::npos;
  std::size_t last = header_end;
  std::size_t cur = t.find('\n', pos);
  while (cur != std::string_view::npos && cur + 1 <= t.size()) {
    std::size_t ls = cur + 1;
    std::size_t le = line_end(t, ls);
    std::size_t i = ls;
    while (i < le && t[i] == ' ') {
      ++i;
    }
    bool blank = i == le;
    if (!blank && i - ls <= parent) {
      break;
    }
    if (!blank) {
      first = first == std::string_view::npos ? i : first;
      std::size_t e = le;
      while (e > i && (t[e - 1] == ' ' || t[e - 1] == '\t')) {
        --e;
      }
      last = e;
    }
    cur = le < t.size() ? t.find('\n', le) : std::string_view::npos;
  }
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  return ScalarSpan{Style::block, pos, last, first, last};
}

// A plain scalar goes on over the next line when that line is indented deeper and is no
// comment (a deeper key after a scalar value would be a syntax error).
bool continues(std::string_view t, std::size_t pos, std::size_t eol) {
  std::size_t nl = t.find('\n', eol);
  if (nl == std::string_view::npos) {
    return false;
  }
  std::size_t i = nl + 1;
  while (i < t.size() && t[i] == ' ') {
    ++i;
  }
  bool blank = i >= t.size() || t[i] == '\n' || t[i] == '\r' || t[i] == '#';
  return !blank && i - (nl + 1) > indent_of_line(t, pos);
}

// Brackets opened and not closed between `from` and `to`, quoted strings skipped: above 0,
// the text at `to` is inside a flow collection. Negative when more close than open.
int bracket_depth(std::string_view t, std::size_t from, std::size_t to) {
  int depth = 0;
  for (std::size_t i = from; i < to; ++i) {
    char c = t[i];
    if (c == '"' || c == '\'') {
      std::size_t close = t.find(c, i + 1);
      i = close == std::string_view::npos || close >= to ? to : close;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth < 0) {
        return depth;
      }
    }
  }
  return depth;
}

std::optional<ScalarSpan> plain(std::string_view t, std::size_t pos) {
  std::size_t eol = line_end(t, pos);
  std::size_t bol = t.rfind('\n', pos == 0 ? 0 : pos - 1);
  bol = bol == std::string_view::npos || pos == 0 ? 0 : bol + 1;
  // Inside `{...}` or `[...]` opened on this line a plain scalar ends at , ] or }; in block
  // context those are its own characters (sum(x{a="b"}) ends at its last brace).
  bool flow = bracket_depth(t, bol, pos) > 0;
  std::size_t end = pos;
  for (std::size_t i = pos; i < eol; ++i) {
    char c = t[i];
    if (c == '#' && i > pos && (t[i - 1] == ' ' || t[i - 1] == '\t')) {
      break;
    }
    if (flow && (c == ',' || c == ']' || c == '}' || c == '[' || c == '{')) {
      break;
    }
    if (c == ':' && (i + 1 == eol || t[i + 1] == ' ')) {
      break;
    }
    if (c != ' ' && c != '\t') {
      end = i + 1;
    }
  }
  if (end == pos || continues(t, pos, eol)) {
    return std::nullopt;
  }
  // A line that closes more brackets than it opens, or ends in a comma, may continue a flow
  // collection opened on an earlier line: not delimited for sure.
  if (!flow && (bracket_depth(t, pos, end) < 0 || t[end - 1] == ',')) {
    return std::nullopt;
  }
  return ScalarSpan{Style::plain, pos, end, pos, end, flow};
}

} // namespace

std::optional<ScalarSpan> scalar_span(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) {
    return std::nullopt;
  }
  switch (text[pos]) {
  case '"':
  case '\'':
    return quoted(text, pos);
  case '|':
  case '>':
    return block(text, pos);
  case '&':
  case '!':
  case '*':
  case '[':
  case '{':
  case '\n':
  case '\r':
    return std::nullopt;
  default:
    return plain(text, pos);
  }
}

} // namespace isvc::fix
