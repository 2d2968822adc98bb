// SPDX-License-Identifier: Apache-2.0
// A small PromQL parser (no PromQL library exists in Debian). Grammar and
// precedence follow prometheus/promql/parser: or < and/unless < comparisons <
// + - < * / % atan2 < ^ (right-associative); unary minus binds tighter than
// binary operators except ^.
#include "promql/parser.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <fmt/format.h>

namespace isvc::promql {
namespace {

enum class Tok : std::uint8_t { end, ident, number, duration, string, punct, op };

struct Token {
  Tok kind = Tok::end;
  std::string text;
  std::size_t offset = 0;
};

constexpr std::array<std::string_view, 14> k_aggregations = {
    "sum",  "avg",     "min",      "max",          "count", "stddev", "stdvar",
    "topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio"};

bool is_aggregation(std::string_view s) {
  return std::find(k_aggregations.begin(), k_aggregations.end(), s) != k_aggregations.end();
}

constexpr std::array<std::string_view, 12> k_keywords = {
    "by",   "without", "on",  "ignoring", "group_left", "group_right",
    "bool", "offset",  "and", "or",       "unless",     "atan2"};

bool is_keyword(std::string_view s) {
  return is_aggregation(s) ||
         std::find(k_keywords.begin(), k_keywords.end(), s) != k_keywords.end();
}

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}
bool ident_char(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

class Lexer {
public:
  explicit Lexer(std::string_view s) : m_s(s) {}

  // Tokens are produced on demand; `in_brackets` switches digits to durations.
  // NOLINTNEXTLINE(readability-function-size): a lexer is one switch over the next character.
  Token next(bool in_brackets) {
    skip_space_and_comments();
    Token t;
    t.offset = m_pos;
    if (m_pos >= m_s.size()) {
      return t;
    }
    char c = m_s[m_pos];
    if (in_brackets && c == ':') { // the subquery step separator, not a metric-name char
      ++m_pos;
      t.kind = Tok::punct;
      t.text = ":";
      return t;
    }
    if (in_brackets && std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t start = m_pos;
      while (m_pos < m_s.size() && std::isalnum(static_cast<unsigned char>(m_s[m_pos]))) {
        ++m_pos;
      }
      t.kind = Tok::duration;
      t.text = std::string(m_s.substr(start, m_pos - start));
      return t;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && m_pos + 1 < m_s.size() &&
         std::isdigit(static_cast<unsigned char>(m_s[m_pos + 1])))) {
      std::size_t start = m_pos;
      while (m_pos < m_s.size() &&
             (std::isalnum(static_cast<unsigned char>(m_s[m_pos])) || m_s[m_pos] == '.' ||
              ((m_s[m_pos] == '+' || m_s[m_pos] == '-') &&
               (m_s[m_pos - 1] == 'e' || m_s[m_pos - 1] == 'E')))) {
        ++m_pos;
      }
      t.kind = Tok::number;
      t.text = std::string(m_s.substr(start, m_pos - start));
      return t;
    }
    if (ident_start(c)) {
      std::size_t start = m_pos;
      while (m_pos < m_s.size() && ident_char(m_s[m_pos])) {
        ++m_pos;
      }
      t.kind = Tok::ident;
      t.text = std::string(m_s.substr(start, m_pos - start));
      // Prometheus matches keywords (sum, by, bool, or, ...) case-insensitively: SUM(x) is sum(x).
      std::string lower = util::to_lower(t.text);
      if (is_keyword(lower)) {
        t.text = std::move(lower);
      }
      return t;
    }
    if (c == '"' || c == '\'' || c == '`') {
      std::size_t start = ++m_pos;
      std::string value;
      while (m_pos < m_s.size() && m_s[m_pos] != c) {
        if (m_s[m_pos] == '\\' && c != '`' && m_pos + 1 < m_s.size()) {
          ++m_pos;
        }
        value += m_s[m_pos++];
      }
      if (m_pos >= m_s.size()) {
        m_error = ParseError{start - 1, "unterminated string"};
        return Token{};
      }
      ++m_pos;
      t.kind = Tok::string;
      t.text = value;
      return t;
    }
    static constexpr std::array<std::string_view, 8> k_two = {
        "==", "!=", "<=", ">=", "=~", "!~", "", ""};
    for (auto two : k_two) {
      if (!two.empty() && m_s.substr(m_pos, 2) == two) {
        m_pos += 2;
        t.kind = Tok::op;
        t.text = std::string(two);
        return t;
      }
    }
    if (std::string_view("+-*/%^<>=").find(c) != std::string_view::npos) {
      ++m_pos;
      t.kind = Tok::op;
      t.text = std::string(1, c);
      return t;
    }
    if (std::string_view("(){}[],:@").find(c) != std::string_view::npos) {
      ++m_pos;
      t.kind = Tok::punct;
      t.text = std::string(1, c);
      return t;
    }
    m_error = ParseError{m_pos, std::string("unexpected character '") + c + "'"};
    return Token{};
  }

  const std::optional<ParseError>& error() const { return m_error; }
  std::size_t pos() const { return m_pos; }
  void reset(std::size_t pos) { m_pos = pos; }

private:
  // A loop, not recursion: a query of many comment lines must not grow the stack.
  void skip_space_and_comments() {
    while (m_pos < m_s.size()) {
      if (std::isspace(static_cast<unsigned char>(m_s[m_pos]))) {
        ++m_pos;
      } else if (m_s[m_pos] == '#') {
        while (m_pos < m_s.size() && m_s[m_pos] != '\n') {
          ++m_pos;
        }
      } else {
        return;
      }
    }
  }

  std::string_view m_s;
  std::size_t m_pos = 0;
  std::optional<ParseError> m_error;
};

struct Failure {
  ParseError error;
};

class Parser {
public:
  explicit Parser(std::string_view s) : m_lex(s) { advance(); }

