// SPDX-License-Identifier: Apache-2.0
#include "parse/yaml_loader.hpp"

#include "parse/document_stream.hpp"
#include "parse/yaml_checks.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <istream>
#include <map>
#include <new>
#include <optional>
#include <set>
#include <streambuf>
#include <string_view>
#include <unordered_map>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace isvc::parse {
namespace {

using model::Mark;
using model::Node;

// Aliases are expanded by copy; cap the total so "billion laughs" input
// fails fast instead of exhausting memory.
constexpr std::size_t k_max_nodes = 2'000'000;
// Nodes copied by aliases alone: far more than any manifest's anchors, and an alias
// bomb stops at ~25 MB instead of the ~250 MB that k_max_nodes would allow.
constexpr std::size_t k_max_alias_nodes = 200'000;

struct TooLarge {
  YAML::Mark mark;
};

struct Unbalanced {};

// yaml-cpp handed over an empty or repeated document: stray flow indicators.
struct StrayFlow {};

// A byte kubectl's YAML reader refuses (go-yaml: "invalid leading UTF-8
// octet", "control characters are not allowed"); yaml-cpp reads them.
struct BadByte {
  std::size_t offset = 0;
  std::string message;
};

// Checks the text is UTF-8 without C0/C1 control characters other than tab,
// LF, CR and NEL (YAML 1.1/1.2 "printable"). A leading BOM is fine.
std::optional<BadByte> check_encoding(std::string_view text) {
  auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    return BadByte{0, "this file is UTF-16 (it starts with a UTF-16 byte order mark); save it as "
                      "UTF-8"};
  }
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    unsigned char b = byte(i);
    if (b < 0x80) {
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
        return BadByte{i, fmt::format("control character U+{:04X} is not allowed in YAML", b)};
      }
      ++i;
      continue;
    }
    std::size_t len = util::utf8_length(text, i);
    if (len == 0) {
      return BadByte{i, fmt::format("invalid UTF-8 byte 0x{:02X}; YAML input must be UTF-8", b)};
    }
    if (b == 0xC2 && byte(i + 1) < 0xA0 && byte(i + 1) != 0x85) {
      return BadByte{i,
                     fmt::format("control character U+{:04X} is not allowed in YAML", byte(i + 1))};
    }
    i += len;
  }
  return std::nullopt;
}

