// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace isvc::util {

/// Escapes one JSON Pointer reference token (RFC 6901: ~ -> ~0, / -> ~1).
std::string pointer_token(std::string_view key);
/// `base` + "/" + escaped `key`.
std::string pointer_join(std::string_view base, std::string_view key);
std::string pointer_join(std::string_view base, std::size_t index);

/// Parses a YAML 1.2 core-schema integer (decimal, 0x, 0o); nullopt otherwise.
std::optional<std::int64_t> parse_int(std::string_view text);
/// True if `text` is a YAML 1.2 core-schema float (not an integer).
bool looks_like_float(std::string_view text);

bool iequals(std::string_view a, std::string_view b);
/// Percent-encodes everything but RFC 3986 unreserved characters and "/" (a relative URI).
std::string uri_escape(std::string_view path);
/// "k=v, k2=v2" split on commas and the first '=' of each entry, both sides trimmed, empty
/// entries skipped. `bad` is the first entry without a key and '=' (then `pairs` stops there).
struct KeyValues {
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  std::optional<std::string_view> bad;
};
KeyValues split_key_values(std::string_view text);
/// ASCII lower case.
std::string to_lower(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::string_view trim(std::string_view s);
/// `"text"` for messages, or `empty` for blank text (`""` in a message reads as a typo).
std::string quoted(std::string_view text);

} // namespace isvc::util
