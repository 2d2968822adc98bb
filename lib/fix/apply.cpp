// SPDX-License-Identifier: Apache-2.0
#include "fix/apply.hpp"

#include "fix/line_index.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace isvc::fix {
namespace {

constexpr std::size_t k_context = 3;

struct Hunk {
  std::size_t first = 0; // 1-based old lines, inclusive
  std::size_t last = 0;
  std::vector<diag::Patch> patches;
};

// Old lines a patch touches: a deletion that ends at a line start ends on the line before.
std::pair<std::size_t, std::size_t> lines_of(const diag::Patch& p) {
  std::size_t a = p.start.line;
  std::size_t b = p.end_mark.line;
  if (p.end > p.begin && p.end_mark.col == 1 && b > a) {
    --b;
  }
  return {a, std::max(a, b)};
}

std::vector<Hunk> hunks(const std::vector<diag::Patch>& patches, std::size_t lines) {
  std::vector<Hunk> out;
  for (const auto& p : patches) {
    auto [a, b] = lines_of(p);
    std::size_t first = a > k_context ? a - k_context : 1;
    std::size_t last = std::min(lines, b + k_context);
    if (!out.empty() && first <= out.back().last + 1) {
      out.back().last = std::max(out.back().last, last);
    } else {
      out.push_back({first, last, {}});
    }
    out.back().patches.push_back(p);
  }
  return out;
}

// Lines of `s`, each with its line break; the flag says the last one has none.
std::vector<std::string_view> split(std::string_view s, bool& no_eol) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t nl = s.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    out.push_back(s.substr(pos, end - pos));
    pos = end;
  }
  no_eol = !s.empty() && s.back() != '\n';
  return out;
}

void emit_line(std::string& out, char sign, std::string_view line) {
  out += sign;
  out.append(line);
  if (line.empty() || line.back() != '\n') {
    out += "\n\\ No newline at end of file\n";
  }
}

// Lines both chunks share at the start and at the end are context; the rest is - then +.
void body(std::string& out, std::string_view old_chunk, std::string_view new_chunk) {
  bool eol_a = false;
  bool eol_b = false;
  auto a = split(old_chunk, eol_a);
  auto b = split(new_chunk, eol_b);
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) {
    ++pre;
  }
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) {
    ++suf;
  }
  for (std::size_t i = 0; i < pre; ++i) {
    emit_line(out, ' ', a[i]);
  }
  for (std::size_t i = pre; i < a.size() - suf; ++i) {
    emit_line(out, '-', a[i]);
  }
  for (std::size_t i = pre; i < b.size() - suf; ++i) {
    emit_line(out, '+', b[i]);
  }
  for (std::size_t i = a.size() - suf; i < a.size(); ++i) {
    emit_line(out, ' ', a[i]);
  }
}

std::string range(std::size_t start, std::size_t count) {
  return count == 1 ? fmt::format("{}", start)
                    : fmt::format("{},{}", count == 0 ? start - 1 : start, count);
}

std::size_t count_lines(std::string_view s) {
  bool no_eol = false;
  return split(s, no_eol).size();
}

} // namespace

namespace {

bool overlaps(const diag::Patch& a, const diag::Patch& b) {
  return (a.begin < b.end && b.begin < a.end) || a.begin == b.begin;
}

bool same(const diag::Patch& a, const diag::Patch& b) {
  return a.begin == b.begin && a.end == b.end && a.text == b.text;
}

} // namespace