// yaml-cpp 0.7 decodes the escapes \N and \_ to the lone bytes 0x85 and 0xA0 rather than
// UTF-8 (C2 85, C2 A0); its other escapes are encoded, but \uD800 becomes a surrogate.
// The input text is checked UTF-8, so a lone 0x85 or 0xA0 can only come from those two
// escapes: re-encodes them. False if the scalar is still not well-formed UTF-8.
bool repair_scalar(std::string& s) {
  auto byte = [&s](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  std::string out;
  bool changed = false;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char b = byte(i);
    std::size_t len = util::utf8_length(s, i);
    bool ok = len != 0;
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else if (b == 0x85 || b == 0xA0) {
      out += static_cast<char>(0xC2);
      out += static_cast<char>(b);
      changed = true;
      ++i;
    } else {
      return false;
    }
  }
  if (changed) {
    s = std::move(out);
  }
  return true;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// yaml-cpp marks count bytes; editors and SARIF count characters. Converts
// byte columns to code-point columns: free on ASCII-only lines, and on other
// lines incremental from the previous mark (marks mostly arrive in order), so
// a long single-line file stays linear.
class Columns {
public:
  std::string_view text() const { return m_text; }
  /// Over `lines`, the caller's index of `text` (which must outlive this), or one of its own.
  Columns(std::string_view text, const util::LineIndex* lines)
      : m_text(text), m_bom(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) {
    if (lines == nullptr) {
      m_own = util::LineIndex(text);
    }
    m_lines = lines != nullptr ? lines : &m_own;
  }
  Columns(const Columns&) = delete;
  Columns& operator=(const Columns&) = delete;
  /// The 0-based line that starts at byte `offset`, as yaml-cpp counts lines.
  std::size_t line_of(std::size_t offset) const { return m_lines->line_of(offset) - 1; }

  Mark to_mark(const YAML::Mark& m) const {
    if (m.line < 0 || m.column < 0) {
      return Mark{};
    }
    auto line = static_cast<std::size_t>(m.line);
    auto col = static_cast<std::size_t>(m.column);
    return Mark{static_cast<std::uint32_t>(line + 1),
                static_cast<std::uint32_t>(chars_before(line, col) + 1)};
  }

private:
  std::size_t chars_before(std::size_t line, std::size_t col) const {
    if (line >= m_lines->size() || !m_lines->multibyte(line + 1)) {
      return col;
    }
    if (m_cursor.line != line || m_cursor.byte > col) {
      m_cursor = Cursor{line, 0, 0};
    }
    // yaml-cpp's columns on line 1 start after a BOM.
    std::size_t base =
        m_lines->start(static_cast<std::uint32_t>(line + 1)) + (line == 0 ? m_bom : 0);
    for (; m_cursor.byte < col && base + m_cursor.byte < m_text.size(); ++m_cursor.byte) {
      m_cursor.chars += continuation_byte(m_text[base + m_cursor.byte]) ? 0 : 1;
    }
    return m_cursor.chars + (col - m_cursor.byte);
  }

  struct Cursor {
    std::size_t line = 0;
    std::size_t byte = 0;
    std::size_t chars = 0;
  };
  std::string_view m_text;
  std::size_t m_bom;
  util::LineIndex m_own;
  const util::LineIndex* m_lines;
  mutable Cursor m_cursor;
};

// yaml-cpp ends a quoted scalar that is still open at EOF silently, swallowing the rest of
// the file. From the opening quote at byte `pos`, scan for its closing quote: '' escapes a
// single quote, a backslash escapes in double quotes. Not a quote at `pos`: nothing to check.
bool closed_quote(std::string_view text, int pos) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= text.size()) {
    return true;
  }
  char q = text[static_cast<std::size_t>(pos)];
  if (q != '"' && q != '\'') {
    return true;
  }
  for (std::size_t i = static_cast<std::size_t>(pos) + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == q) {
      if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return true;
    }
  }
  return false;
}

std::size_t count_nodes(const Node& n) {
  std::size_t total = 1;
  for (const auto& c : n.items) {
    total += count_nodes(c);
  }
  return total;
}

// A mark of a parser whose input starts at `base` (a segment, always at a line start) as a
// mark in the whole text; null marks stay null.
YAML::Mark shifted(YAML::Mark m, const YAML::Mark& base) {
  if (m.line >= 0) {
    m.pos += base.pos;
    m.line += base.line;
  }
  return m;
}

class Builder : public YAML::EventHandler {
public:
  /// `base`: where in the text the parser's input starts (a segment of it, see segments());
  /// `end`: where that input ends.
  Builder(const std::string& path,
          int doc_index,
          const Columns& columns,
          diag::Sink& sink,
          YAML::Mark base = {},
          std::size_t end = std::string_view::npos)
      : m_path(path), m_doc(doc_index), m_columns(columns), m_sink(sink), m_base(base), m_end(end) {
  }

