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

/// The integer kubectl's YAML reader (sigs.k8s.io/yaml on go-yaml) resolves from a plain
/// scalar: "1_0" is 10, "012" 10 (octal), "0x10" 16, "0o17" 15, "0b11" 3; nullopt for
/// anything else ("--5", "+-5", "0x-1", out of int64 range). The one integer reader.
std::optional<std::int64_t> parse_int(std::string_view text);
/// True if `text` is a YAML 1.2 core-schema float (not an integer).
bool looks_like_float(std::string_view text);

bool iequals(std::string_view a, std::string_view b);
/// Percent-encodes everything but RFC 3986 unreserved characters and "/" (a relative URI).
std::string uri_escape(std::string_view path);
/// A path as CI systems match it against the repository: lexically normal, no leading "./"
/// ("./a//b/../c.yaml" -> "a/c.yaml"); GitHub drops annotations whose file starts with "./".
/// An absolute path under `base` (default: the current directory, on GitHub Actions the
/// checkout) is made relative to it; other absolute paths stay as they are.
std::string repo_relative(std::string_view path, const std::string& base = {});
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
