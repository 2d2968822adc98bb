// SPDX-License-Identifier: Apache-2.0
#include "util/utf8.hpp"

namespace isvc::util {

std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) {
    return 1;
  }
  std::size_t len = b >= 0xC2 && b <= 0xDF   ? 2
                    : b >= 0xE0 && b <= 0xEF ? 3
                    : b >= 0xF0 && b <= 0xF4 ? 4
                                             : 0;
  unsigned char lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
  unsigned char hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
  bool ok = len != 0 && i + len <= s.size() && byte(i + 1) >= lo && byte(i + 1) <= hi;
  for (std::size_t k = 2; ok && k < len; ++k) {
    ok = (byte(i + k) & 0xC0U) == 0x80U;
  }
  return ok ? len : 0;
}

} // namespace isvc::util