std::vector<diag::Patch> whole_fixes(const std::vector<std::vector<diag::Patch>>& fixes,
                                     std::vector<std::size_t>* taken_fixes) {
  std::vector<diag::Patch> taken;
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    const auto& fix = fixes[i];
    bool clash = false;
    bool fresh = false;
    for (const auto& p : fix) {
      bool dup = std::any_of(taken.begin(), taken.end(), [&](const auto& t) { return same(p, t); });
      fresh = fresh || !dup;
      clash = clash || (!dup && std::any_of(taken.begin(), taken.end(),
                                            [&](const auto& t) { return overlaps(p, t); }));
    }
    if (fix.empty() || clash || !fresh) {
      continue;
    }
    if (taken_fixes != nullptr) {
      taken_fixes->push_back(i);
    }
    for (const auto& p : fix) {
      if (std::none_of(taken.begin(), taken.end(), [&](const auto& t) { return same(p, t); })) {
        taken.push_back(p);
      }
    }
  }
  std::stable_sort(taken.begin(), taken.end(), [](const auto& a, const auto& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  return taken;
}

std::string apply(std::string_view text, const std::vector<diag::Patch>& patches) {
  std::string out;
  out.reserve(text.size());
  std::size_t prev = 0;
  for (const auto& p : patches) {
    out.append(text.substr(prev, p.begin - prev)).append(p.text);
    prev = p.end;
  }
  out.append(text.substr(prev));
  return out;
}

namespace {

// Bytes of old lines [first, last], the last one's line break included.
std::pair<std::size_t, std::size_t>
lines_bytes(const LineIndex& ix, std::string_view text, std::size_t first, std::size_t last) {
  std::size_t begin = ix.line_span(first).first;
  std::size_t le = ix.line_span(last).second;
  std::size_t end = le < text.size() ? text.find('\n', le) : text.size();
  end = end == std::string_view::npos ? text.size() : std::min(text.size(), end + 1);
  return {begin, end};
}

// One hunk's lines: the lines each group of patches touches (patches on shared lines go
// together) as - and + lines, every line between and around them as context.
void hunk_lines(std::string& out, const LineIndex& ix, std::string_view text, const Hunk& h) {
  std::size_t line = h.first;
  for (std::size_t i = 0; i < h.patches.size();) {
    auto [a, b] = lines_of(h.patches[i]);
    std::size_t j = i + 1;
    for (; j < h.patches.size() && lines_of(h.patches[j]).first <= b; ++j) {
      b = std::max(b, lines_of(h.patches[j]).second);
    }
    if (a > line) {
      auto [cb, ce] = lines_bytes(ix, text, line, a - 1);
      body(out, text.substr(cb, ce - cb), text.substr(cb, ce - cb));
    }
    auto [gb, ge] = lines_bytes(ix, text, a, b);
    std::vector<diag::Patch> local(h.patches.begin() + static_cast<long>(i),
                                   h.patches.begin() + static_cast<long>(j));
    for (auto& p : local) {
      p.begin -= gb;
      p.end -= gb;
    }
    body(out, text.substr(gb, ge - gb), fix::apply(text.substr(gb, ge - gb), local));
    line = b + 1;
    i = j;
  }
  if (line <= h.last) {
    auto [cb, ce] = lines_bytes(ix, text, line, h.last);
    body(out, text.substr(cb, ce - cb), text.substr(cb, ce - cb));
  }
}

} // namespace

std::string unified_diff(const std::string& path,
                         std::string_view text,
                         const std::vector<diag::Patch>& patches) {
  if (patches.empty()) {
    return {};
  }
  LineIndex ix(text);
  std::string out = fmt::format("--- {}\n+++ {}\n", path, path);
  long shift = 0;
  for (const auto& h : hunks(patches, ix.lines())) {
    auto [begin, end] = lines_bytes(ix, text, h.first, h.last);
    std::string_view old_chunk = text.substr(begin, end - begin);
    std::vector<diag::Patch> local = h.patches;
    for (auto& p : local) {
      p.begin -= begin;
      p.end -= begin;
    }
    std::size_t old_n = count_lines(old_chunk);
    std::size_t new_n = count_lines(fix::apply(old_chunk, local));
    out += fmt::format("@@ -{} +{} @@\n", range(h.first, old_n),
                       range(static_cast<std::size_t>(static_cast<long>(h.first) + shift), new_n));
    hunk_lines(out, ix, text, h);
    shift += static_cast<long>(new_n) - static_cast<long>(old_n);
  }
  return out;
}

namespace {

constexpr std::size_t k_max_lcs_cells = 4'000'000;

struct LineRun {
  std::size_t a_begin, a_end, b_begin, b_end; // line indexes, [begin, end)
};

// The runs of lines that differ between `a` and `b` (a longest common subsequence of lines,
// the first differing line to the last); one run over the whole middle when that table would
// be too big.
std::vector<LineRun> differing_runs(const std::vector<std::string_view>& a,
                                    const std::vector<std::string_view>& b) {
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) {
    ++pre;
  }
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) {
    ++suf;
  }
  std::size_t n = a.size() - pre - suf;
  std::size_t m = b.size() - pre - suf;
  if ((n + 1) * (m + 1) > k_max_lcs_cells) {
    return {{pre, pre + n, pre, pre + m}};
  }
  // lcs[i][j]: common lines of a[pre+i..] and b[pre+j..] within the middle.
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) =
          a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<LineRun> runs;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] == b[pre + j]) {
      ++i;
      ++j;
      continue;
    }
    LineRun r{pre + i, pre + i, pre + j, pre + j};
    while ((i < n || j < m) && !(i < n && j < m && a[pre + i] == b[pre + j])) {
      if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
        ++i;
      } else {
        ++j;
      }
    }
    r.a_end = pre + i;
    r.b_end = pre + j;
    runs.push_back(r);
  }
  return runs;
}

} // namespace

std::string
unified_diff_texts(const std::string& path, std::string_view before, std::string_view after) {
  if (before == after) {
    return {};
  }
  bool eol_a = false;
  bool eol_b = false;
  auto a = split(before, eol_a);
  auto b = split(after, eol_b);
  // Byte offset of each line start (and of the end).
  auto starts = [](const std::vector<std::string_view>& lines) {
    std::vector<std::size_t> out{0};
    for (auto l : lines) {
      out.push_back(out.back() + l.size());
    }
    return out;
  };
  auto sa = starts(a);
  auto sb = starts(b);
  LineIndex ix(before);
  std::vector<diag::Patch> patches;
  for (const auto& r : differing_runs(a, b)) {
    std::size_t begin = sa[r.a_begin];
    std::size_t end = sa[r.a_end];
    patches.push_back({begin, end,
                       std::string(after.substr(sb[r.b_begin], sb[r.b_end] - sb[r.b_begin])),
                       ix.mark(begin), ix.mark(end)});
  }
  return unified_diff(path, before, patches);
}

} // namespace isvc::fix
