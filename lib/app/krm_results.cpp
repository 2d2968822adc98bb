// SPDX-License-Identifier: Apache-2.0
#include "app/krm_results.hpp"

#include <fmt/format.h>

namespace isvc::app {
namespace {

// RFC 6901 reference tokens of `pointer`, unescaped (~1 is '/', ~0 is '~').
std::vector<std::string> tokens(const std::string& pointer) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '/') {
      out.emplace_back();
    } else if (!out.empty() && pointer[i] == '~' && i + 1 < pointer.size()) {
      out.back() += pointer[++i] == '1' ? '/' : '~';
    } else if (!out.empty()) {
      out.back() += pointer[i];
    }
  }
  return out;
}

std::string string_or_empty(const emit::Doc& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// kpt and kustomize write the file an item came from in these annotations (the internal.
// ones since kyaml v0.13, kyaml/kio/kioutil/kioutil.go); the older names are still read.
std::string annotation(const emit::Doc& item, const char* key) {
  const auto md = item.find("metadata");
  if (md == item.end() || !md->is_object()) {
    return {};
  }
  const auto ann = md->find("annotations");
  if (ann == md->end() || !ann->is_object()) {
    return {};
  }
  std::string v = string_or_empty(*ann, (std::string("internal.") + key).c_str());
  return v.empty() ? string_or_empty(*ann, key) : v;
}

} // namespace

std::string field_path(const emit::Doc& item, const std::string& pointer) {
  std::string out;
  const emit::Doc* cur = &item;
  for (const auto& tok : tokens(pointer)) {
    bool index = cur != nullptr && cur->is_array() && !tok.empty() &&
                 tok.find_first_not_of("0123456789") == std::string::npos;
    bool plain = tok.find_first_of(".[]") == std::string::npos && !tok.empty();
    // A key such as serving.kserve.io/autoscalerClass goes in brackets, so dots still split.
    out += index || !plain ? "[" + tok + "]" : (out.empty() ? "" : ".") + tok;
    if (cur != nullptr && index && std::stoul(tok) < cur->size()) {
      cur = &(*cur)[std::stoul(tok)];
    } else if (cur != nullptr && cur->is_object() && cur->contains(tok)) {
      cur = &(*cur)[tok];
    } else {
      cur = nullptr;
    }
  }
  return out;
}

emit::Doc krm_result(const diag::Diagnostic& d, const emit::Doc* item) {
  emit::Doc r = emit::Doc::object();
  r["message"] = d.message;
  r["severity"] =
      d.severity == diag::Severity::note ? "info" : std::string(diag::to_string(d.severity));
  if (item != nullptr && item->is_object()) {
    emit::Doc ref = emit::Doc::object();
    ref["apiVersion"] = string_or_empty(*item, "apiVersion");
    ref["kind"] = string_or_empty(*item, "kind");
    const auto md = item->find("metadata");
    if (md != item->end() && md->is_object()) {
      ref["name"] = string_or_empty(*md, "name");
      if (auto ns = string_or_empty(*md, "namespace"); !ns.empty()) {
        ref["namespace"] = ns;
      }
    }
    r["resourceRef"] = std::move(ref);
    if (!d.pointer.empty()) {
      r["field"] = emit::Doc{{"path", field_path(*item, d.pointer)}};
    }
    if (auto path = annotation(*item, "config.kubernetes.io/path"); !path.empty()) {
      emit::Doc file = emit::Doc{{"path", path}};
      std::string index = annotation(*item, "config.kubernetes.io/index");
      if (!index.empty() && index.find_first_not_of("0123456789") == std::string::npos) {
        file["index"] = std::stoi(index);
      }
      r["file"] = std::move(file);
    }
  }
  r["tags"] = emit::Doc{{"rule", d.rule}};
  return r;
}

std::string result_line(const emit::Doc& r) {
  std::string where;
  if (r.contains("resourceRef")) {
    const auto& ref = r["resourceRef"];
    std::string ns = string_or_empty(ref, "namespace");
    where = fmt::format("{} {} {}{}: ", string_or_empty(ref, "apiVersion"),
                        string_or_empty(ref, "kind"), ns.empty() ? "" : ns + "/",
                        string_or_empty(ref, "name"));
  }
  if (r.contains("field")) {
    where += string_or_empty(r["field"], "path") + ": ";
  }
  return fmt::format("{}: {}{} [{}]", string_or_empty(r, "severity"), where,
                     string_or_empty(r, "message"), string_or_empty(r["tags"], "rule"));
}

} // namespace isvc::app
