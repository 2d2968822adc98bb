// SPDX-License-Identifier: Apache-2.0
#include "fix/resolve.hpp"

#include "emit/quoting.hpp"
#include "fix/scalar_span.hpp"

#include <optional>

namespace isvc::fix {
namespace {

using Style = ScalarSpan::Style;
using diag::Edit;
using diag::Patch;

Patch make(const LineIndex& ix, std::size_t b, std::size_t e, std::string text) {
  return Patch{b, e, std::move(text), ix.mark(b), ix.mark(e)};
}

// Text that the token's style carries verbatim (no escape or fold needed to write it).
bool writable(Style style, std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      return false;
    }
    if ((style == Style::double_quoted && (c == '"' || c == '\\')) ||
        (style == Style::single_quoted && c == '\'')) {
      return false;
    }
  }
  return true;
}

// The raw token text must hold the value's characters as they are: no escapes or doubled
// quotes, which would make byte offsets and value offsets differ.
bool verbatim(Style style, std::string_view raw) {
  return (style != Style::double_quoted || raw.find('\\') == std::string_view::npos) &&
         (style != Style::single_quoted || raw.find("''") == std::string_view::npos);
}

// Written plain, `s` would not read back as the same string: another type (0.5 is a float
// where KEDA wants a string), or, inside a flow collection, a flow indicator ending it.
bool plain_unsafe(const ScalarSpan& sp, std::string_view s) {
  return emit::needs_quotes(s) || (sp.flow && s.find_first_of(",[]{}") != std::string_view::npos);
}

std::vector<Patch> replace_text(const Edit& e, const LineIndex& ix, const ScalarSpan& sp) {
  std::string_view t = ix.text();
  std::string_view raw = t.substr(sp.content_begin, sp.content_end - sp.content_begin);
  if (e.from.empty() || !verbatim(sp.style, raw) ||
      (sp.style != Style::plain && !writable(sp.style, e.to))) {
    return {};
  }
  std::string after;
  std::vector<Patch> out;
  std::size_t prev = 0;
  for (std::size_t p = raw.find(e.from); p != std::string_view::npos;
       p = raw.find(e.from, p + e.from.size())) {
    after.append(raw.substr(prev, p - prev)).append(e.to);
    prev = p + e.from.size();
    out.push_back(make(ix, sp.content_begin + p, sp.content_begin + prev, e.to));
  }
  after.append(raw.substr(prev));
  if (out.empty() || sp.style != Style::plain || !plain_unsafe(sp, after)) {
    return out;
  }
  // Not readable plain: quote the one token instead.
  return {make(ix, sp.begin, sp.end, emit::double_quoted(after))};
}

std::vector<Patch> wrap(const Edit& e, const LineIndex& ix, const ScalarSpan& sp) {
  std::string_view raw = ix.text().substr(sp.content_begin, sp.content_end - sp.content_begin);
  if (!verbatim(sp.style, raw) || !writable(sp.style, e.from + e.to)) {
    return {};
  }
  if (sp.style == Style::plain && plain_unsafe(sp, e.from + std::string(raw) + e.to)) {
    return {make(ix, sp.begin, sp.end, emit::double_quoted(e.from + std::string(raw) + e.to))};
  }
  return {make(ix, sp.content_begin, sp.content_begin, e.from),
          make(ix, sp.content_end, sp.content_end, e.to)};
}

bool key_char(char c) { return c != ':' && c != ' ' && c != '\t' && c != '\r' && c != '\n'; }

std::vector<Patch> rename(const Edit& e, const LineIndex& ix, std::size_t pos) {
  std::string_view t = ix.text();
  if (auto sp = scalar_span(t, pos); sp && sp->style != Style::block) {
    if (sp->style == Style::plain) {
      std::size_t end = pos;
      while (end < t.size() && key_char(t[end])) {
        ++end;
      }
      bool plain_ok = !emit::needs_quotes(e.to);
      return {make(ix, pos, end, plain_ok ? e.to : emit::double_quoted(e.to))};
    }
    if (writable(sp->style, e.to)) {
      return {make(ix, sp->content_begin, sp->content_end, e.to)};
    }
  }
  return {};
}