  Node take_root() { return std::move(m_root); }
  bool saw_events() const { return m_nodes > 0; }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& raw, YAML::anchor_t anchor) override {
    YAML::Mark mark = in_text(raw);
    Node n;
    n.kind = Node::Kind::null;
    n.mark = to_mark(mark);
    // yaml-cpp reads `[1, , 2]` as [1, null, 2]; go-yaml and PyYAML refuse an empty flow entry.
    auto at = static_cast<std::size_t>(mark.pos);
    std::string_view text = m_columns.text();
    if (!m_stack.empty() && m_stack.back().flow && m_stack.back().node.is_seq() && mark.pos >= 0 &&
        at < text.size() && (text[at] == ',' || text[at] == ']')) {
      report(n.mark, "yaml-syntax", "empty entry in a flow sequence (\", ,\")",
             "Remove the extra comma, or write null explicitly.");
    }
    complete(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& raw, YAML::anchor_t anchor) override {
    YAML::Mark mark = in_text(raw);
    auto it = m_anchors.find(anchor);
    Node n;
    if (it != m_anchors.end()) {
      std::size_t copied = count_nodes(it->second);
      m_nodes += copied;
      m_alias_nodes += copied;
      if (m_nodes > k_max_nodes || m_alias_nodes > k_max_alias_nodes) {
        throw TooLarge{mark};
      }
      n = it->second;
    } else {
      // yaml-cpp rejects unknown aliases itself: one not recorded yet is inside its own anchor.
      report(to_mark(mark), "yaml-syntax", "this alias refers to the node that defines its anchor",
             "A node cannot contain itself; copy the value instead of aliasing it.");
    }
    n.mark = to_mark(mark);
    complete(std::move(n), 0);
  }

  void OnScalar(const YAML::Mark& raw,
                const std::string& tag,
                YAML::anchor_t anchor,
                const std::string& value) override {
    YAML::Mark mark = in_text(raw);
    Node n;
    n.kind = Node::Kind::scalar;
    n.mark = to_mark(mark);
    n.value = value;
    if (!repair_scalar(n.value)) {
      report(n.mark, "yaml-syntax",
             "this scalar's escapes decode to text that is not valid UTF-8 (e.g. a "
             "surrogate escape such as \\uD800)",
             "Write the character itself, or escape a whole code point (\\U0001F600).");
      n.value.clear();
    }
    // yaml-cpp reports "?" for plain scalars and "!" for quoted or block ones.
    n.quoted = tag != "?" && tag != "";
    check(n.mark, tag, value, true);
    // Within the parser's input only: a segment's open quote may not close in the next one.
    if (n.quoted && !closed_quote(m_columns.text().substr(0, m_end), mark.pos)) {
      report(n.mark, "yaml-syntax",
             "this quoted scalar has no closing quote before the end of "
             "the input",
             "Add the closing quote.");
    }
    if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
        tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
      n.quoted = false;
    }
    complete(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark,
                       const std::string& tag,
                       YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(Node::Kind::seq, in_text(mark), anchor, style == YAML::EmitterStyle::Flow);
    check(m_stack.back().node.mark, tag, {}, false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark,
                  const std::string& tag,
                  YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(Node::Kind::map, in_text(mark), anchor, style == YAML::EmitterStyle::Flow);
    check(m_stack.back().node.mark, tag, {}, false);
  }
  void OnMapEnd() override { close(); }

private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    bool flow = false;
    bool have_key = false;
    bool key_is_merge = false;
    std::string key;
    Mark key_mark;
    /// Entries whose key is a plain `<<` (YAML 1.1 merge key).
    std::vector<std::size_t> merges;
    /// Key -> its index in node.keys: the duplicate check is O(1) per key (64k keys).
    /// Filled only once the map has k_scan_limit keys (see first_entry).
    std::unordered_map<std::string, std::size_t> seen;
  };

  static constexpr std::size_t k_scan_limit = 16;
  static constexpr std::size_t k_no_entry = static_cast<std::size_t>(-1);

  // The index of top.key's first entry in the frame's map, or k_no_entry: a short scan
  // while the map is small, so a small mapping allocates no hash index (one string copy and
  // one hash node per key were 0.9% of lint instructions), and the index beyond that.
  static std::size_t first_entry(Frame& top) {
    const auto& keys = top.node.keys;
    if (keys.size() < k_scan_limit) {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].first == top.key) {
          return i;
        }
      }
      return k_no_entry;
    }
    if (top.seen.empty()) {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        top.seen.try_emplace(keys[i].first, i);
      }
    }
    auto [at, fresh] = top.seen.try_emplace(top.key, keys.size());
    return fresh ? k_no_entry : at->second;
  }

  void check(Mark mark, const std::string& tag, std::string_view value, bool scalar) {
    if (auto why = check_tag(tag, value, scalar)) {
      report(mark, "yaml-syntax", std::move(*why), "Remove the tag; write the value plainly.");
    }
  }

  void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor, bool flow) {
    Frame f;
    f.flow = flow;
    f.node.kind = kind;
    f.node.mark = to_mark(mark);
    f.anchor = anchor;
    m_stack.push_back(std::move(f));
  }

  void close() {
    // yaml-cpp can report an end without a start on malformed flow input (", 2]").
    if (m_stack.empty()) {
      throw Unbalanced{};
    }
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    if (f.node.is_map()) {
      apply_merges(f);
      drop_nulls(f.node);
    }
    complete(std::move(f.node), f.anchor);
  }

  // YAML 1.1 merge keys, which kubectl applies (sigs.k8s.io/yaml on go-yaml
  // v2; yaml-cpp leaves `<<` as a plain key): a mapping, or a list of them,
  // adds the keys not written explicitly; earlier mappings in the list win.
  // Merged keys and values keep the marks of the text they were written in.
  void apply_merges(Frame& f) {
    if (f.merges.empty()) {
      return;
    }
    Node& map = f.node;
    std::vector<bool> is_merge(map.keys.size(), false);
    for (std::size_t i : f.merges) {
      is_merge[i] = true;
    }
    std::set<std::string> present;
    for (std::size_t i = 0; i < map.keys.size(); ++i) {
      if (!is_merge[i]) {
        present.insert(map.keys[i].first);
      }
    }
    std::vector<std::pair<std::string, Mark>> keys;
    std::vector<Node> items;
    auto take = [&](Node& source) {
      for (std::size_t j = 0; j < source.keys.size(); ++j) {
        if (present.insert(source.keys[j].first).second) {
          keys.push_back(std::move(source.keys[j]));
          items.push_back(std::move(source.items[j]));
        }
      }
    };
    for (std::size_t i = 0; i < map.keys.size(); ++i) {
      if (!is_merge[i]) {
        keys.push_back(std::move(map.keys[i]));
        items.push_back(std::move(map.items[i]));
        continue;
      }
      Node& value = map.items[i];
      if (value.is_map()) {
        take(value);
        continue;
      }
      if (value.is_seq() && std::all_of(value.items.begin(), value.items.end(),
                                        [](const Node& n) { return n.is_map(); })) {
        for (Node& source : value.items) {
          take(source);
        }
        continue;
      }
      const Node* bad = &value;
      for (const Node& n : value.items) {
        if (!n.is_map()) {
          bad = &n;
          break;
        }
      }
      report(bad->mark, "yaml-syntax",
             fmt::format("merge key \"<<\" needs a mapping or a list of mappings, not {}",
                         model::describe(*bad)),
             "Merge a mapping (<<: *anchor) or a list of mappings (<<: [*a, *b]).");
    }
    map.keys = std::move(keys);
    map.items = std::move(items);
  }

  // Kubernetes drops null-valued object fields before validation (CRD
  // structural-schema pruning, PruneNonNullableNullsWithoutDefaults; built-in
  // types decode null as unset), so `field: ~` means "absent" to every
  // consumer. Null list items are not pruned there and stay.
  static void drop_nulls(Node& map) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < map.items.size(); ++i) {
      if (map.items[i].is_null_value()) {
        continue;
      }
      if (out != i) {
        map.items[out] = std::move(map.items[i]);
        map.keys[out] = std::move(map.keys[i]);
      }
      ++out;
    }
    map.items.resize(out);
    map.keys.resize(out);
  }

  void complete(Node n, YAML::anchor_t anchor) {
    if (++m_nodes > k_max_nodes) {
      throw TooLarge{YAML::Mark{}};
    }
    if (anchor != 0) {
      m_anchors[anchor] = n;
    }
    if (m_stack.empty()) {
      m_root = std::move(n);
      return;
    }
    Frame& top = m_stack.back();
    if (top.node.kind == Node::Kind::seq) {
      top.node.items.push_back(std::move(n));
      return;
    }
    if (!top.have_key) {
      top.have_key = true;
      top.key_mark = n.mark;
      top.key_is_merge = n.is_scalar() && !n.quoted && n.value == "<<";
      if (n.kind == Node::Kind::scalar) {
        top.key = std::move(n.value);
      } else if (n.kind == Node::Kind::null) {
        top.key.clear();
      } else {
        report(n.mark, "yaml-syntax", "mapping keys must be scalars",
               "Fix the YAML syntax at this position.");
        top.key = "?";
      }
      return;
    }
    top.have_key = false;
    if (std::size_t first = first_entry(top); first != k_no_entry) {
      const auto& [k, m] = top.node.keys[first];
      report(top.key_mark, "yaml-duplicate-key",
             fmt::format("duplicate key \"{}\" (first defined at line {}, column {})", k, m.line,
                         m.col),
             "Remove or rename the repeated key; YAML readers disagree on which value wins.");
    }
    if (top.key_is_merge) {
      top.merges.push_back(top.node.keys.size());
    }
    top.node.keys.emplace_back(std::move(top.key), top.key_mark);
    top.node.items.push_back(std::move(n));
  }

  void report(Mark mark, diag::RuleId rule, std::string message, std::string fix) {
    diag::Diagnostic d;
    d.file = m_path;
    d.mark = mark;
    d.severity = diag::Severity::error;
    d.rule = rule;
    d.message = std::move(message);
    d.doc = m_doc;
    d.fix = std::move(fix);
    m_sink.add(std::move(d));
  }

  Mark to_mark(const YAML::Mark& m) const { return m_columns.to_mark(m); }
  YAML::Mark in_text(const YAML::Mark& m) const { return shifted(m, m_base); }

  const std::string& m_path;
  int m_doc;
  const Columns& m_columns;
  diag::Sink& m_sink;
  YAML::Mark m_base;
  std::size_t m_end;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, Node> m_anchors;
  Node m_root;
  std::size_t m_nodes = 0;
  std::size_t m_alias_nodes = 0;
};

