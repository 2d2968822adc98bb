// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::promql {

/// One label matcher of a selector: label, op (= != =~ !~), value.
struct Matcher {
  std::string label;
  std::string op;
  std::string value;
};

/// A PromQL expression tree (no evaluation; only what the checks need).
struct Expr {
  enum class Kind : std::uint8_t {
    number,
    string,
    selector,    ///< instant vector selector
    matrix,      ///< selector[range]
    subquery,    ///< expr[range:step]
    call,        ///< function call
    aggregation, ///< sum/avg/... with optional by/without
    binary,
    unary,
    paren,
  };
  Kind kind = Kind::number;
  std::size_t offset = 0; ///< byte offset in the query text
  std::string name;       ///< metric, function, aggregation or operator
  std::vector<Matcher> matchers;
  std::vector<std::unique_ptr<Expr>> args; ///< children in source order
  std::vector<std::string> grouping;       ///< by/without labels
  bool has_grouping = false;
  bool without = false;
  bool bool_modifier = false; ///< comparison with `bool`
  std::string range;          ///< matrix: the range as written, e.g. "1m"
};

struct ParseError {
  std::size_t offset = 0;
  std::string message;
};

/// Parse result: an expression or the first error.
struct Parsed {
  std::unique_ptr<Expr> expr;
  std::optional<ParseError> error;
};

/// Parses a PromQL expression (selectors, ranges, subqueries, offset/@,
/// functions, aggregations with by/without, binary operators with bool,
/// on/ignoring and group_left/right, unary minus, parentheses).
Parsed parse(std::string_view text);

} // namespace isvc::promql