  std::unique_ptr<Expr> parse_all() {
    auto e = expr(0);
    if (m_tok.kind != Tok::end) {
      fail(m_tok.offset, "unexpected '" + m_tok.text + "' after the expression");
    }
    return e;
  }

private:
  [[noreturn]] void fail(std::size_t offset, std::string msg) {
    throw Failure{ParseError{offset, std::move(msg)}};
  }

  void advance(bool in_brackets = false) {
    // Bounds the tree, and so every recursive walk over it, for hostile inputs (a query of
    // 20,000 nested parentheses overflowed the stack); real autoscaling queries are far smaller.
    if (++m_tokens > k_max_tokens) {
      fail(m_tok.offset, fmt::format("query too long: more than {} tokens", k_max_tokens));
    }
    m_tok = m_lex.next(in_brackets);
    if (m_lex.error()) {
      throw Failure{*m_lex.error()};
    }
  }

  bool is(Tok k, std::string_view text) const { return m_tok.kind == k && m_tok.text == text; }

  void expect(std::string_view punct, const char* what) {
    if (!is(Tok::punct, punct)) {
      fail(m_tok.offset,
           std::string("expected '") + std::string(punct) + "' " + what +
               (m_tok.kind == Tok::end ? ", found the end" : ", found '" + m_tok.text + "'"));
    }
    advance();
  }

  // Binary precedence; 0 = not a binary operator here.
  static int precedence(const Token& t) {
    if (t.kind == Tok::ident) {
      if (t.text == "or") {
        return 1;
      }
      if (t.text == "and" || t.text == "unless") {
        return 2;
      }
      if (t.text == "atan2") {
        return 5;
      }
      return 0;
    }
    if (t.kind != Tok::op) {
      return 0;
    }
    const std::string& o = t.text;
    if (o == "==" || o == "!=" || o == "<" || o == ">" || o == "<=" || o == ">=") {
      return 3;
    }
    if (o == "+" || o == "-") {
      return 4;
    }
    if (o == "*" || o == "/" || o == "%") {
      return 5;
    }
    if (o == "^") {
      return 6;
    }
    return 0;
  }