void syntax_error(
    const std::string& path, diag::Sink& sink, Mark mark, std::string message, int doc) {
  diag::Diagnostic d;
  d.file = path;
  d.mark = mark.line == 0 ? Mark{1, 1} : mark;
  d.severity = diag::Severity::error;
  d.rule = "yaml-syntax";
  d.message = std::move(message);
  d.fix = "Fix the YAML syntax at this position; nothing in this file is used until it parses.";
  d.doc = doc;
  sink.add(std::move(d));
}

// The start of 0-based `line` in `text`, or npos.
std::size_t line_start(std::string_view text, int line) {
  std::size_t pos = 0;
  for (int l = 0; l < line && pos != std::string_view::npos; ++l) {
    pos = text.find('\n', pos);
    pos = pos == std::string_view::npos ? pos : pos + 1;
  }
  return pos;
}

// yaml-cpp says "illegal map value" or "illegal tab when looking for
// indentation" for a tab-indented line; name the tab instead.
bool tab_indent(std::string_view text, const YAML::Mark& mark, YAML::Mark& tab) {
  std::size_t start = line_start(text, mark.line);
  if (mark.line < 0 || start == std::string_view::npos) {
    return false;
  }
  for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
    if (text[i] == '\t') {
      tab = mark;
      tab.column = static_cast<int>(i - start);
      return true;
    }
  }
  return false;
}

