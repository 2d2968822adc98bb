// SPDX-License-Identifier: Apache-2.0
// Shared by the libFuzzer targets and their gcc-built replay: a finding is
// fine, a crash, a sanitizer report or an "internal error" is not.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace isvc::fuzz {

/// Aborts (libFuzzer records the input) when `text` shows a failure no user may see.
inline void require_no_internal_error(std::string_view what, const std::string& text) {
  if (text.find("internal error") != std::string::npos) {
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
