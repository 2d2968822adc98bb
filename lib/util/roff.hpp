// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace isvc::util {

/// Plain text as one roff text line: backslashes become \e, and a leading '.' or '\''
/// (a request) is guarded with \&. Used by the generated man pages.
inline std::string roff_escape(std::string_view s) {
  std::string text;
  for (char c : s) {
    text += c == '\\' ? std::string("\\e") : std::string(1, c);
  }
  if (!text.empty() && (text[0] == '.' || text[0] == '\'')) {
    text.insert(0, "\\&");
  }
  return text;
}

} // namespace isvc::util
