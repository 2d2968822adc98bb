// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/node.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace isvc::diag {

/// What a finding's fix changes, said in terms of the YAML (a rule knows the node, not the
/// bytes). lib/fix turns it into byte patches against the file, or refuses when the edit
/// cannot be made without reformatting the author's text.
struct Edit {
  enum class Op : std::uint8_t {
    replace_text, ///< in the scalar at `at`, every `from` becomes `to` (whole value if equal)
    wrap,         ///< the scalar at `at` gets `from` before and `to` after its value
    rename_key,   ///< the mapping key at `at` becomes `to`
    delete_entry, ///< the `key: value` entry whose key is at `at` goes, its whole line(s)
    copy_entry,   ///< after the entry whose key is at `at`, a sibling `to: <its value>`
  };
  Op op = Op::replace_text;
  model::Mark at;
  std::string from;
  std::string to;

  static Edit replace(model::Mark at, std::string from, std::string to) {
    return {Op::replace_text, at, std::move(from), std::move(to)};
  }
  static Edit wrap_in(model::Mark at, std::string before, std::string after) {
    return {Op::wrap, at, std::move(before), std::move(after)};
  }
  static Edit rename(model::Mark key, std::string to) {
    return {Op::rename_key, key, {}, std::move(to)};
  }
  static Edit remove(model::Mark key) { return {Op::delete_entry, key, {}, {}}; }
  /// The value's token is copied as written (quotes included), in the entry's own style.
  static Edit copy_as(model::Mark key, std::string new_key) {
    return {Op::copy_entry, key, {}, std::move(new_key)};
  }
};

/// A resolved edit: bytes [begin, end) of the file become `text`. `start`/`end_mark` are the
/// same region as 1-based line and character columns (SARIF's deletedRegion, end exclusive).
struct Patch {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  model::Mark start;
  model::Mark end_mark;
};

} // namespace isvc::diag