  std::vector<std::string> label_list() {
    expect("(", "to start a label list");
    std::vector<std::string> out;
    while (!is(Tok::punct, ")")) {
      if (m_tok.kind != Tok::ident) {
        fail(m_tok.offset, "expected a label name");
      }
      out.push_back(m_tok.text);
      advance();
      if (is(Tok::punct, ",")) {
        advance();
      } else if (!is(Tok::punct, ")")) {
        fail(m_tok.offset, "expected ',' or ')' in the label list");
      }
    }
    advance();
    return out;
  }

  std::unique_ptr<Expr> expr(int min_prec) {
    auto lhs = unary();
    while (true) {
      int p = precedence(m_tok);
      if (p == 0 || p < min_prec) {
        return lhs;
      }
      auto node = std::make_unique<Expr>();
      node->kind = Expr::Kind::binary;
      node->name = m_tok.text;
      node->offset = m_tok.offset;
      advance();
      if (m_tok.kind == Tok::ident && m_tok.text == "bool") {
        if (p != 3) {
          fail(m_tok.offset, "bool modifier can only be used on comparison operators");
        }
        node->bool_modifier = true;
        advance();
      }
      if (m_tok.kind == Tok::ident && (m_tok.text == "on" || m_tok.text == "ignoring")) {
        advance();
        label_list();
      }
      if (m_tok.kind == Tok::ident && (m_tok.text == "group_left" || m_tok.text == "group_right")) {
        advance();
        if (is(Tok::punct, "(")) {
          label_list();
        }
      }
      // ^ is right-associative; everything else left.
      auto rhs = expr(node->name == "^" ? p : p + 1);
      node->args.push_back(std::move(lhs));
      node->args.push_back(std::move(rhs));
      lhs = std::move(node);
    }
  }

  std::unique_ptr<Expr> unary() {
    if (m_depth >= k_max_depth) {
      fail(m_tok.offset, fmt::format("expression nested more than {} levels deep", k_max_depth));
    }
    struct Deeper {
      int& d;
      explicit Deeper(int& depth) : d(++depth) {}
      ~Deeper() { --d; }
      Deeper(const Deeper&) = delete;
      Deeper& operator=(const Deeper&) = delete;
    } deeper(m_depth);
    if (m_tok.kind == Tok::op && (m_tok.text == "-" || m_tok.text == "+")) {
      auto node = std::make_unique<Expr>();
      node->kind = Expr::Kind::unary;
      node->name = m_tok.text;
      node->offset = m_tok.offset;
      advance();
      node->args.push_back(expr(6)); // binds tighter than * but looser than ^
      return node;
    }
    return postfix(primary());
  }

  std::unique_ptr<Expr> postfix(std::unique_ptr<Expr> e) {
    while (true) {
      if (is(Tok::punct, "[")) {
        std::size_t at = m_tok.offset;
        advance(true);
        if (m_tok.kind != Tok::duration && m_tok.kind != Tok::number) {
          fail(m_tok.offset, "expected a duration in the range");
        }
        check_duration(m_tok);
        std::string range = m_tok.text;
        advance(true);
        bool sub = false;
        if (is(Tok::punct, ":")) {
          sub = true;
          advance(true);
          if (m_tok.kind == Tok::duration || m_tok.kind == Tok::number) {
            check_duration(m_tok);
            advance(true);
          }
        }
        expect("]", "to close the range");
        if (!sub && e->kind != Expr::Kind::selector) {
          fail(at, "ranges only allowed for vector selectors (use a subquery [range:step])");
        }
        auto node = std::make_unique<Expr>();
        node->kind = sub ? Expr::Kind::subquery : Expr::Kind::matrix;
        node->offset = e->offset;
        if (!sub) {
          node->name = e->name;
          node->matchers = e->matchers;
          node->range = std::move(range);
        }
        node->args.push_back(std::move(e));
        e = std::move(node);
      } else if (m_tok.kind == Tok::ident && m_tok.text == "offset") {
        advance(true);
        if (m_tok.kind == Tok::op && m_tok.text == "-") {
          advance(true);
        }
        if (m_tok.kind != Tok::duration && m_tok.kind != Tok::number) {
          fail(m_tok.offset, "expected a duration after offset");
        }
        check_duration(m_tok);
        advance();
      } else if (is(Tok::punct, "@")) {
        advance();
        if (m_tok.kind == Tok::number ||
            (m_tok.kind == Tok::ident && (m_tok.text == "start" || m_tok.text == "end"))) {
          advance();
          if (is(Tok::punct, "(")) {
            advance();
            expect(")", "after start/end");
          }
        } else {
          fail(m_tok.offset, "expected a timestamp after @");
        }
      } else {
        return e;
      }
    }
  }

