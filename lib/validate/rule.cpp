// SPDX-License-Identifier: Apache-2.0
#include "validate/rule.hpp"

#include <algorithm>

namespace isvc::validate {
namespace {

std::string scalar(const model::Node* n) {
  return n != nullptr && n->is_scalar() ? n->value : std::string();
}

// RFC 6901 unescaping of one reference token.
std::string unescape(std::string_view tok) {
  std::string out;
  for (std::size_t i = 0; i < tok.size(); ++i) {
    if (tok[i] == '~' && i + 1 < tok.size()) {
      out += tok[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += tok[i];
    }
  }
  return out;
}

} // namespace

std::string Subject::name() const {
  const auto* m = doc.root.get("metadata");
  return m != nullptr ? scalar(m->get("name")) : std::string();
}

std::string Subject::ns() const {
  const auto* m = doc.root.get("metadata");
  return m != nullptr ? scalar(m->get("namespace")) : std::string();
}

std::string Subject::scope() const {
  std::string n = ns();
  if (!n.empty()) {
    return n;
  }
  // '\x01' cannot start a namespace (a DNS label).
  return "\x01" + std::to_string(directory);
}

namespace {

// Walks one pointer step; nullptr if absent.
const model::Node* step(const model::Node& cur, const std::string& tok) {
  if (cur.is_map()) {
    return cur.get(tok);
  }
  if (cur.is_seq() && !tok.empty() && tok.size() < 10 &&
      std::all_of(tok.begin(), tok.end(), ::isdigit)) {
    std::size_t idx = std::stoul(tok);
    return idx < cur.items.size() ? &cur.items[idx] : nullptr;
  }
  return nullptr;
}

template <class Fn> void walk(std::string_view pointer, Fn&& fn) {
  std::size_t pos = 0;
  while (pos < pointer.size() && pointer[pos] == '/') {
    std::size_t end = pointer.find('/', pos + 1);
    std::string tok =
        unescape(pointer.substr(pos + 1, end == std::string_view::npos ? end : end - pos - 1));
    pos = end == std::string_view::npos ? pointer.size() : end;
    if (!fn(tok)) {
      return;
    }
  }
}

} // namespace

const model::Node* node_at(const model::Node& root, std::string_view pointer) {
  const model::Node* cur = &root;
  walk(pointer, [&cur](const std::string& tok) {
    cur = step(*cur, tok);
    return cur != nullptr;
  });
  return cur;
}

model::Mark mark_at(const model::Node& root, std::string_view pointer) {
  const model::Node* cur = &root;
  model::Mark mark = root.mark;
  walk(pointer, [&](const std::string& tok) {
    const model::Node* next = step(*cur, tok);
    if (next == nullptr) {
      return false;
    }
    // A mapping or list (or `key:` with no value) is best shown by its key; a
    // yaml-cpp mapping's own mark is its first child's position.
    bool use_key = cur->is_map() && (next->is_null() || next->is_map() || next->is_seq());
    mark = use_key ? cur->key_mark(tok) : next->mark;
    cur = next;
    return true;
  });
  return mark;
}

diag::Diagnostic&
Reporter::at(model::Mark mark, std::string pointer, std::string message, std::string fix) {
  diag::Diagnostic d;
  d.file = m_doc.shared_file();
  d.doc = m_doc.doc.index;
  d.mark = mark.line == 0 ? m_doc.doc.root.mark : mark;
  d.severity = m_severity.value_or(m_rule.severity);
  d.rule = m_rule.id;
  d.message = std::move(message);
  d.fix = fix.empty() ? util::SharedText::borrow(m_rule.fix) : util::SharedText(fix);
  d.pointer = std::move(pointer);
  d.object = m_doc.object();
  m_sink.add(std::move(d));
  return m_sink.items().back();
}

diag::ObjectRef Subject::object() const {
  return {util::SharedText::known(type.api_version), util::SharedText::known(type.kind), ns(),
          name()};
}

util::SharedText Subject::shared_file() const {
  return file_text != nullptr ? *file_text : util::SharedText(file);
}

DocRef doc_ref(const Subject& d) { return {d.shared_file(), d.doc.index, d.object()}; }

Spot spot(const Subject& d, model::Mark mark, std::string pointer) {
  Spot s{mark.line == 0 ? d.doc.root.mark : mark, std::move(pointer)};
  if (d.lines != nullptr && d.caret_lines != nullptr && !d.caret_lines->has(s.mark.line)) {
    if (auto line = d.lines->line(d.source, s.mark.line); !line.empty()) {
      d.caret_lines->add(s.mark.line, line);
    }
  }
  return s;
}

void CrossReporter::at(const DocRef& doc,
                       const Spot& where,
                       std::string message,
                       std::optional<diag::Severity> severity) {
  diag::Diagnostic d;
  d.file = doc.file;
  d.doc = doc.index;
  d.mark = where.mark;
  d.severity = severity.value_or(m_rule.severity);
  d.rule = m_rule.id;
  d.message = std::move(message);
  d.fix = util::SharedText::borrow(m_rule.fix);
  d.pointer = where.pointer;
  d.object = doc.object; // its caret line was kept by spot()
  m_sink.add(std::move(d));
}

void Reporter::forward(diag::Diagnostic d) {
  d.file = m_doc.shared_file();
  d.doc = m_doc.doc.index;
  if (d.mark.line == 0) {
    d.mark = m_doc.doc.root.mark;
  }
  m_sink.add(std::move(d));
}

const Rule* find_rule(std::string_view id) {
  const auto& all = rules();
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const Rule* r, std::string_view v) { return r->id < v; });
  return it != all.end() && (*it)->id == id ? *it : nullptr;
}

std::vector<std::string_view> rule_ids() {
  std::vector<std::string_view> ids;
  for (const auto* r : rules()) {
    ids.push_back(r->id);
  }
  return ids;
}

} // namespace isvc::validate
