// SPDX-License-Identifier: Apache-2.0
// Shared by the libFuzzer targets and their gcc-built replay: a finding is
// fine, a crash, a sanitizer report or an "internal error" is not.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace isvc::fuzz {

// `text` starts a finding line at its position: "<file>:<line>:<col>: " (the file has no
// space, as the targets name their input "-" / "<stdin>").
inline std::size_t after_position(std::string_view line) {
  std::size_t colon = line.find(": ");
  if (colon == std::string_view::npos ||
      line.substr(0, colon).find(' ') != std::string_view::npos) {
    return std::string_view::npos;
  }
  return colon + 2;
}

/// Aborts (libFuzzer records the input) when `text` shows a failure no user may see: the
/// last-resort "isvc-scale: internal error: " (cli/main.cpp), or an exception turned into a
/// finding whose message is "cannot process this file: ..." (parse::unprocessable). Matched
/// where the tool writes them, at the start of a line or of a finding's message: the fuzzer
/// learns the words from this very comparison and plants them in fields that messages quote.
inline void require_no_internal_error(std::string_view what, const std::string& text) {
  bool bad = false;
  std::string_view rest(text);
  while (!rest.empty() && !bad) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    std::size_t msg = after_position(line);
    bad = line.rfind("isvc-scale: internal error: ", 0) == 0 ||
          (msg != std::string_view::npos &&
           line.substr(msg).rfind("error: cannot process this file: ", 0) == 0);
  }
  if (bad) {
    std::fprintf(stderr, "%.*s reported an internal error:\n%s\n", static_cast<int>(what.size()),
                 what.data(), text.c_str());
    std::abort();
  }
}

[[noreturn]] inline void fail(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::abort();
}

} // namespace isvc::fuzz
