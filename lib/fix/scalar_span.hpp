// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace isvc::fix {

/// Where one scalar token stands in the text, and how it is written.
struct ScalarSpan {
  enum class Style : std::uint8_t { plain, single_quoted, double_quoted, block };
  Style style = Style::plain;
  /// The whole token, quotes and block header included.
  std::size_t begin = 0;
  std::size_t end = 0;
  /// The value's characters inside it (between quotes; a block's first to last content byte).
  std::size_t content_begin = 0;
  std::size_t content_end = 0;
  /// A plain scalar inside a flow collection: `,[]{}` would end it.
  bool flow = false;
};

/// The scalar token starting at byte `pos`. A block scalar's content is every following
/// line indented deeper than the line of its header. nullopt for a token this cannot delimit
/// exactly: an anchor or tag first, a quoted scalar over several lines, a plain one with a
/// line break.
std::optional<ScalarSpan> scalar_span(std::string_view text, std::size_t pos);

} // namespace isvc::fix
