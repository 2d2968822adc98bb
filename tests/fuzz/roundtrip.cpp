// SPDX-License-Identifier: Apache-2.0
#include "roundtrip.hpp"

#include "diag/diagnostic.hpp"
#include "parse/inference_service.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "render/render.hpp"

#include <cmath>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace isvc::fuzz {
namespace {

bool all_of_chars(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

// YAML 1.2 core schema (spec 10.3.2): what a plain scalar resolves to other than a string.
bool core_non_string(std::string_view s) {
  for (std::string_view w : {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false",
                             "False", "FALSE", ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"}) {
    if (s == w) {
      return true;
    }
  }
  std::string_view body = s;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return true;
  }
  if ((s.rfind("0o", 0) == 0 && all_of_chars(s.substr(2), "01234567")) ||
      (s.rfind("0x", 0) == 0 && all_of_chars(s.substr(2), "0123456789abcdefABCDEF"))) {
    return true;
  }
  // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::size_t e = body.find_first_of("eE");
  std::string_view mant = body.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view exp = body.substr(e + 1);
    if (!exp.empty() && (exp[0] == '-' || exp[0] == '+')) {
      exp.remove_prefix(1);
    }
    if (!all_of_chars(exp, "0123456789")) {
      return false;
    }
  }
  std::size_t dot = mant.find('.');
  std::string_view whole = mant.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : mant.substr(dot + 1);
  bool whole_ok = whole.empty() || all_of_chars(whole, "0123456789");
  bool frac_ok = frac.empty() || all_of_chars(frac, "0123456789");
  return whole_ok && frac_ok && (!whole.empty() || !frac.empty()) &&
         (dot != std::string_view::npos || !whole.empty());
}

bool same_number(const emit::Doc& a, const emit::Doc& b) {
  double x = a.get<double>();
  double y = b.get<double>();
  return (std::isnan(x) && std::isnan(y)) || a == b || x == y;
}

// The loader drops null-valued map entries as Kubernetes does (yaml_loader.hpp), so a
// `key: null` written out is expected back as an absent key.
emit::Doc without_null_entries(const emit::Doc& d) {
  if (d.is_object()) {
    emit::Doc out = emit::Doc::object();
    for (auto it = d.begin(); it != d.end(); ++it) {
      if (!it.value().is_null()) {
        out[it.key()] = without_null_entries(it.value());
      }
    }
    return out;
  }
  if (d.is_array()) {
    emit::Doc out = emit::Doc::array();
    for (const auto& v : d) {
      out.push_back(without_null_entries(v));
    }
    return out;
  }
  return d;
}

std::optional<std::string>
compare(const emit::Doc& want, const emit::Doc& got, const std::string& at) {
  if (want.is_number() && got.is_number()) {
    return same_number(want, got)
               ? std::nullopt
               : std::optional(fmt::format("{}: {} read back as {}", at, want.dump(), got.dump()));
  }
  if (want.type() != got.type() || want.size() != got.size()) {
    return fmt::format("{}: {} read back as {}", at, want.dump(), got.dump());
  }
  if (want.is_object()) {
    auto g = got.begin();
    for (auto w = want.begin(); w != want.end(); ++w, ++g) {
      if (w.key() != g.key()) {
        return fmt::format("{}: key {:?} read back as {:?}", at, w.key(), g.key());
      }
      if (auto why = compare(w.value(), g.value(), at + "/" + w.key())) {
        return why;
      }
    }
    return std::nullopt;
  }
  if (want.is_array()) {
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (auto why = compare(want[i], got[i], fmt::format("{}/{}", at, i))) {
        return why;
      }
    }
    return std::nullopt;
  }
  return want == got
             ? std::nullopt
             : std::optional(fmt::format("{}: {} read back as {}", at, want.dump(), got.dump()));
}

// yaml-cpp: every string (key or value) comes back as the same text, quoted or
// plain but then not a YAML 1.2 core null/bool/number.
std::optional<std::string>
compare_12(const emit::Doc& want, const YAML::Node& got, const std::string& at);

std::optional<std::string>
string_12(const std::string& want, const YAML::Node& got, const std::string& at) {
  if (!got.IsScalar() || got.Scalar() != want) {
    return fmt::format("{}: string {:?} is not the same scalar for yaml-cpp", at, want);
  }
  if (got.Tag() == "?" && core_non_string(want)) {
    return fmt::format("{}: string {:?} is written plain, a YAML 1.2 non-string", at, want);
  }
  return std::nullopt;
}

std::optional<std::string>
compare_12(const emit::Doc& want, const YAML::Node& got, const std::string& at) {
  if (want.is_string()) {
    return string_12(want.get<std::string>(), got, at);
  }
  if (want.is_object()) {
    if (!got.IsMap() || got.size() != want.size()) {
      return fmt::format("{}: mapping not read back as a mapping by yaml-cpp", at);
    }
    auto g = got.begin();
    for (auto w = want.begin(); w != want.end(); ++w, ++g) {
      if (auto why = string_12(w.key(), g->first, at + " key")) {
        return why;
      }
      if (auto why = compare_12(w.value(), g->second, at + "/" + w.key())) {
        return why;
      }
    }
    return std::nullopt;
  }
  if (want.is_array()) {
    if (!got.IsSequence() || got.size() != want.size()) {
      return fmt::format("{}: list not read back as a list by yaml-cpp", at);
    }
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (auto why = compare_12(want[i], got[i], fmt::format("{}/{}", at, i))) {
        return why;
      }
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> check_round_trip(const emit::Doc& expected, const std::string& yaml) {
  diag::Sink sink;
  auto file = parse::load_yaml("roundtrip.yaml", yaml, sink);
  for (const auto& d : sink.items()) {
    if (d.severity == diag::Severity::error) {
      return fmt::format("emitted YAML does not load: {} {}\n{}", d.rule, d.message, yaml);
    }
  }
  if (file.docs.size() != 1) {
    return fmt::format("emitted YAML holds {} documents\n{}", file.docs.size(), yaml);
  }
  if (auto why = compare(without_null_entries(expected), parse::to_json(file.docs[0].root), "")) {
    return *why + "\n" + yaml;
  }
  YAML::Node node;
  try {
    node = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    return fmt::format("yaml-cpp cannot read the emitted YAML: {}\n{}", e.what(), yaml);
  }
  if (auto why = compare_12(expected, node, "")) {
    return *why + "\n" + yaml;
  }
  return std::nullopt;
}

void for_each_emitted(const std::string& text, const std::function<void(const emit::Doc&)>& fn) {
  diag::Sink sink;
  auto file = parse::load_yaml("fuzz.yaml", text, sink);
  for (const auto& doc : file.docs) {
    fn(parse::to_json(doc.root));
    if (!parse::is_inference_service(doc.root)) {
      continue;
    }
    auto model = parse::read_inference_service("fuzz.yaml", doc, sink);
    for (auto mode : {render::Mode::external, render::Mode::kserve}) {
      render::Options opts;
      opts.mode = mode;
      render::Result res;
      render::render_isvc(model, opts, res, sink);
      for (const auto& obj : res.objects) {
        fn(obj.body);
      }
    }
  }
}

} // namespace isvc::fuzz
