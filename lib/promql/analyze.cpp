// SPDX-License-Identifier: Apache-2.0
// A small PromQL parser (no PromQL library exists in Debian). Grammar and
// precedence follow prometheus/promql/parser: or < and/unless < comparisons <
// + - < * / % atan2 < ^ (right-associative); unary minus binds tighter than
// binary operators except ^.
#include "promql/analyze.hpp"

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
    case Tok::ident: {
      std::string name = m_tok.text;
      advance();
      if (is_aggregation(name) &&
          (is(Tok::punct, "(") ||
           (m_tok.kind == Tok::ident && (m_tok.text == "by" || m_tok.text == "without")))) {
        node->kind = Expr::Kind::aggregation;
        node->name = name;
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
          fail(node->offset, name + "() needs an argument");
        }
        return node;
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

const Expr& unparen(const Expr& e) {
  const Expr* cur = &e;
  while (cur->kind == Expr::Kind::paren && !cur->args.empty()) {
    cur = cur->args[0].get();
  }
  return *cur;
}

bool is_scalar(const Expr& e) {
  const Expr& u = unparen(e);
  if (u.kind == Expr::Kind::number) {
    return true;
  }
  if (u.kind == Expr::Kind::call && (u.name == "scalar" || u.name == "time" || u.name == "pi")) {
    return true;
  }
  if (u.kind == Expr::Kind::unary) {
    return is_scalar(*u.args[0]);
  }
  if (u.kind == Expr::Kind::binary) {
    return is_scalar(*u.args[0]) && is_scalar(*u.args[1]);
  }
  return false;
}

// First argument that is a vector (skips numeric parameters).
const Expr* vector_arg(const Expr& call) {
  for (const auto& a : call.args) {
    if (!is_scalar(*a) && a->kind != Expr::Kind::string) {
      return a.get();
    }
  }
  return nullptr;
}

void collect(const Expr& e, std::vector<const Expr*>& out) {
  if (e.kind == Expr::Kind::selector) {
    out.push_back(&e);
    return;
  }
  if (e.kind == Expr::Kind::matrix) {
    out.push_back(&e);
    return;
  }
  for (const auto& a : e.args) {
    collect(*a, out);
  }
}

// Every grouping label is fixed by an equality matcher in every selector of `arg`:
// sum by (model_name) (x{model_name="m"}) still has one series.
bool pinned(const Expr* arg, const std::vector<std::string>& labels) {
  if (arg == nullptr) {
    return false;
  }
  std::vector<const Expr*> sels;
  collect(*arg, sels);
  if (sels.empty()) {
    return false;
  }
  return std::all_of(labels.begin(), labels.end(), [&](const std::string& l) {
    return std::all_of(sels.begin(), sels.end(), [&](const Expr* s) {
      return std::any_of(s->matchers.begin(), s->matchers.end(),
                         [&](const Matcher& m) { return m.label == l && m.op == "="; });
    });
  });
}

bool positive_literal(const Expr& e) {
  const Expr& u = unparen(e);
  return u.kind == Expr::Kind::number && std::strtod(u.name.c_str(), nullptr) > 0;
}

bool guarded(const Expr& divisor) {
  const Expr& d = unparen(divisor);
  if (is_scalar(d)) {
    return true;
  }
  // count() is at least 1 or has no result (then the division has none either, never NaN).
  if (d.kind == Expr::Kind::aggregation && d.name == "count") {
    return true;
  }
  // 1 + x over counters/rates (never negative) cannot be 0.
  if (d.kind == Expr::Kind::binary && d.name == "+" &&
      (positive_literal(*d.args[0]) || positive_literal(*d.args[1]))) {
    return true;
  }
  if (d.kind == Expr::Kind::call && (d.name == "clamp_min" || d.name == "clamp")) {
    return true;
  }
  // x > 0 (filter, no bool) drops zero divisors.
  if (d.kind == Expr::Kind::binary && !d.bool_modifier && (d.name == ">" || d.name == "!=") &&
      is_scalar(*d.args[1])) {
    return true;
  }
  return false;
}

void divisions(const Expr& e, std::vector<std::size_t>& out) {
  if (e.kind == Expr::Kind::binary && e.name == "/" && !guarded(*e.args[1])) {
    out.push_back(e.offset);
  }
  for (const auto& a : e.args) {
    divisions(*a, out);
  }
}

bool mentions(std::string_view value, std::string_view owner) {
  return !owner.empty() && value.find(owner) != std::string_view::npos;
}

// The InferencePool the llm-d-epp preset reads is named after the InferenceService, while the
// owner of a ScaledObject's query is the Deployment <isvc>-predictor (KServe
// PredictorServiceName): inference_pool="<isvc>" names it too.
bool names_pool_of(const Matcher& m, std::string_view owner) {
  constexpr std::string_view k_suffix = "-predictor";
  if (m.label != "inference_pool" || m.op != "=" || owner.size() <= k_suffix.size() ||
      owner.substr(owner.size() - k_suffix.size()) != k_suffix) {
    return false;
  }
  return m.value == owner.substr(0, owner.size() - k_suffix.size());
}

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

bool returns_single_series(const Expr& e) {
  const Expr& u = unparen(e);
  switch (u.kind) {
  case Expr::Kind::number:
  case Expr::Kind::string:
    return true;
  case Expr::Kind::selector:
  case Expr::Kind::matrix:
  case Expr::Kind::subquery:
    return false;
  case Expr::Kind::aggregation: {
    bool grouped_away = !u.has_grouping || (!u.without && u.grouping.empty()) ||
                        (!u.without && pinned(u.args.back().get(), u.grouping));
    if (u.name == "topk" || u.name == "bottomk" || u.name == "limitk") {
      // topk(1, x) keeps one series (per group).
      const Expr& k = unparen(*u.args[0]);
      return u.args.size() == 2 && k.kind == Expr::Kind::number && k.name == "1" && grouped_away;
    }
    if (u.name == "limit_ratio" || u.name == "count_values") {
      return false;
    }
    return grouped_away;
  }
  case Expr::Kind::call: {
    if (u.name == "scalar" || u.name == "vector" || u.name == "time" || u.name == "pi" ||
        u.name == "absent" || u.name == "absent_over_time") {
      return true;
    }
    if (u.name == "histogram_quantile" && u.args.size() == 2) {
      const Expr& inner = unparen(*u.args[1]);
      const Expr* agg = &inner;
      // rate() etc. may sit outside the aggregation: histogram_quantile(q, rate(sum by (le)(...)))
      while (agg->kind == Expr::Kind::call && !agg->args.empty()) {
        agg = &unparen(*agg->args[0]);
      }
      if (agg->kind == Expr::Kind::aggregation && !agg->without && agg->has_grouping) {
        return agg->grouping.size() == 1 && agg->grouping[0] == "le";
      }
      return false;
    }
    const Expr* v = vector_arg(u);
    return v == nullptr || returns_single_series(*v);
  }
  case Expr::Kind::binary:
    return (is_scalar(*u.args[0]) || returns_single_series(*u.args[0])) &&
           (is_scalar(*u.args[1]) || returns_single_series(*u.args[1]));
  case Expr::Kind::unary:
  case Expr::Kind::paren:
    return returns_single_series(*u.args[0]);
  }
  return false;
}

std::vector<const Expr*> selectors(const Expr& e) {
  std::vector<const Expr*> out;
  collect(e, out);
  return out;
}

bool is_scoped(const Expr& e, std::string_view ns, std::string_view owner, std::string_view model) {
  static constexpr std::array<std::string_view, 4> k_ns_labels = {
      "namespace", "destination_service_namespace", "destination_workload_namespace",
      "exported_namespace"};
  static constexpr std::array<std::string_view, 13> k_owner_labels = {"pod",
                                                                      "deployment",
                                                                      "service",
                                                                      "job",
                                                                      "app",
                                                                      "destination_service_name",
                                                                      "destination_workload",
                                                                      "destination_service",
                                                                      "inference_pool",
                                                                      "route",
                                                                      "envoy_cluster_name",
                                                                      "kserve_component",
                                                                      "server"};
  auto sels = selectors(e);
  if (sels.empty()) {
    return false;
  }
  for (const Expr* s : sels) {
    bool ns_ok = false;
    bool owner_ok = false;
    for (const auto& m : s->matchers) {
      if ((m.op != "=" && m.op != "=~") || m.value.empty() ||
          (m.op == "=~" && (m.value == ".*" || m.value == ".+"))) {
        continue; // model_name="" or =~".*" selects nothing specific
      }
      bool ns_label =
          std::find(k_ns_labels.begin(), k_ns_labels.end(), m.label) != k_ns_labels.end();
      if (ns_label) {
        ns_ok = ns_ok || ns.empty() || m.value == ns || (m.op == "=~" && mentions(m.value, ns));
      }
      if ((m.label == "model_name" || m.label == "model") && (model.empty() || m.value == model)) {
        owner_ok = true;
      }
      owner_ok = owner_ok || names_pool_of(m, owner);
      if (std::find(k_owner_labels.begin(), k_owner_labels.end(), m.label) !=
              k_owner_labels.end() &&
          mentions(m.value, owner)) {
        owner_ok = true;
        // Envoy cluster names embed the namespace: httproute/<ns>/<route>/...
        if (m.label == "envoy_cluster_name" && !ns.empty() &&
            m.value.find("/" + std::string(ns) + "/") != std::string::npos) {
          ns_ok = true;
        }
      }
    }
    if (!ns_ok || !owner_ok) {
      return false;
    }
  }
  return true;
}

std::vector<std::size_t> unguarded_divisions(const Expr& e) {
  std::vector<std::size_t> out;
  divisions(e, out);
  return out;
}

bool is_latency_quantile(const Expr& e) {
  const Expr& u = unparen(e);
  if (u.kind == Expr::Kind::call &&
      (u.name == "histogram_quantile" || u.name == "quantile_over_time")) {
    return true;
  }
  if (u.kind == Expr::Kind::aggregation && !u.args.empty()) {
    return is_latency_quantile(*u.args.back());
  }
  return false;
}

std::string top_aggregation(const Expr& e) {
  const Expr& u = unparen(e);
  return u.kind == Expr::Kind::aggregation ? u.name : std::string();
}

bool reads_only_pod_metrics(const Expr& e, bool epp_queues_at_zero) {
  auto sels = selectors(e);
  if (sels.empty()) {
    return false;
  }
  return std::all_of(sels.begin(), sels.end(), [epp_queues_at_zero](const Expr* s) {
    if (util::starts_with(s->name, "vllm:")) {
      return s->name != "vllm:num_incoming_requests_total"; // lives in the router
    }
    // Before llm-d-router v0.9.0 the EPP reports flow-control series only with a ready backend
    // (llm-d/llm-d #2492); from v0.9.0 its queue holds the requests that wait at zero pods.
    if (epp_queues_at_zero && (s->name == "llm_d_epp_flow_control_queue_size" ||
                               s->name == "inference_extension_flow_control_queue_size")) {
      return false;
    }
    return util::starts_with(s->name, "llm_d_epp_flow_control_") ||
           util::starts_with(s->name, "inference_extension_flow_control_");
  });
}

} // namespace isvc::promql
