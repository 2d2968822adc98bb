// SPDX-License-Identifier: Apache-2.0
#include "diag/format_text.hpp"

#include "util/line_index.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string>

namespace isvc::diag {
namespace {

// Findings arrive grouped by file: the line index of the last text is kept, so N findings
// cost O(bytes + N) instead of a rescan from line 1 each. Keyed by the text's address and
// size; a hit is re-checked at the line's boundaries (O(1)) in case a new text reuses both.
const util::LineIndex& index_of(std::string_view text, std::uint32_t line) {
  struct Cache {
    const char* data = nullptr;
    std::size_t size = 0;
    util::LineIndex index;
  };
  thread_local Cache cache;
  auto fits = [&] {
    std::size_t at = cache.index.start(line);
    std::size_t next = cache.index.start(line + 1);
    return at == std::string_view::npos ||
           ((at == 0 || (at <= text.size() && text[at - 1] == '\n')) &&
            (next == std::string_view::npos || (next <= text.size() && text[next - 1] == '\n')));
  };
  if (cache.data != text.data() || cache.size != text.size() || !fits()) {
    cache = Cache{text.data(), text.size(), util::LineIndex(text)};
  }
  return cache.index;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Minified JSON or a long query puts a whole manifest on one line: echo only a window around
// the column, or every finding repeats the line (4,000 findings on a 290 KB line wrote 1.2 GB).
constexpr std::size_t k_max_echo = 120;
constexpr std::size_t k_before = 60;

struct Excerpt {
  std::string text;
  std::size_t caret = 0; // byte index of the column in `text`
};

// Control bytes (NUL, ESC, ...) are shown as '?': echoing them would drive the terminal.
std::string printable(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) {
      c = '?';
    }
  }
  return out;
}

// `at`: the byte index of the column in `line` (from the line index: O(1) on ASCII lines).
Excerpt excerpt(std::string_view line, std::size_t at) {
  if (line.size() <= k_max_echo) {
    return {printable(line), at};
  }
  std::size_t begin = at > k_before ? at - k_before : 0;
  while (begin > 0 && continuation_byte(line[begin])) {
    --begin;
  }
  std::size_t end = std::min(line.size(), begin + k_max_echo);
  while (end < line.size() && continuation_byte(line[end])) {
    ++end;
  }
  Excerpt e;
  if (begin > 0) {
    e.text = "...";
  }
  e.caret = e.text.size() + (at - begin);
  e.text.append(printable(line.substr(begin, end - begin)));
  if (end < line.size()) {
    e.text += "...";
  }
  return e;
}

// Messages and fixes quote user text (annotation values, keys, file names): control
// characters, C1 controls, LS/PS and bytes that are not UTF-8 become \xNN or \uNNNN, so
// a finding stays one line and cannot drive the terminal.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  for (std::size_t i = 0; i < s.size();) {
    unsigned char b = byte(i);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7F) {
        out += fmt::format("\\x{:02x}", b);
      } else {
        out += static_cast<char>(b);
      }
      ++i;
      continue;
    }
    std::size_t len = util::utf8_length(s, i);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", b);
      ++i;
    } else if (b == 0xC2 && byte(i + 1) < 0xA0) {
      out += fmt::format("\\u{:04x}", byte(i + 1)); // C1 control (0x9B is CSI)
      i += 2;
    } else if (b == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9)) {
      out += byte(i + 2) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 3;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  return out;
}

} // namespace

namespace {

void write_head(std::ostream& out, const Diagnostic& d, bool color) {
  const char* on = !color                            ? ""
                   : d.severity == Severity::error   ? "\x1b[1;31m"
                   : d.severity == Severity::warning ? "\x1b[1;33m"
                                                     : "\x1b[1;36m";
  const char* off = color ? "\x1b[0m" : "";
  out << fmt::format("{}:{}:{}: {}{}{}: {} [{}]\n", one_line(d.file), d.mark.line, d.mark.col, on,
                     to_string(d.severity), off, one_line(d.message), one_line(d.rule));
}

// The finding's source line with a caret under its column; `text` holds that line as its
// line `line` (the whole file, or the line alone).
void write_caret(
    std::ostream& out, const Diagnostic& d, std::string_view text, std::uint32_t line, bool color) {
  const util::LineIndex& index = index_of(text, line);
  std::string_view shown_line = index.line(text, line);
  if (shown_line.empty()) {
    return;
  }
  std::size_t at = index.column_byte(text, line, d.mark.col) - index.start(line);
  Excerpt shown = excerpt(shown_line, std::min(at, shown_line.size()));
  out << fmt::format(" {:>4} | {}\n", std::to_string(d.mark.line), shown.text);
  std::string pad;
  for (std::size_t i = 0; i < shown.caret && i < shown.text.size(); ++i) {
    // One pad column per character: skip UTF-8 continuation bytes, keep tabs.
    if (!continuation_byte(shown.text[i])) {
      pad += shown.text[i] == '\t' ? '\t' : ' ';
    }
  }
  out << fmt::format(" {:>4} | {}{}^{}\n", "", pad, color ? "\x1b[1;32m" : "",
                     color ? "\x1b[0m" : "");
}

void write_fix(std::ostream& out, const Diagnostic& d) {
  if (!d.fix.empty()) {
    out << "  fix: " << one_line(d.fix) << '\n';
  }
}

} // namespace

LineLookup line_lookup(const SourceLines& lines) {
  return [&lines](std::string_view file, std::uint32_t line) -> std::string_view {
    auto f = lines.find(file);
    return f == lines.end() ? std::string_view() : f->second.get(line);
  };
}

void write_text(std::ostream& out, const Diagnostic& d, const SourceLookup& source, bool color) {
  write_head(out, d, color);
  if (d.mark.line > 0) {
    write_caret(out, d, source ? source(d.file) : std::string_view(), d.mark.line, color);
  }
  write_fix(out, d);
}

void write_text_lines(std::ostream& out, const Diagnostic& d, const LineLookup& lines, bool color) {
  write_head(out, d, color);
  if (d.mark.line > 0 && lines) {
    // The kept line alone: its LineIndex (cached for the next finding on it) has one line.
    write_caret(out, d, lines(d.file, d.mark.line), 1, color);
  }
  write_fix(out, d);
}

} // namespace isvc::diag
