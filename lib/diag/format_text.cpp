// SPDX-License-Identifier: Apache-2.0
#include "diag/format_text.hpp"

#include <fmt/format.h>

namespace isvc::diag {
namespace {

std::string_view line_of(std::string_view text, std::uint32_t line) {
  std::size_t pos = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) {
      return {};
    }
    ++pos;
  }
  std::size_t end = text.find('\n', pos);
  std::string_view out =
      text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
  if (!out.empty() && out.back() == '\r') {
    out.remove_suffix(1);
  }
  return out;
}

} // namespace

void write_text(std::ostream& out, const Diagnostic& d, const SourceLookup& source) {
  out << fmt::format("{}:{}:{}: {}: {} [{}]\n", d.file, d.mark.line, d.mark.col,
                     to_string(d.severity), d.message, d.rule);
  std::string_view text = source ? source(d.file) : std::string_view();
  std::string_view line = d.mark.line > 0 ? line_of(text, d.mark.line) : std::string_view();
  if (!line.empty()) {
    std::string num = std::to_string(d.mark.line);
    out << fmt::format(" {:>4} | {}\n", num, line);
    std::string pad;
    for (std::uint32_t i = 1; i < d.mark.col && i - 1 < line.size(); ++i) {
      pad += line[i - 1] == '\t' ? '\t' : ' ';
    }
    out << fmt::format(" {:>4} | {}^\n", "", pad);
  }
  if (!d.fix.empty()) {
    out << "  fix: " << d.fix << '\n';
  }
}

} // namespace isvc::diag