// `kubectl get ... -o yaml` prints a v1 List: its items are the objects, each checked and
// rendered as a document of its own (positions stay those of the file). `next` is the index
// the next List item gets.
void hand_over(Document&& d, int& next, const DocumentFn& on_doc) {
  const Node* kind = d.root.get("kind");
  const Node* api = d.root.get("apiVersion");
  Node* items = nullptr;
  for (std::size_t k = 0; d.root.is_map() && k < d.root.keys.size(); ++k) {
    if (d.root.keys[k].first == "items") {
      items = &d.root.items[k];
    }
  }
  bool list = kind != nullptr && kind->is_scalar() && kind->value == "List" && api != nullptr &&
              api->is_scalar() && api->value == "v1" && items != nullptr && items->is_seq();
  if (!list) {
    on_doc(std::move(d));
    return;
  }
  for (std::size_t i = 0; i < items->items.size(); ++i) {
    on_doc(Document{std::move(items->items[i]), next++, d.index, "/items/" + std::to_string(i)});
  }
}

// Reads the text in place (std::istringstream would copy it: 47 MB more for a 47 MB stream).
class ViewBuf : public std::streambuf {
public:
  explicit ViewBuf(std::string_view text) {
    char* begin = const_cast<char*>(text.data()); // read only: only the get area is set
    setg(begin, begin, begin + text.size());
  }
};

