// SPDX-License-Identifier: Apache-2.0
#include "fix/resolve.hpp"

#include "emit/quoting.hpp"
#include "fix/scalar_span.hpp"

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
  if (out.empty() || sp.style != Style::plain || !emit::needs_quotes(after)) {
    return out;
  }
  // Written plain, the new value would read as another type (0.5 is a float where KEDA
  // wants a string): quote the one token instead.
  return {make(ix, sp.begin, sp.end, emit::double_quoted(after))};
}

std::vector<Patch> wrap(const Edit& e, const LineIndex& ix, const ScalarSpan& sp) {
  std::string_view raw = ix.text().substr(sp.content_begin, sp.content_end - sp.content_begin);
  if (!verbatim(sp.style, raw) || !writable(sp.style, e.from + e.to)) {
    return {};
  }
  if (sp.style == Style::plain && emit::needs_quotes(e.from + std::string(raw) + e.to)) {
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