// Deletes `key: value` when it fills its own line(s) in block style, comments after it on
// the same line included; anything else on the line (flow style, `- key:`) is not touched.
std::vector<Patch> remove(const LineIndex& ix, std::size_t pos, std::uint32_t line) {
  std::string_view t = ix.text();
  auto [ls, le] = ix.line_span(line);
  for (std::size_t i = ls; i < pos; ++i) {
    if (t[i] != ' ') {
      return {};
    }
  }
  std::size_t colon = t.find(": ", pos);
  if (colon == std::string_view::npos || colon >= le) {
    return {};
  }
  std::size_t vpos = colon + 2;
  while (vpos < le && t[vpos] == ' ') {
    ++vpos;
  }
  auto sp = scalar_span(t, vpos);
  if (!sp) {
    return {};
  }
  std::size_t after = sp->style == Style::block ? le : sp->end;
  std::string_view rest = t.substr(after, after < le ? le - after : 0);
  auto nb = rest.find_first_not_of(' ');
  if (sp->style != Style::block && nb != std::string_view::npos && rest[nb] != '#') {
    return {};
  }
  std::size_t last = sp->style == Style::block ? ix.mark(sp->end).line : line;
  auto [lls, lle] = ix.line_span(last);
  std::size_t end = lle < t.size() && t[lle] == '\r' ? lle + 1 : lle;
  end = end < t.size() ? end + 1 : end;
  return {make(ix, ls, end, "")};
}

// The `key: value` entry at `pos` on one line: where the value token ends, and its text.
struct OneLineEntry {
  std::size_t value_end = 0;
  std::string_view value;
};

std::optional<OneLineEntry> one_line_entry(const LineIndex& ix, std::size_t pos, std::size_t le) {
  std::string_view t = ix.text();
  std::size_t key_end = pos;
  while (key_end < le && key_char(t[key_end])) {
    ++key_end;
  }
  if (key_end >= le || t[key_end] != ':' || key_end + 1 >= le || t[key_end + 1] != ' ') {
    return std::nullopt; // quoted or odd keys: not worth guessing
  }
  std::size_t vpos = t.find_first_not_of(' ', key_end + 1);
  auto sp = vpos < le ? scalar_span(t, vpos) : std::nullopt;
  if (!sp || sp->style == Style::block || sp->end > le) {
    return std::nullopt;
  }
  return OneLineEntry{sp->end, t.substr(sp->begin, sp->end - sp->begin)};
}

// Block style: `key: value` (after indentation or `- `) alone on its line but for a comment;
// the copy is a line of its own at the key's column with the line's own line end. Flow style:
// `{..., key: value, ...}` on one line; the copy follows as `, to: value`. Anything else (a
// flow mapping over several lines, a block scalar, an anchor) is left alone.
std::vector<Patch>
copy_entry(const Edit& e, const LineIndex& ix, std::size_t pos, std::uint32_t line) {
  std::string_view t = ix.text();
  auto [ls, le] = ix.line_span(line); // le: before any "\r\n"
  auto entry = one_line_entry(ix, pos, le);
  if (!entry || emit::needs_quotes(e.to)) {
    return {};
  }
  std::string_view before = t.substr(ls, pos - ls);
  std::string_view after = t.substr(entry->value_end, le - entry->value_end);
  std::size_t prev = before.find_last_not_of(' ');
  std::size_t next = after.find_first_not_of(' ');
  std::string copy = e.to + ": " + std::string(entry->value);
  if (prev != std::string_view::npos && (before[prev] == '{' || before[prev] == ',')) {
    if (next == std::string_view::npos || (after[next] != ',' && after[next] != '}')) {
      return {};
    }
    return {make(ix, entry->value_end, entry->value_end, ", " + copy)};
  }
  if (before.find_first_not_of(" -") != std::string_view::npos ||
      (next != std::string_view::npos && after[next] != '#')) {
    return {};
  }
  std::string line_text = std::string(before.size(), ' ') + copy;
  std::size_t nl = t.find('\n', le);
  if (nl == std::string_view::npos) { // the last line has no line end: start one, as line 1 ends
    std::size_t first = t.find('\n');
    bool crlf = first != std::string_view::npos && first > 0 && t[first - 1] == '\r';
    return {make(ix, t.size(), t.size(), (crlf ? "\r\n" : "\n") + line_text)};
  }
  return {make(ix, nl + 1, nl + 1, line_text + std::string(t.substr(le, nl + 1 - le)))};
}

} // namespace

std::vector<Patch> resolve(const Edit& edit, const LineIndex& index) {
  std::size_t pos = index.offset(edit.at);
  if (pos == std::string_view::npos) {
    return {};
  }
  switch (edit.op) {
  case Edit::Op::rename_key:
    return rename(edit, index, pos);
  case Edit::Op::delete_entry:
    return remove(index, pos, edit.at.line);
  case Edit::Op::copy_entry:
    return copy_entry(edit, index, pos, edit.at.line);
  case Edit::Op::replace_text:
  case Edit::Op::wrap:
    break;
  }
  auto sp = scalar_span(index.text(), pos);
  if (!sp) {
    return {};
  }
  return edit.op == Edit::Op::wrap ? wrap(edit, index, *sp) : replace_text(edit, index, *sp);
}

} // namespace isvc::fix