// Before yaml-cpp runs: bytes kubectl refuses, and directives without "---". False if found.
bool prechecked(const std::string& path, std::string_view text, diag::Sink& sink) {
  if (auto bad = check_encoding(text)) {
    std::string_view before = text.substr(0, bad->offset);
    std::size_t nl = before.rfind('\n');
    std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
    // Columns count characters (code points), as editors and SARIF do.
    auto line = std::count(before.begin(), before.end(), '\n');
    auto col = std::count_if(before.begin() + static_cast<std::ptrdiff_t>(start), before.end(),
                             [](char c) { return !continuation_byte(c); });
    syntax_error(path, sink,
                 Mark{static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(col + 1)},
                 std::move(bad->message), -1);
    return false;
  }
  if (auto at = directive_without_document_start(text)) {
    auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*at), '\n');
    syntax_error(path, sink, Mark{static_cast<std::uint32_t>(line + 1), 1},
                 "a document after %YAML or %TAG directives must start with \"---\"", 0);
    return false;
  }
  return true;
}

// Where the documents of a large stream start: every line that begins a document ("---",
// then a blank or the line's end), with 0 first. A parser per document is what keeps a
// stream's memory flat: yaml-cpp's scanner keeps every indentation marker it pushed until it
// is destroyed (scanner.cpp PushIndentTo appends to m_indentRefs; PopIndent pops only
// m_indents), 400 bytes a document. Empty (one parser) for a text under 1 MiB, or with a line
// starting with "%" (yaml-cpp keeps directives for the documents after them) or "...".
std::vector<std::size_t> segments(std::string_view text) {
  std::vector<std::size_t> out;
  if (text.size() < (std::size_t{1} << 20)) {
    return out;
  }
  out.push_back(0);
  for (std::size_t at = 0; at < text.size();) {
    std::size_t eol = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, eol - at);
    if (line.starts_with('%') || line.starts_with("...")) {
      return {};
    }
    if (line.starts_with("---") && at != 0 &&
        (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r')) {
      out.push_back(at);
    }
    at = eol + 1;
  }
  return out;
}

// Where the parse of the documents is.
struct Progress {
  int index = 0; // the document being parsed
  int next_item = k_list_item_base;
  std::optional<std::pair<model::Mark, Node::Kind>> last;
};

// yaml-cpp's parse of the documents of text[base.pos...] (yaml-cpp/parser.h:
// HandleNextDocument "handles the next document by calling events on the eventHandler", false
// when there are no more): each is handed over before the next is read, or, with `held`,
// kept there. Marks, those of exceptions too, are the whole text's.
void parse_documents(const std::string& path,
                     std::string_view text,
                     const Columns& columns,
                     diag::Sink& sink,
                     const DocumentFn& on_doc,
                     Progress& at,
                     YAML::Mark base,
                     std::vector<Document>* held = nullptr) {
  ViewBuf buf(text.substr(static_cast<std::size_t>(base.pos)));
  std::istream in(&buf);
  YAML::Parser parser(in);
  try {
    while (true) {
      Builder builder(path, at.index, columns, sink, base, text.size());
      if (!parser.HandleNextDocument(builder)) {
        break;
      }
      // yaml-cpp reports the same "document" again and again, without consuming
      // input, for stray flow indicators (", 2]"): stop instead of looping.
      Node root = builder.take_root();
      bool repeated = at.last && root.mark.line == at.last->first.line &&
                      root.mark.col == at.last->first.col && root.kind == at.last->second;
      if (!builder.saw_events() || repeated) {
        throw StrayFlow{};
      }
      at.last.emplace(root.mark, root.kind);
      if (held != nullptr) {
        held->push_back(Document{std::move(root), at.index, at.index, {}});
      } else {
        hand_over(Document{std::move(root), at.index, at.index, {}}, at.next_item, on_doc);
      }
      ++at.index;
    }
  } catch (YAML::Exception& e) {
    e.mark = shifted(e.mark, base);
    throw;
  }
}