  void check_duration(const Token& t) {
    // [0-9]+(ms|s|m|h|d|w|y) repeated, or a plain number of seconds.
    const std::string& s = t.text;
    std::size_t i = 0;
    bool any = false;
    while (i < s.size()) {
      std::size_t d = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        ++i;
      }
      if (i == d) {
        fail(t.offset, "bad duration \"" + s + "\"");
      }
      if (i == s.size()) {
        if (any) {
          fail(t.offset, "bad duration \"" + s + "\"");
        }
        return; // plain seconds
      }
      std::size_t u = i;
      while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) {
        ++i;
      }
      std::string unit = s.substr(u, i - u);
      if (unit != "ms" && unit != "s" && unit != "m" && unit != "h" && unit != "d" && unit != "w" &&
          unit != "y") {
        fail(t.offset, fmt::format("bad duration \"{}\": unknown unit \"{}\"", s, unit));
      }
      any = true;
    }
  }

  std::vector<Matcher> matchers() {
    expect("{", "to start label matchers");
    std::vector<Matcher> out;
    while (!is(Tok::punct, "}")) {
      Matcher m;
      if (m_tok.kind == Tok::ident) {
        m.label = m_tok.text;
      } else if (m_tok.kind == Tok::string && quoted_label_follows()) {
        m.label = m_tok.text; // Prometheus 3: {"__name__"="vllm:x", "label"="v"}
      } else if (m_tok.kind == Tok::string) {
        m.label = "__name__"; // {"metric:name"} quoted name form
        m.op = "=";
        m.value = m_tok.text;
        advance();
        out.push_back(std::move(m));
        if (is(Tok::punct, ",")) {
          advance();
        }
        continue;
      } else {
        fail(m_tok.offset, "expected a label name in the matchers");
      }
      advance();
      if (m_tok.kind != Tok::op ||
          (m_tok.text != "=" && m_tok.text != "!=" && m_tok.text != "=~" && m_tok.text != "!~")) {
        fail(m_tok.offset, "expected =, !=, =~ or !~ after label \"" + m.label + "\"");
      }
      m.op = m_tok.text;
      advance();
      if (m_tok.kind != Tok::string) {
        fail(m_tok.offset, "label values must be quoted strings");
      }
      m.value = m_tok.text;
      advance();
      out.push_back(std::move(m));
      if (is(Tok::punct, ",")) {
        advance();
      } else if (!is(Tok::punct, "}")) {
        fail(m_tok.offset, "expected ',' or '}' in the label matchers");
      }
    }
    advance();
    return out;
  }

  // After a quoted string in matchers: is it a label name (a matcher operator follows)?
  bool quoted_label_follows() {
    std::size_t save = m_lex.pos();
    Token next = m_lex.next(false);
    m_lex.reset(save);
    return next.kind == Tok::op &&
           (next.text == "=" || next.text == "!=" || next.text == "=~" || next.text == "!~");
  }

  std::unique_ptr<Expr> call_args(std::unique_ptr<Expr> node) {
    expect("(", "to start the arguments");
    while (!is(Tok::punct, ")")) {
      node->args.push_back(expr(0));
      if (is(Tok::punct, ",")) {
        advance();
      } else if (!is(Tok::punct, ")")) {
        fail(m_tok.offset, m_tok.kind == Tok::end
                               ? "expected ')' to close " + node->name + "("
                               : "expected ',' or ')' in the arguments of " + node->name);
      }
    }
    advance();
    return node;
  }

  // `sum [by (l)] (x) [by (l)]`; the aggregation's name is already read.
  std::unique_ptr<Expr> aggregation(std::unique_ptr<Expr> node, std::string name) {
    node->kind = Expr::Kind::aggregation;
    node->name = std::move(name);
    auto grouping = [&] {
      node->has_grouping = true;
      node->without = m_tok.text == "without";
      advance();
      node->grouping = label_list();
    };
    if (m_tok.kind == Tok::ident) {
      grouping();
    }
    node = call_args(std::move(node));
    if (m_tok.kind == Tok::ident && (m_tok.text == "by" || m_tok.text == "without")) {
      if (node->has_grouping) {
        fail(m_tok.offset, "grouping given twice");
      }
      grouping();
    }
    if (node->args.empty()) {
      fail(node->offset, node->name + "() needs an argument");
    }
    return node;
  }

  // An identifier starts an aggregation, a function call or a selector.
  std::unique_ptr<Expr> identifier(std::unique_ptr<Expr> node) {
    std::string name = m_tok.text;
    advance();
    if (is_aggregation(name) &&
        (is(Tok::punct, "(") ||
         (m_tok.kind == Tok::ident && (m_tok.text == "by" || m_tok.text == "without")))) {
      return aggregation(std::move(node), std::move(name));
    }
    if (is(Tok::punct, "(")) {
      node->kind = Expr::Kind::call;
      node->name = name;
      return call_args(std::move(node));
    }
    if (std::find(k_keywords.begin(), k_keywords.end(), name) != k_keywords.end()) {
      fail(node->offset, "unexpected keyword \"" + name + "\"");
    }
    node->kind = Expr::Kind::selector;
    node->name = name;
    if (is(Tok::punct, "{")) {
      node->matchers = matchers();
    }
    return node;
  }

  std::unique_ptr<Expr> primary() {
    auto node = std::make_unique<Expr>();
    node->offset = m_tok.offset;
    switch (m_tok.kind) {
    case Tok::number:
      node->kind = Expr::Kind::number;
      node->name = m_tok.text;
      advance();
      return node;
    case Tok::string:
      node->kind = Expr::Kind::string;
      node->name = m_tok.text;
      advance();
      return node;
    case Tok::punct:
      if (m_tok.text == "(") {
        advance();
        node->kind = Expr::Kind::paren;
        node->args.push_back(expr(0));
        expect(")", "to close '('");
        return node;
      }
      if (m_tok.text == "{") {
        node->kind = Expr::Kind::selector;
        node->matchers = matchers();
        for (const auto& m : node->matchers) {
          if (m.label == "__name__" && m.op == "=") {
            node->name = m.value;
          }
        }
        return node;
      }
      break;
    case Tok::ident:
      return identifier(std::move(node));
    default:
      break;
    }
    fail(m_tok.offset, m_tok.kind == Tok::end ? "unexpected end of the query"
                                              : "unexpected '" + m_tok.text + "'");
  }

  static constexpr int k_max_depth = 128;
  static constexpr std::size_t k_max_tokens = 20000;
  Lexer m_lex;
  Token m_tok;
  int m_depth = 0;
  std::size_t m_tokens = 0;
};

} // namespace

Parsed parse(std::string_view text) {
  Parsed out;
  try {
    Parser p(text);
    out.expr = p.parse_all();
  } catch (const Failure& f) {
    out.error = f.error;
  }
  return out;
}

} // namespace isvc::promql
