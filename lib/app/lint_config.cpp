// SPDX-License-Identifier: Apache-2.0
// `.isvc-scale.yaml`: the keys lint and render read, each checked with its position.
#include "app/lint_config.hpp"

#include "parse/yaml_loader.hpp"
#include "util/error.hpp"
#include "util/spellcheck.hpp"
#include "validate/rule.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace isvc::app {
namespace {

std::string at(const std::string& path, const model::Node& n) {
  return fmt::format("{}:{}:{}", path, n.mark.line, n.mark.col);
}

// A list of scalars; `what` names an entry in the message ("rule ids", "globs").
std::vector<std::string>
scalar_list(const model::Node* n, const std::string& path, const char* key, const char* what) {
  std::vector<std::string> out;
  if (n == nullptr) {
    return out;
  }
  if (!n->is_seq()) {
    throw Error(fmt::format("{}: {} must be a list of {}", at(path, *n), key, what));
  }
  for (const auto& item : n->items) {
    if (!item.is_scalar() || item.value.empty()) {
      throw Error(fmt::format("{}: {} entries must be {}", at(path, item), key, what));
    }
    out.push_back(item.value);
  }
  return out;
}

std::vector<std::string> rule_list(const model::Node* n, const std::string& path, const char* key) {
  auto ids = scalar_list(n, path, key, "rule ids");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    check_rule_id(ids[i], at(path, n->items[i]));
  }
  return ids;
}

// Globs are matched against paths relative to the config's directory: one that climbs out
// of it, or is absolute, could never match and is refused where it is written.
std::vector<std::string> exclude_list(const model::Node* n, const std::string& path) {
  auto globs = scalar_list(n, path, "exclude", "globs");
  for (std::size_t i = 0; i < globs.size(); ++i) {
    const auto& g = globs[i];
    bool climbs = g == ".." || g.rfind("../", 0) == 0 || g.find("/../") != std::string::npos;
    if (g.front() == '/' || climbs) {
      throw Error(fmt::format("{}: exclude globs are relative to the directory of {}, "
                              "without '..' or a leading '/': '{}'",
                              at(path, n->items[i]), path, g));
    }
  }
  return globs;
}

std::map<std::string, diag::Severity> severity_map(const model::Node* sev,
                                                   const std::string& path) {
  std::map<std::string, diag::Severity> out;
  if (sev == nullptr) {
    return out;
  }
  if (!sev->is_map()) {
    throw Error(
        fmt::format("{}: severity must map rule ids to error, warning or note", at(path, *sev)));
  }
  for (std::size_t i = 0; i < sev->keys.size(); ++i) {
    check_rule_id(sev->keys[i].first,
                  fmt::format("{}:{}:{}", path, sev->keys[i].second.line, sev->keys[i].second.col));
    diag::Severity s{};
    if (!diag::parse_severity(sev->items[i].value, s)) {
      throw Error(
          fmt::format("{}: severity must be error, warning or note", at(path, sev->items[i])));
    }
    out[sev->keys[i].first] = s;
  }
  return out;
}

const model::Node* read_root(const std::string& path, parse::LoadedFile& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error("config file " + path + " is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error("cannot open config file " + path);
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  diag::Sink sink;
  file = parse::load_yaml(path, buf.str(), sink);
  if (!sink.items().empty()) {
    const auto& d = sink.items().front();
    throw Error(fmt::format("{}:{}:{}: {}", path, d.mark.line, d.mark.col, d.message));
  }
  if (file.docs.empty() || file.docs.front().root.is_null_value()) {
    return nullptr; // an empty config changes nothing
  }
  const auto& root = file.docs.front().root;
  if (!root.is_map()) {
    throw Error(fmt::format("{}: the config must be a mapping (disable, enable, severity, "
                            "fail-on, exclude)",
                            at(path, root)));
  }
  static const std::vector<std::string_view> k_keys = {"disable", "enable", "severity", "fail-on",
                                                       "exclude"};
  for (const auto& [k, m] : root.keys) {
    if (std::find(k_keys.begin(), k_keys.end(), k) == k_keys.end()) {
      throw Error(fmt::format("{}:{}:{}: unknown key '{}'{}", path, m.line, m.col, k,
                              util::did_you_mean(k, k_keys)));
    }
  }
  return &root;
}

} // namespace

bool parse_fail_on(std::string_view text, FailOn& out) {
  if (text == "never") {
    out = {diag::Severity::error, true};
    return true;
  }
  diag::Severity s{};
  if (!diag::parse_severity(text, s) || s == diag::Severity::note || text != diag::to_string(s)) {
    return false;
  }
  out = {s, false};
  return true;
}

void check_rule_id(const std::string& id, const std::string& where) {
  if (validate::find_rule(id) == nullptr) {
    throw Error(fmt::format("{}: unknown rule '{}'{}", where, id,
                            util::did_you_mean(id, validate::rule_ids())));
  }
}

// Input that does not parse or cannot be read was never checked: that is never a clean result.
void check_disablable(const std::string& id, const std::string& where) {
  if (id == "yaml-syntax" || id == "io-unreadable") {
    throw Error(fmt::format("{}: {} cannot be disabled: input that cannot be read or parsed is "
                            "never checked, so it always fails with exit code 2",
                            where, id));
  }
}

FileConfig load_file_config(const std::string& path) {
  parse::LoadedFile file;
  FileConfig cfg;
  std::error_code ec;
  cfg.base = std::filesystem::absolute(path, ec).parent_path().string();
  const model::Node* root = read_root(path, file);
  if (root == nullptr) {
    return cfg;
  }
  cfg.disable = rule_list(root->get("disable"), path, "disable");
  cfg.enable = rule_list(root->get("enable"), path, "enable");
  if (const auto* dis = root->get("disable"); dis != nullptr) {
    for (const auto& item : dis->items) {
      check_disablable(item.value, at(path, item));
    }
  }
  cfg.severity = severity_map(root->get("severity"), path);
  if (const auto* f = root->get("fail-on"); f != nullptr) {
    FailOn v;
    if (!f->is_scalar() || !parse_fail_on(f->value, v)) {
      throw Error(fmt::format("{}: fail-on must be error, warning or never", at(path, *f)));
    }
    cfg.fail_on = v;
  }
  cfg.exclude = exclude_list(root->get("exclude"), path);
  return cfg;
}

} // namespace isvc::app