// Segment [begin, end) by a parser of its own. False, with nothing reported or handed over,
// unless it parses cleanly alone: then one parser reads on from its start, as one parser over
// the whole text would (each earlier segment ended at a "---" line, where yaml-cpp's scanner
// pops every indentation and simple key: a fresh parser's state).
bool parse_segment(const std::string& path,
                   std::string_view text,
                   const Columns& columns,
                   diag::Sink& sink,
                   const DocumentFn& on_doc,
                   Progress& at,
                   std::size_t begin,
                   std::size_t end) {
  diag::Sink found;
  std::vector<Document> docs;
  Progress next = at;
  YAML::Mark base;
  base.pos = static_cast<int>(begin);
  base.line = static_cast<int>(columns.line_of(begin));
  try {
    parse_documents(path, text.substr(0, end), columns, found, on_doc, next, base, &docs);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (...) {
    return false;
  }
  for (const auto& d : found.items()) {
    if (d.rule == "yaml-syntax") {
      return false;
    }
  }
  for (auto& d : found.items()) {
    sink.add(std::move(d));
  }
  for (auto& d : docs) {
    hand_over(std::move(d), next.next_item, on_doc);
  }
  at = next;
  return true;
}

// The documents: a parser per segment while they parse cleanly alone, then one parser.
void parse_stream(const std::string& path,
                  std::string_view text,
                  const Columns& columns,
                  diag::Sink& sink,
                  const DocumentFn& on_doc,
                  Progress& at) {
  auto starts = segments(text);
  std::size_t k = 0;
  for (; k < starts.size(); ++k) {
    std::size_t end = k + 1 < starts.size() ? starts[k + 1] : text.size();
    if (!parse_segment(path, text, columns, sink, on_doc, at, starts[k], end)) {
      break;
    }
  }
  if (!starts.empty() && k == starts.size()) {
    return;
  }
  YAML::Mark base;
  if (k < starts.size()) {
    base.pos = static_cast<int>(starts[k]);
    base.line = static_cast<int>(columns.line_of(starts[k]));
  }
  parse_documents(path, text, columns, sink, on_doc, at, base);
}

} // namespace

bool for_each_document(const std::string& path,
                       std::string_view text,
                       diag::Sink& sink,
                       const DocumentFn& on_doc,
                       const util::LineIndex* lines) {
  if (!prechecked(path, text, sink)) {
    return false;
  }
  Columns columns(text, lines);
  Progress at;
  const int& index = at.index; // the document being parsed, for the finding that stops it
  try {
    parse_stream(path, text, columns, sink, on_doc, at);
    return true;
  } catch (const StrayFlow&) {
    syntax_error(path, sink, Mark{}, "unexpected ',', ']' or '}' outside a flow collection", index);
  } catch (const YAML::DeepRecursion& e) {
    syntax_error(
        path, sink, columns.to_mark(e.mark),
        fmt::format("nesting is deeper than the YAML reader's limit ({} levels)", e.depth() - 1),
        index);
  } catch (const YAML::Exception& e) {
    YAML::Mark tab;
    if (tab_indent(text, e.mark, tab)) {
      syntax_error(path, sink, columns.to_mark(tab),
                   "tab characters are not allowed for indentation in YAML", index);
    } else {
      syntax_error(path, sink, columns.to_mark(e.mark), e.msg, index);
    }
  } catch (const Unbalanced&) {
    syntax_error(path, sink, Mark{}, "unbalanced flow collection ('[' or '{' missing)", index);
  } catch (const TooLarge& e) {
    syntax_error(path, sink, columns.to_mark(e.mark),
                 "document expands to too many nodes (alias expansion limit reached)", index);
  }
  return false;
}

LoadedFile load_yaml(std::string path, std::string text, diag::Sink& sink) {
  LoadedFile file;
  file.path = std::move(path);
  file.text = std::move(text);
  file.complete = for_each_document(file.path, file.text, sink,
                                    [&file](Document&& d) { file.docs.push_back(std::move(d)); });
  return file;
}

std::string Document::ref() const {
  return pointer_base.empty() ? std::to_string(index) : std::to_string(source_index) + pointer_base;
}

} // namespace isvc::parse
